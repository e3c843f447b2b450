// Once a simulated second: each host's watts into the energy meter, each running guest's CPU demand into its samples.
import type { DcContext } from './datacenterContext.ts';
import { hostUtilisation } from './hostStatus.ts';
import { hostWatts } from './powerModel.ts';

export function sampleSecond(dc: DcContext, nowMs: number): void {
  const world = dc.world;
  for (const hostId of world.hostIds()) {
    const power = world.cluster.hostPower(hostId);
    const watts = power === 'on' || power === 'maintenance' ? hostWatts(dc.power(hostId), hostUtilisation(dc, hostId)) : 0;
    dc.energy.addSecond(hostId, watts, nowMs);
  }
  for (const id of world.guestIds()) if (world.stateOf(id) === 'Running') dc.demand.record(id, world.lastSecond(id).cpuCores);
}
