// The Network Manager's data: every virtual network with its leases, kept fresh while a view shows it, and its commands.
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { NetworkSpec, StaticIpCheck, VirtualNetwork } from '../../shared/domain/network.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';

/** Leases move with every machine created, started or deleted; one listNetworks per this many ms is plenty. */
export const networksRefreshIntervalMs = 500;

export const useNetworksStore = defineStore('networks', () => {
  const networks = ref<VirtualNetwork[]>([]);
  const loaded = ref(false);
  let watchers = 0;
  let unsubscribers: Unsubscribe[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  async function refresh(): Promise<void> {
    const mine = ++generation;
    try {
      const next = await useApi().listNetworks({});
      if (mine !== generation) return;
      networks.value = next;
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
    }, networksRefreshIntervalMs);
  }

  /** Keeps the list fresh while at least one caller watches; returns the function that stops watching. */
  function watchNetworks(): () => void {
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

  /** Errors are thrown so the Network Manager can show them on the field they name. */
  async function create(spec: NetworkSpec): Promise<VirtualNetwork> {
    const network = await useApi().createNetwork(spec);
    await refresh();
    return network;
  }

  async function update(networkId: string, spec: NetworkSpec): Promise<VirtualNetwork> {
    const network = await useApi().updateNetwork({ networkId, spec });
    await refresh();
    return network;
  }

  async function remove(networkId: string): Promise<void> {
    await useApi().deleteNetwork({ networkId });
    await refresh();
  }

  /** The engine's verdict on a static address as it is typed (changes nothing). */
  function checkStaticIp(networkId: string, ip: string, machineId?: string): Promise<StaticIpCheck> {
    return useApi().checkStaticIp({ networkId, ip, ...(machineId === undefined ? {} : { machineId }) });
  }

  return { networks, loaded, refresh, watchNetworks, create, update, remove, checkStaticIp };
});
