// HA: restart a failed host's guests elsewhere by priority while capacity lasts, and admission control that keeps room for it.
import { AppError } from '../../shared/errors.ts';
import { restartPriorities } from '../../shared/domain/datacenter.ts';
import { isPoweredDown, machineStateLabels } from '../../shared/domain/machineState.ts';
import type { ClusterRec } from './clusterConfig.ts';
import type { DcContext } from './datacenterContext.ts';
import { targetPlatforms } from './migrationPlanning.ts';
import type { OpStep } from './operations.ts';

/**
 * How long after the power loss HA declares the host dead and starts restarting: vSphere HA's default failure
 * detection time (das.failuredetectiontime, 15 s) before the restarts are issued.
 */
export const haDetectionMs = 15_000;

const gib = (mib: number) => `${(mib / 1024).toFixed(1)} GiB`;

/** Restart steps for the guests a failure aborted: high priority first, then medium, then low; by name within one. */
export function restartSteps(dc: DcContext, aborted: readonly string[]): OpStep[] {
  const rank = (id: string) => restartPriorities.indexOf(dc.restartPriority(id));
  const name = (id: string) => dc.world.guest(id).name;
  return [...aborted].sort((a, b) => rank(a) - rank(b) || name(a).localeCompare(name(b))).map((machineId) => ({ kind: 'restart', machineId }));
}

/**
 * Restarts one aborted guest on the host of the cluster with the most free memory that takes it, and returns what it
 * did; throws an AppError saying why it cannot (priority disabled, disks lost with local storage, no room left).
 */
export function restartGuest(dc: DcContext, cluster: ClusterRec, machineId: string): string {
  const world = dc.world;
  const guest = world.guest(machineId);
  if (guest.state !== 'Aborted') return `"${guest.name}" is ${machineStateLabels[guest.state]} already; not restarted`;
  if (dc.restartPriority(machineId) === 'disabled') throw new AppError('INVALID_STATE', 'its restart priority is disabled');
  if (cluster.settings.storage === 'local') throw new AppError('INVALID_STATE', `its disks were on the failed host's local storage (cluster storage is local)`);
  const hosts = cluster.hostIds.filter((id) => id !== guest.hostId && world.cluster.hostPower(id) === 'on');
  let best: { platformId: string; free: number } | undefined;
  let why = `no working host of ${cluster.name} has a platform of its kind`;
  for (const platformId of targetPlatforms(dc, machineId, hosts)) {
    const refusal = world.cluster.checkMigration(machineId, platformId).reasons.find((r) => r.severity === 'refused');
    const free = world.cluster.freeMemoryMiB(platformId);
    if (refusal) why = refusal.message;
    else if (free < guest.memoryMiB) why = `no working host has ${gib(guest.memoryMiB)} of memory free (the most is ${gib(Math.max(0, best?.free ?? free))})`;
    else if (!best || free > best.free) best = { platformId, free };
  }
  if (!best) throw new AppError('INSUFFICIENT_RESOURCES', why);
  const target = world.platform(best.platformId);
  const moveDisks = dc.port.planMove(machineId, target.hostId);
  world.migrate(machineId, best.platformId);
  moveDisks();
  dc.noteMoved(machineId);
  dc.port.start(machineId);
  const line = `HA restarted "${guest.name}" (${dc.restartPriority(machineId)} priority) on "${world.host(target.hostId)!.name}"`;
  world.logGuest(machineId, 'datacenter', line);
  return line;
}

/**
 * Admission control: refuses powering a guest on in an HA cluster when the memory of every running guest (with it)
 * would no longer fit on the hosts left after the largest `hostFailuresToTolerate` hosts fail.
 */
export function admissionRefusal(dc: DcContext, cluster: ClusterRec, machineId: string): string | undefined {
  const ha = cluster.settings.ha;
  if (!ha.enabled || !ha.admissionControl) return undefined;
  const world = dc.world;
  const capacities: number[] = [];
  for (const host of world.listHosts()) {
    if (!cluster.hostIds.includes(host.id) || world.cluster.hostPower(host.id) !== 'on') continue;
    capacities.push(host.platforms.filter((p) => p.acceptsGuests).reduce((sum, p) => sum + p.capacity.memoryMiB, 0));
  }
  capacities.sort((a, b) => b - a);
  const reserve = capacities.slice(0, ha.hostFailuresToTolerate).reduce((s, c) => s + c, 0);
  const usable = capacities.reduce((s, c) => s + c, 0) - reserve;
  let running = world.guest(machineId).memoryMiB;
  for (const hostId of cluster.hostIds) {
    for (const id of world.cluster.guestsOn(hostId)) if (id !== machineId && !isPoweredDown(world.stateOf(id))) running += world.guest(id).memoryMiB;
  }
  if (running <= usable) return undefined;
  const failures = ha.hostFailuresToTolerate === 1 ? '1 host fails' : `${ha.hostFailuresToTolerate} hosts fail`;
  return `HA admission control keeps ${gib(reserve)} of ${cluster.name} free to restart guests if ${failures}: powering on "${world.guest(machineId).name}" would need ${gib(running)} of the ${gib(Math.max(0, usable))} left`;
}
