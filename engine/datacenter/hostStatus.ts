// Each host as the data-center views show it: cluster, power state, link, watts and energy, utilisation, guests.
import { isPoweredDown } from '../../shared/domain/machineState.ts';
import type { HostStatus } from '../../shared/domain/datacenter.ts';
import type { DcContext } from './datacenterContext.ts';

const round1 = (x: number) => Math.round(x * 10) / 10;

/** CPU busy share (0..1) of a host over the last second; a dark host does nothing. */
export function hostUtilisation(dc: DcContext, hostId: string): number {
  const power = dc.world.cluster.hostPower(hostId);
  if (power === 'off' || power === 'failed') return 0;
  const cores = dc.world.host(hostId)!.cores;
  return Math.min(1, dc.world.hostLoad(hostId).busyCores / cores);
}

export function hostStatus(dc: DcContext, hostId: string): HostStatus {
  const world = dc.world;
  const model = world.host(hostId)!;
  const power = world.cluster.hostPower(hostId);
  const dark = power === 'off' || power === 'failed';
  const load = world.hostLoad(hostId);
  const guests = world.cluster.guestsOn(hostId);
  const cluster = dc.clusterOfHost(hostId);
  const status: HostStatus = {
    hostId,
    name: model.name,
    power,
    linkGbps: world.cluster.linkGbps(hostId),
    storage: cluster?.settings.storage ?? 'local',
    watts: dark ? 0 : round1(dc.energy.wattsOf(hostId)),
    energyKWh: Math.round(dc.energy.totalKWh(hostId) * 10_000) / 10_000,
    cpuPct: dark ? 0 : round1((100 * load.busyCores) / model.cores),
    memoryPct: dark ? 0 : round1((100 * load.memoryUsedMiB) / model.memoryMiB),
    guests: guests.length,
    runningGuests: guests.filter((id) => !isPoweredDown(world.stateOf(id))).length,
  };
  if (cluster) status.clusterId = cluster.id;
  return status;
}
