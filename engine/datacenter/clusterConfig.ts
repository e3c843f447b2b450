// Clusters and per-host data-center settings: which hosts form a cluster, its storage and policies, links and power.
import { AppError } from '../../shared/errors.ts';
import type { Cluster, ClusterSettings, ClusterSettingsPatch, RestartPriority } from '../../shared/domain/datacenter.ts';
import type { PowerProfile } from './powerModel.ts';

/** Policies are off until asked for (balancing like DRS, HA); consolidation keeps 20 % free and plans on the 80th percentile of demand. */
export const defaultClusterSettings: ClusterSettings = {
  storage: 'shared',
  ha: { enabled: false, admissionControl: false, hostFailuresToTolerate: 1 },
  balancing: { enabled: false, thresholdPct: 80, sustainS: 60 },
  consolidation: { headroomPct: 20, percentile: 80 },
};

export interface ClusterSpec {
  readonly id: string;
  readonly name: string;
  readonly hostIds: readonly string[];
  readonly settings?: ClusterSettingsPatch;
}

export interface HostSpec {
  readonly hostId: string;
  readonly linkGbps?: number;
  readonly power?: PowerProfile;
}

/** What a data center is built from besides the world's hosts: clusters, and per-host links and power profiles. */
export interface DatacenterConfig {
  readonly clusters: readonly ClusterSpec[];
  readonly hosts?: readonly HostSpec[];
  /** HA restart priorities by machine id (medium when absent). */
  readonly restartPriorities?: Readonly<Record<string, RestartPriority>>;
}

export interface ClusterRec {
  readonly id: string;
  readonly name: string;
  readonly hostIds: readonly string[];
  settings: ClusterSettings;
}

export function mergeSettings(base: ClusterSettings, patch: ClusterSettingsPatch | undefined): ClusterSettings {
  if (!patch) return base;
  return {
    storage: patch.storage ?? base.storage,
    ha: { ...base.ha, ...patch.ha },
    balancing: { ...base.balancing, ...patch.balancing },
    consolidation: { ...base.consolidation, ...patch.consolidation },
  };
}

/** Checks the clusters against the world's hosts: known hosts, each in one cluster at most. */
export function buildClusters(config: DatacenterConfig, hostIds: readonly string[]): ClusterRec[] {
  const known = new Set(hostIds);
  const owner = new Map<string, string>();
  const ids = new Set<string>();
  return config.clusters.map((spec, i) => {
    if (ids.has(spec.id)) throw new AppError('CONFLICT', `Two clusters have the id "${spec.id}"`, `clusters.${i}.id`);
    ids.add(spec.id);
    spec.hostIds.forEach((hostId, k) => {
      if (!known.has(hostId)) throw new AppError('NOT_FOUND', `Cluster "${spec.name}" names host "${hostId}", which does not exist`, `clusters.${i}.hosts.${k}`);
      const other = owner.get(hostId);
      if (other !== undefined) throw new AppError('CONFLICT', `Host "${hostId}" is in both cluster "${other}" and "${spec.name}"`, `clusters.${i}.hosts.${k}`);
      owner.set(hostId, spec.name);
    });
    return { id: spec.id, name: spec.name, hostIds: [...spec.hostIds], settings: mergeSettings(defaultClusterSettings, spec.settings) };
  });
}

/** A cluster as the contract shows it (a copy: views never share the record's objects). */
export function clusterView(cluster: ClusterRec): Cluster {
  const s = cluster.settings;
  return { id: cluster.id, name: cluster.name, hostIds: [...cluster.hostIds], settings: { storage: s.storage, ha: { ...s.ha }, balancing: { ...s.balancing }, consolidation: { ...s.consolidation } } };
}
