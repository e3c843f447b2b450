// The data center's settings as one document: what is saved in the library and re-applied when a world is rebuilt.
import type { DatacenterSettings, RestartPriority } from '../../shared/domain/datacenter.ts';
import { preCopyDefaults } from '../sim/cluster/preCopyModel.ts';
import type { SimWorld } from '../sim/world.ts';
import { clusterView, mergeSettings } from './clusterConfig.ts';
import type { ClusterRec } from './clusterConfig.ts';

/** Cluster settings, links that differ from the default, and restart priorities other than medium. */
export function settingsOf(world: SimWorld, clusters: readonly ClusterRec[], priorities: ReadonlyMap<string, RestartPriority>): DatacenterSettings {
  const links = world.hostIds().flatMap((hostId) => {
    const gbps = world.cluster.linkGbps(hostId);
    return gbps === preCopyDefaults.linkGbps ? [] : [{ hostId, gbps }];
  });
  return { clusters: clusters.map((c) => ({ id: c.id, settings: clusterView(c).settings })), links, restartPriorities: Object.fromEntries(priorities) };
}

/** Applies saved settings; entries about clusters, hosts or machines that no longer exist are left out. */
export function applySavedSettings(world: SimWorld, clusters: readonly ClusterRec[], priorities: Map<string, RestartPriority>, saved: DatacenterSettings): void {
  for (const { id, settings } of saved.clusters) {
    const cluster = clusters.find((c) => c.id === id);
    if (cluster) cluster.settings = mergeSettings(cluster.settings, settings);
  }
  for (const { hostId, gbps } of saved.links) if (world.host(hostId)) world.cluster.setLinkGbps(hostId, gbps);
  for (const [id, priority] of Object.entries(saved.restartPriorities)) if (world.has(id)) priorities.set(id, priority);
}
