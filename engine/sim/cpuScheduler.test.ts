// Tests for proportional-share CPU scheduling: shares, reservations, limits and redistribution of unused share.
import { describe, expect, it } from 'vitest';
import { shareCpu } from './cpuScheduler.ts';

function schedule(capacity: number, want: number[], shares: number[], reservation: number[] = want.map(() => 0)): number[] {
  const n = want.length;
  const granted = new Float64Array(n);
  shareCpu(0, n, capacity, Float64Array.from(want), Float64Array.from(shares), Float64Array.from(reservation), true, granted);
  return [...granted].map((g) => Math.round(g * 1000) / 1000);
}

describe('shareCpu', () => {
  it('gives everyone what they want when capacity suffices', () => {
    expect(schedule(8, [1, 2, 3], [1000, 1000, 1000])).toEqual([1, 2, 3]);
  });

  it('splits a contended pool in proportion to shares', () => {
    expect(schedule(3, [4, 4], [2000, 1000])).toEqual([2, 1]);
  });

  it('redistributes what a satisfied guest does not need', () => {
    // Equal shares would give 2 each; the first only wants 0.5, so the others split the rest.
    expect(schedule(6, [0.5, 4, 4], [1000, 1000, 1000])).toEqual([0.5, 2.75, 2.75]);
  });

  it('honours reservations before shares', () => {
    const granted = schedule(4, [4, 4], [1000, 1000], [3, 0]);
    expect(granted[0]).toBeGreaterThanOrEqual(3);
    expect(granted[0]! + granted[1]!).toBeCloseTo(4, 6);
  });

  it('never grants more than the (limit-capped) want', () => {
    expect(schedule(16, [1.5, 0.2], [1000, 100000])).toEqual([1.5, 0.2]);
  });
});
