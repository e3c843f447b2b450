// Tests for the time axis ticks.
import { describe, expect, it } from 'vitest';
import { timeTicks } from './timeTicks.ts';

describe('timeTicks', () => {
  it('puts ticks on round clock values inside the window', () => {
    expect(timeTicks(116_000, 176_000)).toEqual([120_000, 130_000, 140_000, 150_000, 160_000, 170_000]);
    expect(timeTicks(0, 3_600_000)).toEqual([0, 600_000, 1_200_000, 1_800_000, 2_400_000, 3_000_000, 3_600_000]);
  });

  it('never labels time before the simulation started', () => {
    expect(timeTicks(-2_000_000, 1_000_000).every((t) => t >= 0)).toBe(true);
    // A one-minute axis ending 9 s in: ten-second steps, so only 0 is labelled.
    expect(timeTicks(-51_000, 9000)).toEqual([0]);
    expect(timeTicks(-2_580_000, 1_020_000)).toEqual([0, 600_000]);
  });

  it('keeps to the tick budget for any span', () => {
    for (const span of [5_000, 59_000, 600_000, 3_600_000, 86_400_000, 10 * 86_400_000]) {
      const ticks = timeTicks(1_000_000, 1_000_000 + span);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });
});
