// Tests for the memory axis: one unit per axis, round binary steps, never "1.5 GiB" beside "1536 MiB".
import { describe, expect, it } from 'vitest';
import { memoryAxis, memoryTickLabel } from './memoryAxis.ts';

const labels = (largestMiB: number): string[] => {
  const axis = memoryAxis(largestMiB);
  return axis.ticksMiB.map((v) => memoryTickLabel(v, axis.unit));
};

describe('memoryAxis', () => {
  it('labels a 2 GiB machine in GiB only, at half-GiB steps', () => {
    expect(labels(2048 * 1.05)).toEqual(['0 GiB', '0.5 GiB', '1 GiB', '1.5 GiB', '2 GiB', '2.5 GiB']);
  });

  it('labels a machine under 1 GiB in MiB at power-of-two steps', () => {
    expect(labels(512 * 1.05)).toEqual(['0 MiB', '128 MiB', '256 MiB', '384 MiB', '512 MiB', '640 MiB']);
    expect(labels(100)).toEqual(['0 MiB', '32 MiB', '64 MiB', '96 MiB', '128 MiB']);
  });

  it('keeps large machines to a handful of round GiB ticks', () => {
    expect(labels(65_536)).toEqual(['0 GiB', '16 GiB', '32 GiB', '48 GiB', '64 GiB']);
    expect(labels(1100)).toEqual(['0 GiB', '0.25 GiB', '0.5 GiB', '0.75 GiB', '1 GiB', '1.25 GiB']);
  });

  it('ends the axis at a round value at or above the largest one, and copes with nothing to show', () => {
    const axis = memoryAxis(3000);
    expect(axis.maxMiB).toBe(3072);
    expect(axis.ticksMiB.at(-1)).toBe(axis.maxMiB);
    for (const largest of [1, 700, 3000, 10_000, 250_000]) {
      const a = memoryAxis(largest);
      expect(a.maxMiB).toBeGreaterThanOrEqual(largest);
      expect(a.ticksMiB.length).toBeLessThanOrEqual(6);
      for (const tick of a.ticksMiB) expect(memoryTickLabel(tick, a.unit)).toMatch(a.unit === 'GiB' ? /^\d+(\.\d+)? GiB$/ : /^\d+ MiB$/);
    }
    expect(memoryAxis(0).ticksMiB).toEqual([0, 1]);
    expect(memoryAxis(Number.NaN).unit).toBe('MiB');
  });
});
