// Tests for the simulated clock.
import { describe, expect, it } from 'vitest';
import { SimClock } from './simClock.ts';

describe('SimClock', () => {
  it('moves only when advanced, and only forward', () => {
    const clock = new SimClock();
    expect(clock.nowMs).toBe(0);
    expect(clock.advance(100)).toBe(100);
    expect(clock.advance(0)).toBe(100);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(clock.nowMs).toBe(100);
  });
});
