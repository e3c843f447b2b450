// The last simulated second of the machine the details pane shows (CPU with the overhead by cause), refreshed once per sample.
import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { MachineMetrics } from '../../shared/domain/machineMetrics.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';
import { useTelemetryStore } from './telemetryStore.ts';

const measurable = (machine: Machine): boolean => machine.state === 'Running' || machine.state === 'Paused';

export const useMachineInsightStore = defineStore('machineInsight', () => {
  /** The machine whose details are on screen; null when none is. */
  const trackedId = ref<string | null>(null);
  // Replaced wholesale once per simulated second: no deep reactivity needed.
  const metrics = shallowRef<MachineMetrics | null>(null);
  let metricsInFlight = false;
  let unsubscribers: Unsubscribe[] = [];

  async function refreshMetrics(id: string): Promise<void> {
    // The engine answers in well under a simulated second; skipping a beat beats queueing calls at high speed.
    if (metricsInFlight) return;
    metricsInFlight = true;
    try {
      const next = await useApi().getMachineMetrics({ id });
      if (trackedId.value === id) metrics.value = next;
    } catch {
      // A machine that just stopped has no metrics; the next telemetry batch tries again.
    } finally {
      metricsInFlight = false;
    }
  }

  /** Follows `machine` (or nothing): loads its metrics when it runs. */
  function track(machine: Machine | null): void {
    const id = machine?.id ?? null;
    if (id === trackedId.value) return;
    trackedId.value = id;
    metrics.value = null;
    if (machine && measurable(machine)) void refreshMetrics(machine.id);
  }

  function onTelemetry(frame: TelemetryFrame): void {
    const id = trackedId.value;
    if (id !== null && useTelemetryStore().frameCovers(frame, id)) void refreshMetrics(id);
  }

  /** Only the tracked machine matters; a batch of a thousand others costs one lookup. */
  function onChanges(batch: { machines: Machine[] }): void {
    const id = trackedId.value;
    if (id === null) return;
    const machine = batch.machines.find((m) => m.id === id);
    if (machine && !measurable(machine)) metrics.value = null;
  }

  function attach(): void {
    for (const stop of unsubscribers) stop();
    const api = useApi();
    unsubscribers = [api.on('telemetry', onTelemetry), api.on('machinesChanged', onChanges)];
  }

  return { trackedId, metrics, track, refreshMetrics, attach };
});
