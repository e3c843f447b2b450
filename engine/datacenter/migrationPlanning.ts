// Where a guest can go: every host with a platform of its kind, each with the verdict and a predicted cost; best target.
import type { MigrationCandidate, MigrationPlan } from '../../shared/domain/datacenter.ts';
import type { FitVerdict } from '../sim/types.ts';
import type { DcContext } from './datacenterContext.ts';
import { hostUtilisation } from './hostStatus.ts';
import { estimateMigration } from './migrationEstimate.ts';

/** Platforms of the guest's kind on other hosts (or every host in `hostIds`), in world order. */
export function targetPlatforms(dc: DcContext, machineId: string, hostIds?: readonly string[]): string[] {
  const world = dc.world;
  const guest = world.guest(machineId);
  const scope = hostIds ? new Set(hostIds) : undefined;
  return world.platformIds().filter((id) => {
    const platform = world.platform(id);
    return platform.kind === guest.kind && platform.hostId !== guest.hostId && (!scope || scope.has(platform.hostId));
  });
}

export function planMigration(dc: DcContext, machineId: string): MigrationPlan {
  const world = dc.world;
  const guest = world.guest(machineId);
  const method = world.cluster.methodFor(machineId);
  const candidates = targetPlatforms(dc, machineId).map((platformId): MigrationCandidate => {
    const platform = world.platform(platformId);
    const host = world.host(platform.hostId)!;
    const verdict: FitVerdict = world.cluster.checkMigration(machineId, platformId);
    const candidate: MigrationCandidate = {
      hostId: platform.hostId,
      hostName: host.name,
      platformId,
      platformName: platform.name,
      power: world.cluster.hostPower(platform.hostId),
      verdict: { ...verdict, reasons: [...verdict.reasons], wouldFree: [...verdict.wouldFree], chain: [...verdict.chain], zones: world.zones(platformId) },
    };
    if (method) {
      candidate.estimate = estimateMigration({
        method,
        writing: world.cluster.writing(machineId),
        linkGbps: Math.min(world.cluster.linkGbps(guest.hostId), world.cluster.linkGbps(platform.hostId)),
        storageMiB: dc.storageToCopy(machineId, platform.hostId),
      });
    }
    return candidate;
  });
  const rank = (c: MigrationCandidate) => (c.verdict.verdict === 'refused' ? 1 : 0);
  candidates.sort((a, b) => rank(a) - rank(b) || (a.estimate?.totalMs ?? 0) - (b.estimate?.totalMs ?? 0) || a.hostName.localeCompare(b.hostName));
  const plan: MigrationPlan = { machineId, machineName: guest.name, fromHostId: guest.hostId, candidates };
  if (method) plan.method = method;
  return plan;
}

/**
 * The least loaded host (after taking the guest's demand) whose platform accepts the guest now, among `hostIds`;
 * or the first reason the closest candidate gave.
 */
export function chooseTarget(dc: DcContext, machineId: string, hostIds: readonly string[], demandCores: number): { platformId: string } | { why: string } {
  const world = dc.world;
  let best: { platformId: string; load: number } | undefined;
  let why = 'no other host has a platform of its kind';
  for (const platformId of targetPlatforms(dc, machineId, hostIds)) {
    const hostId = world.platform(platformId).hostId;
    const verdict = world.cluster.checkMigration(machineId, platformId);
    const refusal = verdict.reasons.find((r) => r.severity === 'refused');
    if (refusal) {
      why = refusal.message;
      continue;
    }
    const load = hostUtilisation(dc, hostId) + demandCores / world.host(hostId)!.cores;
    if (!best || load < best.load - 1e-9) best = { platformId, load };
  }
  return best ? { platformId: best.platformId } : { why };
}
