// A list fetched from the backend and kept fresh while someone watches it: at once on inventory changes, at most once
// per `throttleMs` on machine changes (which come many a second), and never overwritten by an older answer.
import { ref } from 'vue';
import type { Ref } from 'vue';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';

export interface WatchedList<T> {
  readonly value: Ref<T>;
  readonly loaded: Ref<boolean>;
  refresh(): Promise<void>;
  /** Keeps the value fresh while at least one caller watches; returns the function that stops watching. */
  watch(): () => void;
}

export function watchedList<T>(fetch: () => Promise<T>, initial: T, throttleMs: number): WatchedList<T> {
  const value = ref(initial) as Ref<T>;
  const loaded = ref(false);
  let watchers = 0;
  let unsubscribers: Unsubscribe[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  async function refresh(): Promise<void> {
    const mine = ++generation;
    try {
      const next = await fetch();
      if (mine !== generation) return;
      value.value = next;
      loaded.value = true;
    } catch {
      // The view keeps what it showed; the next change or reopening tries again.
    }
  }

  function scheduleRefresh(): void {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, throttleMs);
  }

  function watch(): () => void {
    watchers += 1;
    if (watchers === 1) {
      const api = useApi();
      unsubscribers = [api.on('inventoryChanged', () => void refresh()), api.on('machinesChanged', scheduleRefresh)];
    }
    void refresh();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      watchers -= 1;
      if (watchers > 0) return;
      for (const stop of unsubscribers) stop();
      unsubscribers = [];
      clearTimeout(timer);
      timer = undefined;
    };
  }

  return { value, loaded, refresh, watch };
}
