// A client's telemetry stream: subscription normalising and versions, frame layout, NaN gaps and the 100 ms frame cap.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import { ClientSession } from './clientSession.ts';
import { maxPendingSamples } from './telemetry/frameAssembler.ts';
import { IndexedBatch } from './telemetry/indexedBatch.ts';
import { batchOf } from './telemetry/testBatches.ts';

const [a, b, c] = ['a0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000003'];
/** Encodes machine, metric column and second in one number so every value says where it came from. */
const value = (m: number, k: number, t: number) => 1000 * m + 10 * k + t / 1000;

function setup() {
  const frames: TelemetryFrame[] = [];
  const session = new ClientSession(1, (event, payload) => {
    if (event === 'telemetry') frames.push(payload as TelemetryFrame);
  });
  const feed = (simTimeMs: number, ids = [a, b]) => session.addTelemetry(new IndexedBatch(batchOf(simTimeMs, ids, value)));
  return { session, frames, feed };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ClientSession telemetry', () => {
  it('normalises groups (duplicates out, order kept) and bumps the version on every change', () => {
    const { session } = setup();
    expect(session.setTelemetrySubscription([{ machineIds: [b, a, b], metrics: ['netTxMBps', 'cpuPct', 'netTxMBps'] }])).toEqual({
      version: 1,
      groups: [{ machineIds: [b, a], metrics: ['netTxMBps', 'cpuPct'] }],
    });
    expect(session.setTelemetrySubscription([]).version).toBe(2);
  });

  it('lays frames out per group, sample-major then machine then metric, with NaN for machines without a sample', () => {
    const { session, frames, feed } = setup();
    session.setTelemetrySubscription([
      { machineIds: [b, c, a], metrics: ['memUsedMiB', 'cpuPct'] },
      { machineIds: [a], metrics: ['netRxMBps'] },
    ]);
    feed(7000);
    expect(frames).toHaveLength(1);
    const [frame] = frames;
    expect(frame!.version).toBe(1);
    expect(frame!.simTimeMs).toEqual([7000]);
    // b is row 1, a row 0 of the batch; c is not in it. Columns: memUsedMiB 4, cpuPct 0, netRxMBps 10.
    expect(Array.from(frame!.groups[0]!)).toEqual([1047, 1007, Number.NaN, Number.NaN, 47, 7]);
    expect(Array.from(frame!.groups[1]!)).toEqual([107]);
  });

  it('sends at most one frame per 100 ms, coalescing the seconds that arrive meanwhile (fast simulated time)', () => {
    const { session, frames, feed } = setup();
    session.setTelemetrySubscription([{ machineIds: [a], metrics: ['cpuPct'] }]);
    feed(1000);
    expect(frames).toHaveLength(1);
    // Nine more simulated seconds within 90 real ms: held back, then sent together.
    for (let s = 2; s <= 10; s++) {
      vi.advanceTimersByTime(10);
      feed(s * 1000);
    }
    expect(frames).toHaveLength(1);
    vi.advanceTimersByTime(10);
    expect(frames).toHaveLength(2);
    expect(frames[1]!.simTimeMs).toEqual([2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
    expect(Array.from(frames[1]!.groups[0]!)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Over one real second at 1000 samples/s, never more than ~10 frames.
    for (let i = 0; i < 1000; i++) {
      vi.advanceTimersByTime(1);
      feed(11_000 + i * 1000);
    }
    vi.advanceTimersByTime(100);
    expect(frames.length - 2).toBeLessThanOrEqual(11);
    expect(frames.slice(2).reduce((n, f) => n + f.simTimeMs.length, 0)).toBe(1000);
  });

  it('sends nothing while the subscription is empty, and drops samples laid out for an older version', () => {
    const { session, frames, feed } = setup();
    feed(1000);
    session.setTelemetrySubscription([{ machineIds: [], metrics: ['cpuPct'] }]);
    feed(2000);
    expect(frames).toEqual([]);
    session.setTelemetrySubscription([{ machineIds: [a], metrics: ['cpuPct'] }]);
    feed(3000);
    vi.advanceTimersByTime(50);
    feed(4000);
    session.setTelemetrySubscription([{ machineIds: [b], metrics: ['cpuPct'] }]);
    vi.advanceTimersByTime(100);
    feed(5000);
    expect(frames.map((f) => [f.version, f.simTimeMs])).toEqual([
      [2, [3000]],
      [3, [5000]],
    ]);
  });

  it('keeps only the newest samples when a client falls far behind, and stops once closed', () => {
    const { session, frames, feed } = setup();
    session.setTelemetrySubscription([{ machineIds: [a], metrics: ['cpuPct'] }]);
    feed(1000);
    for (let s = 2; s <= maxPendingSamples + 11; s++) feed(s * 1000);
    vi.advanceTimersByTime(100);
    expect(frames[1]!.simTimeMs).toHaveLength(maxPendingSamples);
    expect(frames[1]!.simTimeMs[0]).toBe(12_000);
    session.close();
    feed(999_000);
    vi.advanceTimersByTime(1000);
    expect(frames).toHaveLength(2);
  });
});
