// The pre-copy model as numbers: geometric rounds, convergence, the round limit and the downtime each leaves.
import { describe, expect, it } from 'vitest';
import { analyticPreCopyMs, dirtiedIn, linkMiBPerS, preCopyDefaults, preCopyOutcome, stopThresholdMiB } from './preCopyModel.ts';

const tenGbit = linkMiBPerS(10);
const base = { maxRounds: 30, maxDowntimeMs: 30, switchoverMs: 20 };

describe('pre-copy model', () => {
  it('converts link speeds to payload MiB/s', () => {
    expect(tenGbit).toBeCloseTo(1192.09, 1);
    expect(linkMiBPerS(1)).toBeCloseTo(119.21, 1);
    expect(stopThresholdMiB(tenGbit, 30)).toBeCloseTo(35.76, 1);
  });

  it('sends all memory, then what each round dirtied, until the rest fits the downtime goal', () => {
    const outcome = preCopyOutcome({ memoryMiB: 4096, bandwidthMiBs: tenGbit, dirtyMiBs: 120, writableMiB: 2048, ...base });
    expect(outcome.converged).toBe(true);
    expect(outcome.rounds[0]!.sentMiB).toBe(4096);
    for (let k = 1; k < outcome.rounds.length; k++) expect(outcome.rounds[k]!.sentMiB).toBeCloseTo(outcome.rounds[k - 1]!.dirtiedMiB, 9);
    // Each round is ρ = 120/1192 of the one before.
    expect(outcome.rounds[1]!.sentMiB / outcome.rounds[0]!.sentMiB).toBeCloseTo(120 / tenGbit, 6);
    expect(outcome.rounds.at(-1)!.dirtiedMiB).toBeLessThanOrEqual(stopThresholdMiB(tenGbit, 30));
    expect(outcome.rounds.slice(0, -1).every((r) => r.dirtiedMiB > stopThresholdMiB(tenGbit, 30))).toBe(true);
    expect(outcome.downtimeMs).toBeCloseTo((outcome.stopCopyMiB / tenGbit) * 1000 + 20, 6);
    // Total ≈ M/B × 1/(1 − ρ) when the working set does not cap the rounds.
    expect(outcome.totalMs).toBeGreaterThan(analyticPreCopyMs(4096, tenGbit, 120) * 0.99);
    expect(outcome.totalMs).toBeLessThan(analyticPreCopyMs(4096, tenGbit, 120) * 1.02);
  });

  it('never converges when the guest dirties faster than the link copies: stop-and-copy at the round limit', () => {
    const writable = 1536;
    const outcome = preCopyOutcome({ memoryMiB: 2048, bandwidthMiBs: tenGbit, dirtyMiBs: 1600, writableMiB: writable, ...base });
    expect(outcome.converged).toBe(false);
    expect(outcome.rounds).toHaveLength(30);
    // Every later round resends the writable working set, and so does the stop-and-copy: more than a second of downtime.
    expect(outcome.rounds.slice(1).every((r) => r.sentMiB === writable)).toBe(true);
    expect(outcome.downtimeMs).toBeCloseTo((writable / tenGbit) * 1000 + 20, 6);
    expect(outcome.downtimeMs).toBeGreaterThan(1000);
    expect(outcome.totalMs).toBeCloseTo(((2048 + 30 * writable) / tenGbit) * 1000 + 20, 3);
    expect(analyticPreCopyMs(2048, tenGbit, 1600)).toBe(Number.POSITIVE_INFINITY);
  });

  it('honours a lower round limit and a looser downtime goal', () => {
    const slow = preCopyOutcome({ memoryMiB: 2048, bandwidthMiBs: linkMiBPerS(1), dirtyMiBs: 100, writableMiB: 4096, ...base, maxRounds: 3 });
    expect(slow.rounds).toHaveLength(3);
    expect(slow.converged).toBe(false);
    const loose = preCopyOutcome({ memoryMiB: 2048, bandwidthMiBs: tenGbit, dirtyMiBs: 200, writableMiB: 4096, ...base, maxDowntimeMs: 500 });
    expect(loose.rounds).toHaveLength(1);
    expect(loose.converged).toBe(true);
  });

  it('caps what a round dirties at the writable working set', () => {
    expect(dirtiedIn(1000, 300, 100)).toBe(100);
    expect(dirtiedIn(100, 300, 100)).toBe(30);
    expect(preCopyDefaults.maxRounds).toBe(30);
  });
});
