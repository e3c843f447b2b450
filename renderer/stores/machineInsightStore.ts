// Overhead metrics and the event log of the machine the details pane shows, refreshed by that machine's own events.
import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { MachineMetrics, SimEvent } from '../../shared/domain/machineMetrics.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';
import { useTelemetryStore } from './telemetryStore.ts';

export const machineEventLimit = 20;

const measurable = (machine: Machine): boolean => machine.state === 'Running' || machine.state === 'Paused';

export const useMachineInsightStore = defineStore('machineInsight', () => {
  /** The machine whose details are on screen; null when none is. */
  const trackedId = ref<string | null>(null);
  // Replaced wholesale once per simulated second: no deep reactivity needed.
  const metrics = shallowRef<MachineMetrics | null>(null);
  const events = shallowRef<readonly SimEvent[]>([]);
  let metricsInFlight = false;
  let eventsInFlight = false;
  let eventsAgain = false;
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

  async function refreshEvents(id: string): Promise<void> {
    if (eventsInFlight) {
      eventsAgain = true;
      return;
    }
    eventsInFlight = true;
    try {
      const list = await useApi().listEvents({ machineId: id, limit: machineEventLimit });
      if (trackedId.value === id) events.value = list;
    } catch {
      // Keep the previous list; the next state change refreshes it.
    } finally {
      eventsInFlight = false;
      if (eventsAgain && trackedId.value !== null) {
        eventsAgain = false;
        void refreshEvents(trackedId.value);
      }
    }
  }

  /** Follows `machine` (or nothing): loads its events now and its metrics when it runs. */
  function track(machine: Machine | null): void {
    const id = machine?.id ?? null;
    if (id === trackedId.value) return;
    trackedId.value = id;
    metrics.value = null;
    events.value = [];
    if (machine) {
      void refreshEvents(machine.id);
      if (measurable(machine)) void refreshMetrics(machine.id);
    }
  }

  function onTelemetry(frame: TelemetryFrame): void {
    const id = trackedId.value;
    if (id !== null && useTelemetryStore().frameCovers(frame, id)) void refreshMetrics(id);
  }

  function onChanges(batch: { machines: Machine[] }): void {
    const machine = batch.machines.find((m) => m.id === trackedId.value);
    if (!machine) return;
    void refreshEvents(machine.id);
    if (!measurable(machine)) metrics.value = null;
  }

  function attach(): void {
    for (const stop of unsubscribers) stop();
    const api = useApi();
    unsubscribers = [api.on('telemetry', onTelemetry), api.on('machinesChanged', onChanges)];
  }

  return { trackedId, metrics, events, track, refreshMetrics, refreshEvents, attach };
});
