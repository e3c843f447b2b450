// Tests for unit and clock formatting.
import { describe, expect, it } from 'vitest';
import { formatCount, formatGiB, formatMiB, formatSimClock } from './units.ts';

describe('formatting', () => {
  it('formats sizes the way the wizard takes them', () => {
    expect(formatMiB(65536)).toBe('65536 MiB');
    expect(formatGiB(25)).toBe('25 GiB');
  });

  it('pluralises counts', () => {
    expect(formatCount(1, 'machine')).toBe('1 machine');
    expect(formatCount(0, 'machine')).toBe('0 machines');
  });

  it('formats the simulated clock with days past 24 h', () => {
    expect(formatSimClock(3_723_000)).toBe('01:02:03');
    expect(formatSimClock(90_061_000)).toBe('1d 01:01:01');
    expect(formatSimClock(-5)).toBe('00:00:00');
  });
});
