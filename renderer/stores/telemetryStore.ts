// Live telemetry: merges the visible views' needs into one subscription and keeps samples in typed rings outside Vue reactivity.
import { markRaw, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import { telemetryMetricIndex, telemetryMetrics } from '../../shared/domain/telemetry.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { SeriesBuffer } from '../telemetry/seriesBuffer.ts';
import { planSubscription } from '../telemetry/subscriptionPlan.ts';
import type { SubscriptionPlan, TelemetryNeed } from '../telemetry/subscriptionPlan.ts';
import { frameHasSample, layoutFromReply, visitFrame } from '../telemetry/frameLayout.ts';
import type { FrameLayout } from '../telemetry/frameLayout.ts';
import { useApi } from '../api/apiInstance.ts';
import type { ApiClient } from '../api/apiClient.ts';
import { useEngineStore } from './engineStore.ts';

/** At least one simulated hour at 1 s resolution for each charted machine. */
export const historyCapacity = 3600;
/** Needs that change in a burst (a thousand machines starting) become one call. */
export const subscriptionDebounceMs = 200;
/** Layouts kept for frames still in flight when the subscription changes. */
const keptLayouts = 4;

/** What the store holds per watched machine; plain objects and typed arrays, never reactive. */
export interface MachineSamples {
  /** Newest value of every metric (contract order); NaN where none arrived or the machine was off. */
  readonly latest: Float32Array;
  latestMs: number | null;
  /** The last hour of every subscribed metric, for charts; null for "latest only" machines (the table). */
  history: SeriesBuffer | null;
  /** Metrics (bit k = contract metric k) every row of `history` holds; rows with fewer are never stored. */
  historyMask: number;
}

export type { TelemetryNeed };

/** Per planned machine, the metrics its group carries as a bit mask (bit k = contract metric k). */
function machineMasks(plan: SubscriptionPlan): Map<string, number> {
  const masks = new Map<string, number>();
  for (const group of plan.groups) {
    const mask = group.metrics.reduce((m, metric) => m | (1 << telemetryMetricIndex[metric]), 0);
    for (const id of group.machineIds) masks.set(id, mask);
  }
  return masks;
}

/** Whether a sample laid out with these metric columns holds every metric of `mask`. */
function coversMask(metricIndexes: readonly number[], mask: number): boolean {
  let have = 0;
  for (const k of metricIndexes) have |= 1 << k;
  return (mask & ~have) === 0;
}

export const useTelemetryStore = defineStore('telemetry', () => {
  // Reactive proxies around typed arrays would cost more than the charts; views watch `version` instead.
  const records = markRaw(new Map<string, MachineSamples>());
  const needs = markRaw(new Map<string, TelemetryNeed>());
  const layouts = markRaw(new Map<number, FrameLayout>());
  /** Bumped once per frame that brought samples: the single signal views redraw on. */
  const version = shallowRef(0);
  /** The groups the backend last applied. */
  const plan = shallowRef<SubscriptionPlan>(planSubscription([]));
  let sentKey: string | null = null;
  /** The API this store was attached to (a later test or reconnection never sees another store's subscription). */
  let api: ApiClient | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribers: Unsubscribe[] = [];

  function ingest(frame: TelemetryFrame): void {
    const layout = layouts.get(frame.version);
    if (!layout) return;
    let changed = false;
    visitFrame(frame, layout, (id, time, metricIndexes, source, offset) => {
      const record = records.get(id);
      if (!record) return;
      changed = true;
      if (record.latestMs === null || time >= record.latestMs) {
        record.latestMs = time;
        for (let k = 0; k < metricIndexes.length; k += 1) record.latest[metricIndexes[k] ?? 0] = source[offset + k] ?? Number.NaN;
      }
      // A frame laid out for a narrower subscription (still in flight after a view asked for more) would store a row
      // with holes in the metrics the chart now draws, and block the full row of the same second: skip it.
      if (record.history && coversMask(metricIndexes, record.historyMask)) record.history.push(time, metricIndexes, source, offset);
    });
    const newest = frame.simTimeMs.at(-1);
    if (newest !== undefined) useEngineStore().observeSimTime(newest);
    if (changed) version.value += 1;
  }

  /** Registers (or with null, drops) what one view needs; the subscription follows after a short debounce. */
  function need(owner: string, wanted: TelemetryNeed | null): void {
    if (wanted && wanted.machineIds.length > 0) needs.set(owner, { ...wanted, machineIds: [...wanted.machineIds] });
    else needs.delete(owner);
    scheduleSync();
  }

  function scheduleSync(): void {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void sync();
    }, subscriptionDebounceMs);
  }

  /**
   * Keeps records for exactly the planned machines; a machine moving into a chart gets its ring. A ring asked for
   * more metrics than its rows hold starts again: older rows would be holes in the new metrics, and the charts
   * take those seconds from the recorded history instead.
   */
  function reconcile(next: SubscriptionPlan): void {
    const masks = machineMasks(next);
    for (const id of [...records.keys()]) if (!masks.has(id)) records.delete(id);
    for (const [id, mask] of masks) {
      let record = records.get(id);
      if (!record) {
        record = { latest: new Float32Array(telemetryMetrics.length).fill(Number.NaN), latestMs: null, history: null, historyMask: 0 };
        records.set(id, record);
      }
      if (!next.historyIds.has(id)) {
        record.history = null;
        record.historyMask = 0;
        continue;
      }
      if ((mask & ~record.historyMask) !== 0) record.history?.clear();
      record.history ??= new SeriesBuffer(historyCapacity);
      record.historyMask = mask;
    }
  }

  /** Sends the merged subscription when it changed (or always with `force`, e.g. after a reconnection). */
  async function sync(force = false): Promise<void> {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (!api) return;
    const next = planSubscription(needs.values());
    reconcile(next);
    if (api.connectionState() !== 'open' || (!force && next.key === sentKey)) return;
    sentKey = next.key;
    try {
      const reply = await api.setTelemetrySubscription({ groups: next.groups });
      layouts.set(reply.version, layoutFromReply(reply));
      for (const v of [...layouts.keys()].sort((a, b) => a - b).slice(0, -keptLayouts)) layouts.delete(v);
      plan.value = next;
    } catch {
      // Retry on the next change or reconnection.
      if (sentKey === next.key) sentKey = null;
    }
  }

  function samples(id: string): MachineSamples | null {
    return records.get(id) ?? null;
  }

  /** Whether a frame brought a real sample for this machine (for views that refresh once per sample). */
  function frameCovers(frame: TelemetryFrame, id: string): boolean {
    const layout = layouts.get(frame.version);
    return layout !== undefined && frameHasSample(frame, layout, id);
  }

  function attach(): void {
    for (const stop of unsubscribers) stop();
    api = useApi();
    unsubscribers = [
      api.on('telemetry', ingest),
      // Straight from the transport, not a watcher: a quick close/open must still re-send, since the server forgot us.
      api.onConnectionChange((state) => {
        if (state === 'open') void sync(true);
        else sentKey = null;
      }),
    ];
    void sync(true);
  }

  return { version, plan, ingest, need, sync, samples, frameCovers, attach };
});
