// Tests for the telemetry store: merged, debounced subscription; frames decoded into rings outside reactivity; reconnection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { isProxy } from 'vue';
import { subscriptionDebounceMs, useTelemetryStore } from './telemetryStore.ts';
import { useConnectionStore } from './connectionStore.ts';
import { telemetryMetricIndex, telemetryMetrics } from '../../shared/domain/telemetry.ts';
import type { TelemetryMetric } from '../../shared/domain/telemetry.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';
import { buildFrame } from '../test/fakeTelemetry.ts';

let backend: FakeBackend;
const tableMetrics: TelemetryMetric[] = ['cpuPct', 'memUsedMiB', 'diskReadMBps', 'diskWriteMBps', 'netRxMBps', 'netTxMBps'];

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(subscriptionDebounceMs);
  await flushPromises();
}

async function started() {
  useConnectionStore().attach();
  const telemetry = useTelemetryStore();
  telemetry.attach();
  await settle();
  return telemetry;
}

beforeEach(() => {
  vi.useFakeTimers();
  backend = setupStores([]);
});
afterEach(() => vi.useRealTimers());

describe('telemetry store', () => {
  it('merges every view need into one subscription, sent once after a burst of changes', async () => {
    const telemetry = await started();
    const before = backend.callsOf('setTelemetrySubscription').length;
    const ids = Array.from({ length: 1000 }, (_, i) => `m-${i}`);
    // A thousand machines starting one after the other: the table need changes a thousand times.
    for (let n = 1; n <= ids.length; n += 1) telemetry.need('table', { machineIds: ids.slice(0, n), metrics: tableMetrics });
    telemetry.need('activity', { machineIds: ['m-5'], metrics: [...telemetryMetrics], history: true });
    await settle();
    const sent = backend.callsOf('setTelemetrySubscription').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      groups: [
        { machineIds: ids.filter((id) => id !== 'm-5'), metrics: tableMetrics },
        { machineIds: ['m-5'], metrics: [...telemetryMetrics] },
      ],
    });
    // Nothing changed: nothing sent.
    telemetry.need('activity', { machineIds: ['m-5'], metrics: [...telemetryMetrics], history: true });
    await settle();
    expect(backend.callsOf('setTelemetrySubscription')).toHaveLength(before + 1);
  });

  it('decodes frames into the latest values and the chart ring of each machine, bumping the version once per frame', async () => {
    const telemetry = await started();
    telemetry.need('table', { machineIds: ['a', 'b'], metrics: tableMetrics });
    telemetry.need('activity', { machineIds: ['b'], metrics: [...telemetryMetrics], history: true });
    await settle();
    const before = telemetry.version;
    backend.emitSamples([1000, 2000], (id, metric, time) => (id === 'a' ? 100 : 200) + telemetryMetricIndex[metric] + time / 1000);
    expect(telemetry.version).toBe(before + 1);
    const a = telemetry.samples('a');
    const b = telemetry.samples('b');
    expect(a?.latestMs).toBe(2000);
    expect(a?.latest[telemetryMetricIndex.cpuPct]).toBe(102);
    expect(a?.latest[telemetryMetricIndex.netTxMBps]).toBe(113);
    // Not subscribed for "a": no value rather than a stale or wrong one.
    expect(a?.latest[telemetryMetricIndex.cpuReadyPct]).toBeNaN();
    expect(a?.history).toBeNull();
    expect(b?.history?.length).toBe(2);
    expect(b?.history?.valueAt(0, telemetryMetricIndex.cpuReadyPct)).toBe(204);
    expect(b?.history?.valueAt(1, telemetryMetricIndex.memSwappedMiB)).toBe(209);
  });

  it('never stores a row with holes when a chart asks for more metrics while narrower frames are in flight', async () => {
    const telemetry = await started();
    // The details mini chart: CPU and memory only.
    telemetry.need('mini', { machineIds: ['a'], metrics: ['cpuPct', 'memUsedMiB'], history: true });
    await settle();
    const narrow = { version: backend.telemetryVersion, groups: [{ machineIds: ['a'], metrics: ['cpuPct', 'memUsedMiB'] as TelemetryMetric[] }] };
    backend.emitSamples([1000, 2000]);
    // The Activity tab replaces it and wants every metric; a frame laid out for the old subscription still arrives.
    telemetry.need('mini', null);
    telemetry.need('activity', { machineIds: ['a'], metrics: [...telemetryMetrics], history: true });
    const syncing = telemetry.sync();
    backend.emit('telemetry', buildFrame(narrow, [3000]));
    await syncing;
    backend.emitSamples([4000, 5000]);
    const ring = telemetry.samples('a')?.history;
    const rows = Array.from({ length: ring?.length ?? 0 }, (_, i) => ({ time: ring?.timeAt(i), values: telemetryMetrics.map((m) => ring?.valueAt(i, telemetryMetricIndex[m])) }));
    expect(rows.map((r) => r.time)).toEqual([4000, 5000]);
    for (const row of rows) expect(row.values.every((v) => Number.isFinite(v)), `row ${row.time} has every metric`).toBe(true);
    // The newest values still follow every frame.
    expect(telemetry.samples('a')?.latestMs).toBe(5000);
  });

  it('keeps samples out of Vue reactivity', async () => {
    const telemetry = await started();
    telemetry.need('activity', { machineIds: ['a'], metrics: ['cpuPct'], history: true });
    await settle();
    backend.emitSamples([1000]);
    const record = telemetry.samples('a');
    expect(record && isProxy(record)).toBe(false);
    expect(record && isProxy(record.latest)).toBe(false);
  });

  it('ignores frames laid out for a subscription it does not know and groups of the wrong size', async () => {
    const telemetry = await started();
    telemetry.need('table', { machineIds: ['a'], metrics: ['cpuPct'] });
    await settle();
    const before = telemetry.version;
    backend.emit('telemetry', buildFrame({ version: 999, groups: [{ machineIds: ['a'], metrics: ['cpuPct'] }] }, [1000]));
    backend.emit('telemetry', { version: backend.telemetryVersion, simTimeMs: [1000], groups: [new Float32Array(3)] });
    expect(telemetry.version).toBe(before);
    expect(telemetry.samples('a')?.latestMs).toBeNull();
  });

  it('keeps at most an hour of samples per charted machine', async () => {
    const telemetry = await started();
    telemetry.need('activity', { machineIds: ['a'], metrics: ['cpuPct'], history: true });
    await settle();
    backend.emitSamples(Array.from({ length: 3700 }, (_, s) => (s + 1) * 1000));
    const ring = telemetry.samples('a')?.history;
    expect(ring?.length).toBe(3600);
    expect(ring?.firstTime()).toBe(101_000);
  });

  it('drops the samples of machines no view needs any more', async () => {
    const telemetry = await started();
    telemetry.need('table', { machineIds: ['a'], metrics: ['cpuPct'] });
    await settle();
    backend.emitSamples([1000]);
    telemetry.need('table', null);
    await settle();
    expect(telemetry.samples('a')).toBeNull();
    expect(backend.callsOf('setTelemetrySubscription').at(-1)).toEqual({ groups: [] });
  });

  it('sends the subscription again after a reconnection', async () => {
    const telemetry = await started();
    telemetry.need('table', { machineIds: ['a'], metrics: ['cpuPct'] });
    await settle();
    const count = backend.callsOf('setTelemetrySubscription').length;
    backend.setConnectionState('closed');
    backend.setConnectionState('open');
    await flushPromises();
    expect(backend.callsOf('setTelemetrySubscription')).toHaveLength(count + 1);
    expect(backend.callsOf('setTelemetrySubscription').at(-1)).toEqual({ groups: [{ machineIds: ['a'], metrics: ['cpuPct'] }] });
  });
});
