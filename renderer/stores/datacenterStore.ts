// The data center as the window shows it: clusters, host states and load, migrations and cluster operations, live.
import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type {
  Cluster,
  ClusterOperation,
  ClusterSettingsPatch,
  ConsolidationPlan,
  Datacenter,
  DatacenterChanges,
  HostAction,
  HostStatus,
  Migration,
  MigrationPlan,
  RestartPriority,
  RunReport,
} from '../../shared/domain/datacenter.ts';
import type { MethodInput } from '../../shared/api/methods.ts';
import type { Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';

/** Host load and watts change every second; views that show them poll this often while they are on screen. */
export const datacenterPollMs = 1000;
/** Finished migrations and operations kept for the views. */
const keepFinished = 30;

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));

export const useDatacenterStore = defineStore('datacenter', () => {
  const clusters = shallowRef<readonly Cluster[]>([]);
  const hosts = shallowRef<ReadonlyMap<string, HostStatus>>(new Map());
  const migrations = shallowRef<ReadonlyMap<string, Migration>>(new Map());
  const operations = shallowRef<ReadonlyMap<string, ClusterOperation>>(new Map());
  const priorities = shallowRef<Readonly<Record<string, RestartPriority>>>({});
  const simTimeMs = ref(0);
  const loaded = ref(false);
  let unsubscribe: Unsubscribe | undefined;
  let watchers = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight = false;

  function replace(view: Datacenter): void {
    clusters.value = view.clusters;
    hosts.value = new Map(view.hosts.map((h) => [h.hostId, h]));
    migrations.value = trim(merge(migrations.value, view.migrations));
    operations.value = trim(merge(operations.value, view.operations));
    priorities.value = view.restartPriorities;
    simTimeMs.value = view.simTimeMs;
    loaded.value = true;
  }

  /** Applies one datacenterChanged batch: items replace those with the same id. */
  function apply(changes: DatacenterChanges): void {
    if (changes.clusters.length > 0) {
      const next = byId(clusters.value);
      for (const cluster of changes.clusters) next.set(cluster.id, cluster);
      clusters.value = [...next.values()];
    }
    if (changes.hosts.length > 0) {
      const next = new Map(hosts.value);
      for (const host of changes.hosts) next.set(host.hostId, host);
      hosts.value = next;
    }
    if (changes.migrations.length > 0) migrations.value = trim(merge(migrations.value, changes.migrations));
    if (changes.operations.length > 0) operations.value = trim(merge(operations.value, changes.operations));
    if (changes.restartPriorities) priorities.value = changes.restartPriorities;
    simTimeMs.value = changes.simTimeMs;
  }

  async function load(): Promise<void> {
    if (inFlight || useApi().connectionState() !== 'open') return;
    inFlight = true;
    try {
      replace(await useApi().getDatacenter({}));
    } catch {
      // Non-essential: views keep the last figures until the next poll.
    } finally {
      inFlight = false;
    }
  }

  function attach(): void {
    unsubscribe?.();
    unsubscribe = useApi().on('datacenterChanged', apply);
  }

  /** A view showing live host figures appeared; returns the function to call when it goes away. */
  function watchLive(): () => void {
    watchers += 1;
    if (watchers === 1) {
      void load();
      timer = setInterval(() => void load(), datacenterPollMs);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      watchers -= 1;
      if (watchers === 0 && timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }

  /** The migration of a machine still running, if any. */
  function activeMigrationOf(machineId: string): Migration | undefined {
    for (const m of migrations.value.values()) if (m.machineId === machineId && m.endedAtMs === undefined) return m;
    return undefined;
  }

  function clusterOf(hostId: string): Cluster | undefined {
    return clusters.value.find((c) => c.hostIds.includes(hostId));
  }

  function planMigration(id: string): Promise<MigrationPlan> {
    return useApi().planMigration({ id });
  }

  /** The machine's first adapter as the network sees it: what a live migration must keep. */
  async function addressOf(id: string): Promise<{ ip: string; mac: string } | null> {
    const nic = (await useApi().getMachineConfig({ id })).nics[0];
    return nic ? { ip: nic.ip, mac: nic.mac } : null;
  }

  function planConsolidation(input: MethodInput<'planConsolidation'>): Promise<ConsolidationPlan> {
    return useApi().planConsolidation(input);
  }

  async function balance(clusterId: string): Promise<string[]> {
    return (await useApi().balanceCluster({ clusterId })).decisions;
  }

  function runReport(input: MethodInput<'getRunReport'>): Promise<RunReport> {
    return useApi().getRunReport(input);
  }

  async function startMigration(input: MethodInput<'startMigration'>): Promise<Migration> {
    const migration = await useApi().startMigration(input);
    migrations.value = trim(merge(migrations.value, [migration]));
    return migration;
  }

  async function cancelMigration(migrationId: string): Promise<void> {
    const migration = await useApi().cancelMigration({ migrationId });
    migrations.value = trim(merge(migrations.value, [migration]));
  }

  async function consolidate(input: MethodInput<'consolidateCluster'>): Promise<ClusterOperation> {
    const op = await useApi().consolidateCluster(input);
    operations.value = trim(merge(operations.value, [op]));
    return op;
  }

  async function hostAction(hostId: string, action: HostAction): Promise<ClusterOperation | undefined> {
    const result = await useApi().hostAction({ hostId, action });
    hosts.value = new Map(hosts.value).set(result.host.hostId, result.host);
    if (result.operation) operations.value = trim(merge(operations.value, [result.operation]));
    return result.operation;
  }

  async function updateCluster(clusterId: string, patch: ClusterSettingsPatch): Promise<void> {
    const cluster = await useApi().updateCluster({ clusterId, patch });
    clusters.value = clusters.value.map((c) => (c.id === cluster.id ? cluster : c));
  }

  async function setHostLink(hostId: string, gbps: number): Promise<void> {
    const host = await useApi().setHostLink({ hostId, gbps });
    hosts.value = new Map(hosts.value).set(host.hostId, host);
  }

  async function setRestartPriority(id: string, priority: RestartPriority): Promise<void> {
    await useApi().setRestartPriority({ id, priority });
    const next = { ...priorities.value };
    if (priority === 'medium') delete next[id];
    else next[id] = priority;
    priorities.value = next;
  }

  return {
    clusters,
    hosts,
    migrations,
    operations,
    priorities,
    simTimeMs,
    loaded,
    load,
    apply,
    attach,
    watchLive,
    activeMigrationOf,
    clusterOf,
    planMigration,
    addressOf,
    planConsolidation,
    balance,
    runReport,
    startMigration,
    cancelMigration,
    consolidate,
    hostAction,
    updateCluster,
    setHostLink,
    setRestartPriority,
  };
});

/** Newer items replace older ones; one that ended is never replaced by an earlier view of it still running. */
function merge<T extends { id: string; endedAtMs?: number | undefined }>(current: ReadonlyMap<string, T>, items: readonly T[]): Map<string, T> {
  const next = new Map(current);
  for (const item of items) {
    const known = next.get(item.id);
    if (known?.endedAtMs !== undefined && item.endedAtMs === undefined) continue;
    next.set(item.id, item);
  }
  return next;
}

/** Keeps everything running and the most recent finished ones. */
function trim<T extends { id: string; endedAtMs?: number | undefined }>(items: Map<string, T>): Map<string, T> {
  const finished = [...items.values()].filter((i) => i.endedAtMs !== undefined);
  if (finished.length <= keepFinished) return items;
  finished.sort((a, b) => a.endedAtMs! - b.endedAtMs!);
  for (const old of finished.slice(0, finished.length - keepFinished)) items.delete(old.id);
  return items;
}
