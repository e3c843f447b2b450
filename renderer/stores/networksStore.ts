// The Network Manager's data: every virtual network with its leases, kept fresh while a view shows it, and its commands.
import { defineStore } from 'pinia';
import type { NetworkSpec, StaticIpCheck, VirtualNetwork } from '../../shared/domain/network.ts';
import { useApi } from '../api/apiInstance.ts';
import { watchedList } from './watchedList.ts';

/** Leases move with every machine created, started or deleted; one listNetworks per this many ms is plenty. */
export const networksRefreshIntervalMs = 500;

export const useNetworksStore = defineStore('networks', () => {
  const list = watchedList<VirtualNetwork[]>(() => useApi().listNetworks({}), [], networksRefreshIntervalMs);
  const { value: networks, loaded, refresh } = list;
  /** Keeps the list fresh while at least one caller watches; returns the function that stops watching. */
  const watchNetworks = list.watch;

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
