// Automatic balancing (DRS-like): a host above the threshold for long enough sends a guest to a less-loaded host.
import type { ClusterRec } from './clusterConfig.ts';
import { pinReason, plannedDemand } from './consolidation.ts';
import type { DcContext } from './datacenterContext.ts';
import { hostUtilisation } from './hostStatus.ts';
import { targetPlatforms } from './migrationPlanning.ts';

const pct = (x: number) => `${Math.round(x * 100)} %`;

export class Balancer {
  /** Per host: when it went above the threshold. */
  readonly #aboveSince = new Map<string, number>();
  /** Per host: no new decision before this time (the last move needs time to show in the load). */
  readonly #quietUntil = new Map<string, number>();

  /** Each whole second for a cluster with balancing on: decides for hosts that stayed above the threshold long enough. */
  tick(dc: DcContext, cluster: ClusterRec, nowMs: number): void {
    const { thresholdPct, sustainS } = cluster.settings.balancing;
    for (const hostId of cluster.hostIds) {
      if (dc.world.cluster.hostPower(hostId) !== 'on' || hostUtilisation(dc, hostId) * 100 < thresholdPct) {
        this.#aboveSince.delete(hostId);
        continue;
      }
      const since = this.#aboveSince.get(hostId) ?? nowMs;
      this.#aboveSince.set(hostId, since);
      if (nowMs - since < sustainS * 1000 || nowMs < (this.#quietUntil.get(hostId) ?? 0)) continue;
      if (dc.world.cluster.migrations().some((m) => m.fromHostId === hostId)) continue;
      decide(dc, cluster, hostId, `has been above ${thresholdPct} % CPU for ${Math.round((nowMs - since) / 1000)} s`);
      this.#quietUntil.set(hostId, nowMs + sustainS * 1000);
    }
  }

  /** The Balance action: one decision for every host above the threshold now, without waiting. */
  balanceNow(dc: DcContext, cluster: ClusterRec, nowMs: number): string[] {
    const { thresholdPct, sustainS } = cluster.settings.balancing;
    const out: string[] = [];
    for (const hostId of cluster.hostIds) {
      if (dc.world.cluster.hostPower(hostId) !== 'on' || hostUtilisation(dc, hostId) * 100 < thresholdPct) continue;
      out.push(decide(dc, cluster, hostId, `is above ${thresholdPct} % CPU`));
      this.#quietUntil.set(hostId, nowMs + sustainS * 1000);
    }
    if (out.length === 0) out.push(`Every host of ${cluster.name} is below ${thresholdPct} % CPU: nothing to balance`);
    return out;
  }
}

/**
 * Picks the move that leaves the busier of the two hosts least loaded, among guests that can move and hosts that stay
 * below the threshold with the guest; starts it and logs the decision with its reasons (or why nothing could move).
 */
function decide(dc: DcContext, cluster: ClusterRec, hostId: string, why: string): string {
  const world = dc.world;
  const threshold = cluster.settings.balancing.thresholdPct / 100;
  const source = world.host(hostId)!;
  const load = hostUtilisation(dc, hostId);
  const options: { machineId: string; platformId: string; demand: number; after: number; target: number; score: number }[] = [];
  const targets = cluster.hostIds.filter((id) => id !== hostId && world.cluster.hostPower(id) === 'on');
  for (const machineId of world.cluster.guestsOn(hostId)) {
    if (world.stateOf(machineId) !== 'Running' || pinReason(dc, machineId)) continue;
    const demand = plannedDemand(dc, machineId, cluster.settings.consolidation.percentile);
    for (const platformId of targetPlatforms(dc, machineId, targets)) {
      const targetHost = world.platform(platformId).hostId;
      const cores = world.host(targetHost)!.cores;
      const target = hostUtilisation(dc, targetHost) + demand / cores;
      if (target >= threshold) continue;
      const after = load - demand / source.cores;
      options.push({ machineId, platformId, demand, after, target, score: Math.max(after, target) });
    }
  }
  options.sort((a, b) => a.score - b.score || (a.machineId < b.machineId ? -1 : 1));
  for (const option of options) {
    const verdict = world.cluster.checkMigration(option.machineId, option.platformId);
    if (verdict.verdict === 'refused') continue;
    const targetHost = world.platform(option.platformId).hostId;
    const name = world.guest(option.machineId).name;
    const message = `Balancing: "${source.name}" ${why} (now ${pct(load)}); moving "${name}" (${option.demand.toFixed(2)} cores) to "${world.host(targetHost)!.name}" (${pct(hostUtilisation(dc, targetHost))} → ${pct(option.target)}), leaving ${pct(Math.max(0, option.after))}`;
    world.logHost(hostId, 'datacenter', message);
    dc.startMigration(option.machineId, option.platformId, { reason: 'balancing' });
    return message;
  }
  const message = `Balancing: "${source.name}" ${why} (now ${pct(load)}), but no guest can move to a host that would stay below ${pct(threshold)}`;
  world.logHost(hostId, 'datacenter', message);
  return message;
}
