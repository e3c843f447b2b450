// The selected machine's configuration and snapshot tree, refreshed on its events, with the snapshot operations.
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { MachineConfig } from '../../shared/domain/machineConfig.ts';
import type { SnapshotTree, TakeSnapshotSpec } from '../../shared/domain/snapshot.ts';
import type { VirtualNetwork } from '../../shared/domain/network.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';
import { describeError, useNotificationsStore } from './notificationsStore.ts';
import { formatSpace } from '../format/units.ts';

export const useMachineConfigStore = defineStore('machineConfig', () => {
  const trackedId = ref<string | null>(null);
  const config = ref<MachineConfig | null>(null);
  const tree = ref<SnapshotTree | null>(null);
  const loadError = ref<string | null>(null);
  /** Name of the snapshot a clone was made from (it lives in the origin machine's tree). */
  const originSnapshotName = ref<string | null>(null);
  const networks = ref<VirtualNetwork[]>([]);
  /** A snapshot operation is in flight; the Snapshots toolbar waits for it. */
  const busy = ref(false);
  let generation = 0;
  let unsubscribers: Unsubscribe[] = [];

  /** Replies can overtake each other; only the newest request for the tracked machine is applied. */
  async function refresh(): Promise<void> {
    const id = trackedId.value;
    if (id === null) return;
    const mine = ++generation;
    try {
      const api = useApi();
      const [nextConfig, nextTree, nextNetworks] = await Promise.all([api.getMachineConfig({ id }), api.listSnapshots({ id }), api.listNetworks({})]);
      const origin = nextConfig.origin;
      // The origin may be gone (deleted) while its clone lives on; then its snapshot name is simply unknown.
      const originTree = origin?.snapshotId ? await api.listSnapshots({ id: origin.machineId }).catch(() => null) : null;
      if (mine !== generation || trackedId.value !== id) return;
      config.value = nextConfig;
      tree.value = nextTree;
      networks.value = nextNetworks;
      originSnapshotName.value = originTree?.snapshots.find((s) => s.id === origin?.snapshotId)?.name ?? null;
      loadError.value = null;
    } catch (error) {
      if (mine === generation) loadError.value = describeError(error);
    }
  }

  function track(id: string | null): void {
    if (id === trackedId.value) return;
    trackedId.value = id;
    config.value = null;
    tree.value = null;
    originSnapshotName.value = null;
    loadError.value = null;
    void refresh();
  }

  async function operate<T>(run: (id: string) => Promise<T>): Promise<T> {
    const id = trackedId.value;
    if (id === null) throw new Error('No machine is selected');
    busy.value = true;
    try {
      const result = await run(id);
      await refresh();
      return result;
    } finally {
      busy.value = false;
    }
  }

  /** Throws so the Take Snapshot dialog can show the refusal on its fields. */
  function takeSnapshot(spec: TakeSnapshotSpec): Promise<SnapshotTree> {
    return operate((id) => useApi().takeSnapshot({ id, spec }));
  }

  async function restoreSnapshot(snapshotId: string, name: string): Promise<boolean> {
    try {
      await operate((id) => useApi().restoreSnapshot({ id, snapshotId }));
      useNotificationsStore().show(`Restored snapshot "${name}"`);
      return true;
    } catch (error) {
      useNotificationsStore().showError(`Could not restore "${name}"`, error);
      return false;
    }
  }

  async function deleteSnapshot(snapshotId: string, name: string): Promise<boolean> {
    try {
      const { freedMiB } = await operate((id) => useApi().deleteSnapshot({ id, snapshotId }));
      useNotificationsStore().show(`Deleted snapshot "${name}"; ${formatSpace(freedMiB)} reclaimed`);
      return true;
    } catch (error) {
      useNotificationsStore().showError(`Could not delete snapshot "${name}"`, error);
      return false;
    }
  }

  function attach(): void {
    for (const stop of unsubscribers) stop();
    const api = useApi();
    unsubscribers = [
      api.on('machinesChanged', (batch) => {
        const id = trackedId.value;
        if (id !== null && (batch.configChanged.includes(id) || batch.machines.some((m) => m.id === id))) void refresh();
      }),
    ];
  }

  function networkName(networkId: string): string {
    return networks.value.find((n) => n.id === networkId)?.name ?? networkId;
  }

  return { trackedId, config, tree, loadError, originSnapshotName, networks, networkName, busy, refresh, track, takeSnapshot, restoreSnapshot, deleteSnapshot, attach };
});
