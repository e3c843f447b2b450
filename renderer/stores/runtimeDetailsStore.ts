// What the selected machine is beyond virtual hardware (a container's image, limits and network, a process VM's heap,
// GC and JIT), refreshed on its events and, while it runs, once a second for its live figures.
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { RuntimeDetails } from '../../shared/domain/runtimeDetails.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';
import { describeError } from './notificationsStore.ts';

export const runtimePollMs = 1000;

export const useRuntimeDetailsStore = defineStore('runtimeDetails', () => {
  const details = ref<RuntimeDetails | null>(null);
  const error = ref<string | null>(null);
  let trackedId: string | null = null;
  let generation = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: Unsubscribe | undefined;

  async function refresh(): Promise<void> {
    const id = trackedId;
    if (id === null) return;
    const mine = ++generation;
    try {
      const next = await useApi().getRuntimeDetails({ id });
      if (mine !== generation || trackedId !== id) return;
      details.value = next;
      error.value = null;
    } catch (failure) {
      if (mine === generation) error.value = describeError(failure);
    }
  }

  /** Follows one machine (null stops); `live` polls while it runs. */
  function track(id: string | null, live: boolean): void {
    if (id !== trackedId) {
      trackedId = id;
      details.value = null;
      error.value = null;
      unsubscribe?.();
      unsubscribe = undefined;
      if (id !== null) {
        unsubscribe = useApi().on('machinesChanged', ({ machines, configChanged }) => {
          if (machines.some((m) => m.id === id) || configChanged.includes(id)) void refresh();
        });
        void refresh();
      }
    }
    clearInterval(timer);
    timer = id !== null && live ? setInterval(() => void refresh(), runtimePollMs) : undefined;
  }

  return { details, error, track, refresh };
});
