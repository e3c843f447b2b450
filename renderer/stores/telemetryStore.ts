// Live samples for the selected machine: ring buffers outside Vue's deep reactivity, plus a version counter for redraws.
import { markRaw, shallowRef, watch } from 'vue';
import { defineStore } from 'pinia';
import type { TelemetryBatch } from '../../shared/domain/telemetry.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { MachineSeries } from '../telemetry/machineSeries.ts';
import type { SeriesSnapshot } from '../telemetry/machineSeries.ts';
import { useApi } from '../api/apiInstance.ts';
import { useMachinesStore } from './machinesStore.ts';
import { useEngineStore } from './engineStore.ts';

export const useTelemetryStore = defineStore('telemetry', () => {
  const machines = useMachinesStore();
  // Reactive proxies around thousands of samples a minute would cost more than the chart; views watch `version`.
  const series = markRaw(new Map<string, MachineSeries>());
  const version = shallowRef(0);
  const watchedIds = shallowRef<readonly string[]>([]);
  let sentKey: string | null = null;
  let attached = false;
  let unsubscribers: Unsubscribe[] = [];

  function wantedIds(): string[] {
    const machine = machines.selected;
    return machine && (machine.state === 'Running' || machine.state === 'Paused') ? [machine.id] : [];
  }

  function ingest(batch: TelemetryBatch): void {
    let changed = false;
    batch.machineIds.forEach((id, i) => {
      const target = series.get(id);
      const machine = machines.byId(id);
      if (!target || !machine) return;
      const memoryPct = machine.memoryMiB > 0 ? ((batch.memoryUsedMiB[i] ?? 0) / machine.memoryMiB) * 100 : 0;
      target.push(batch.simTimeMs, batch.cpuPct[i] ?? 0, memoryPct);
      changed = true;
    });
    useEngineStore().observeSimTime(batch.simTimeMs);
    if (changed) version.value += 1;
  }

  function snapshot(id: string): SeriesSnapshot | null {
    return series.get(id)?.snapshot() ?? null;
  }

  /** Tells the backend which machines to stream; only sends when the set changed or the link was re-opened. */
  async function sync(force = false): Promise<void> {
    if (!attached) return;
    const ids = wantedIds();
    for (const id of [...series.keys()]) if (!ids.includes(id)) series.delete(id);
    for (const id of ids) if (!series.has(id)) series.set(id, new MachineSeries());
    watchedIds.value = ids;
    const key = ids.join(',');
    if (useApi().connectionState() !== 'open' || (!force && key === sentKey)) return;
    sentKey = key;
    try {
      await useApi().setTelemetrySubscription({ machineIds: ids });
    } catch {
      // Retry on the next change or reconnection.
      if (sentKey === key) sentKey = null;
    }
  }

  watch(() => wantedIds().join(','), () => void sync());

  function attach(): void {
    for (const stop of unsubscribers) stop();
    attached = true;
    const api = useApi();
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

  return { version, watchedIds, ingest, snapshot, sync, attach };
});
