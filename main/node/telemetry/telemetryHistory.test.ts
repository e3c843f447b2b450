// History: 1 s points for short ranges, min/max/avg buckets for long ones, null gaps, an hour at 1 s, a day coarse.
import { describe, expect, it } from 'vitest';
import { TelemetryHistoryStore } from './telemetryHistory.ts';
import { fineRetainedSeconds } from './fineSeries.ts';
import { batchOf } from './testBatches.ts';

const a = 'a0000000-0000-4000-8000-000000000001';
const b = 'b0000000-0000-4000-8000-000000000002';

/** Records seconds from..to (inclusive) where `running(s)` says a is on; cpuPct of a at second s is s % 100, memUsedMiB 5·s. */
function fill(store: TelemetryHistoryStore, from: number, to: number, running: (s: number) => boolean = () => true): void {
  for (let s = from; s <= to; s++) {
    const ids = running(s) ? [a, b] : [b];
    store.record(batchOf(s * 1000, ids, (m, k) => (ids[m] === a ? (k === 0 ? s % 100 : k === 4 ? 5 * s : k) : -1)));
  }
}

describe('TelemetryHistoryStore', () => {
  it('answers a short range at 1 s resolution, ending at the newest sample, with null where the machine was off', () => {
    const store = new TelemetryHistoryStore();
    fill(store, 1, 100, (s) => s < 70 || s > 80);
    const history = store.query(a, '1m', ['cpuPct']);
    expect(history.resolutionMs).toBe(1000);
    expect(history.simTimeMs).toHaveLength(60);
    expect(history.simTimeMs[0]).toBe(41_000);
    expect(history.simTimeMs.at(-1)).toBe(100_000);
    const avg = history.series.cpuPct!.avg;
    expect(avg[0]).toBe(41);
    expect(avg.slice(29, 40)).toEqual(new Array(11).fill(null));
    expect(avg[28]).toBe(69);
    expect(avg[40]).toBe(81);
    expect(history.series.cpuPct!.min).toEqual(avg);
    expect(history.series.memUsedMiB).toBeUndefined();
    expect(history.oldestMs).toBe(1000);
  });

  it('downsamples to at most maxPoints buckets with exact min, max and average of the seconds in each', () => {
    const store = new TelemetryHistoryStore();
    fill(store, 1, 600);
    const history = store.query(a, '10m', ['cpuPct', 'memUsedMiB'], 50);
    expect(history.resolutionMs).toBe(12_000);
    expect(history.simTimeMs).toHaveLength(50);
    // The first bucket holds seconds 1..12: cpu 1..12, memory 5..60.
    expect(history.simTimeMs[0]).toBe(12_000);
    expect(history.series.cpuPct!.min[0]).toBe(1);
    expect(history.series.cpuPct!.max[0]).toBe(12);
    expect(history.series.cpuPct!.avg[0]).toBe(6.5);
    expect(history.series.memUsedMiB!.avg[0]).toBe(32.5);
    // Seconds 97..108 wrap cpu from 97 to 8: min 0, max 99.
    expect(history.series.cpuPct!.min[8]).toBe(0);
    expect(history.series.cpuPct!.max[8]).toBe(99);
  });

  it('averages only the seconds that have samples and gives null for buckets the machine was off throughout', () => {
    const store = new TelemetryHistoryStore();
    fill(store, 1, 600, (s) => s <= 6 || s > 24);
    const cpu = store.query(a, '10m', ['cpuPct'], 50).series.cpuPct!;
    expect(cpu.avg[0]).toBe(3.5);
    expect(cpu.max[0]).toBe(6);
    expect(cpu.avg[1]).toBeNull();
    expect(cpu.min[1]).toBeNull();
    expect(cpu.avg[2]).toBe(30.5);
  });

  it('keeps a full simulated hour at 1 s resolution for every metric', () => {
    const store = new TelemetryHistoryStore();
    fill(store, 1, 7200);
    const history = store.query(a, '1h', undefined, 4000);
    expect(history.resolutionMs).toBe(1000);
    expect(history.simTimeMs).toHaveLength(3600);
    expect(Object.keys(history.series)).toHaveLength(12);
    expect(history.series.memUsedMiB!.avg.every((v) => v !== null)).toBe(true);
    expect(history.series.memUsedMiB!.avg[0]).toBe(5 * 3601);
    expect(fineRetainedSeconds).toBeGreaterThanOrEqual(3600);
  });

  it("answers 'all' from minute buckets once it spans more than the 1 s tier, back to at least 24 hours", () => {
    const store = new TelemetryHistoryStore();
    const day = 26 * 3600;
    fill(store, 1, day);
    const history = store.query(a, 'all', ['memUsedMiB'], 600);
    expect(history.resolutionMs % 60_000).toBe(0);
    expect(history.simTimeMs.length).toBeLessThanOrEqual(600);
    expect(history.oldestMs).toBeLessThanOrEqual((day - 24 * 3600) * 1000);
    expect(history.simTimeMs.at(-1)).toBe(day * 1000);
    const mem = history.series.memUsedMiB!;
    // Last bucket: whole minutes up to now; memory rises 5 MiB a second, so max is the newest second's value.
    expect(mem.max.at(-1)).toBe(5 * day);
    const width = history.resolutionMs / 1000;
    expect(mem.min.at(-1)).toBe(5 * (day - width + 1));
    expect(mem.avg.at(-1)).toBeCloseTo((mem.min.at(-1)! + mem.max.at(-1)!) / 2, 1);
    // Buckets older than what is held are gaps, not zeros.
    expect(mem.avg.filter((v) => v === null).length).toBeLessThan(mem.avg.length / 10);
  });

  it("answers 'all' at 1 s resolution while everything held fits in the hour", () => {
    const store = new TelemetryHistoryStore();
    fill(store, 1, 90);
    const history = store.query(a, 'all', ['cpuPct']);
    expect(history.resolutionMs).toBe(1000);
    expect(history.simTimeMs[0]).toBeLessThanOrEqual(1000);
    expect(history.series.cpuPct!.avg.at(-1)).toBe(90);
  });

  it('forgets a deleted machine, ignores stale batches, and answers null gaps for a machine with no samples', () => {
    const store = new TelemetryHistoryStore();
    fill(store, 1, 10);
    store.record(batchOf(5000, [a], () => 999));
    expect(store.query(a, '1m', ['cpuPct']).series.cpuPct!.max).not.toContain(999);
    store.forget(a);
    expect(store.has(a)).toBe(false);
    const forgotten = store.query(a, '1m', ['cpuPct']);
    expect(forgotten.oldestMs).toBeNull();
    expect(forgotten.simTimeMs).toHaveLength(60);
    expect(forgotten.series.cpuPct!.max.every((v) => v === null)).toBe(true);
    expect(store.query(a, 'all', ['cpuPct'])).toEqual({ machineId: a, range: 'all', resolutionMs: 1000, simTimeMs: [], series: { cpuPct: { avg: [], min: [], max: [] } }, oldestMs: null });
    expect(new TelemetryHistoryStore().query(a, '1h').simTimeMs).toEqual([]);
    expect(store.has(b)).toBe(true);
  });
});
