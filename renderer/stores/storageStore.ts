// Storage pools per host (capacity and used space), refreshed after anything that can allocate or free disk space, while a view shows them.
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { StoragePool } from '../../shared/domain/storage.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';

/** Pools change with every snapshot, clone, delete and disk write; one listStorage per this many ms is enough. */
export const storageRefreshIntervalMs = 1000;

export const useStorageStore = defineStore('storage', () => {
  const pools = ref<StoragePool[]>([]);
  const loaded = ref(false);
  let unsubscribers: Unsubscribe[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastMs = Number.NEGATIVE_INFINITY;
  let generation = 0;
  /** Views showing pools; with none, machine changes cost nothing here (a thousand starting would list every image). */
  let watchers = 0;

  async function refresh(): Promise<void> {
    lastMs = Date.now();
    const mine = ++generation;
    try {
      const next = await useApi().listStorage({});
      if (mine !== generation) return;
      pools.value = next;
      loaded.value = true;
    } catch {
      // Non-essential: the Hosts view keeps the previous figures until the next refresh.
    }
  }

  function scheduleRefresh(): void {
    if (timer !== undefined || watchers === 0) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        void refresh();
      },
      Math.max(0, lastMs + storageRefreshIntervalMs - Date.now()),
    );
  }

  /** A view starts showing pools: they are loaded now and kept fresh until the returned function is called. */
  function watchPools(): () => void {
    watchers += 1;
    void refresh();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      watchers -= 1;
    };
  }

  function poolFor(hostId: string): StoragePool | undefined {
    return pools.value.find((pool) => pool.hostId === hostId);
  }

  function attach(): void {
    for (const stop of unsubscribers) stop();
    const api = useApi();
    unsubscribers = [api.on('machinesChanged', scheduleRefresh), api.on('inventoryChanged', scheduleRefresh)];
  }

  return { pools, loaded, refresh, scheduleRefresh, watchPools, poolFor, attach };
});
