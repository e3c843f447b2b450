// A host's latest events, loaded while `active` is true and refreshed (throttled) as its machines change.
import { onScopeDispose, shallowRef, watch } from 'vue';
import type { Ref } from 'vue';
import type { SimEvent } from '../../shared/domain/machineMetrics.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';

export const hostEventLimit = 20;
/** Machine events can arrive many times per real second at high speed; one reload per this many ms is plenty. */
export const hostEventThrottleMs = 500;

export function useHostEvents(hostId: () => string, active: Ref<boolean>) {
  const events = shallowRef<readonly SimEvent[]>([]);
  const loaded = shallowRef(false);
  let lastLoadAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribers: Unsubscribe[] = [];

  async function load(): Promise<void> {
    lastLoadAt = Date.now();
    const id = hostId();
    try {
      const list = await useApi().listEvents({ hostId: id, limit: hostEventLimit });
      if (active.value && hostId() === id) {
        events.value = list;
        loaded.value = true;
      }
    } catch {
      // Keep the previous list; the next machine change tries again.
    }
  }

  /** Leading edge loads at once; changes inside the window collapse into one trailing load. */
  function refresh(): void {
    if (timer !== undefined) return;
    const wait = lastLoadAt + hostEventThrottleMs - Date.now();
    if (wait <= 0) {
      void load();
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      if (active.value) void load();
    }, wait);
  }

  function stop(): void {
    for (const off of unsubscribers) off();
    unsubscribers = [];
    clearTimeout(timer);
    timer = undefined;
  }

  watch(
    active,
    (on) => {
      stop();
      if (!on) return;
      const api = useApi();
      unsubscribers = [api.on('machinesChanged', refresh)];
      void load();
    },
    { immediate: true },
  );
  onScopeDispose(stop);

  return { events, loaded };
}
