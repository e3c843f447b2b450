// The host dashboard's picture: per-core utilisation from vCPU placement, memory commitment and busiest guests.
import type { HostActivity } from '../../../shared/domain/telemetry.ts';
import { S_OFF } from '../guestArrays.ts';
import type { HostRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';
import { coreBusy } from './corePlacement.ts';
import type { HostUtilisation } from './hostUtilisation.ts';

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const round2 = (x: number) => Math.round(x * 100) / 100;
const topCount = 5;

export function hostActivityOf(w: WorldState, host: HostRec, utilisation: HostUtilisation): Omit<HostActivity, 'storage'> {
  const model = host.model;
  const cores = coreBusy(w, host.index, { controlCores: (pool) => utilisation.controlCores(pool) });
  let busy = 0;
  for (const c of cores) busy += c;
  let committedMiB = 0;
  const running: HostActivity['topGuests'] = [];
  for (const pool of w.pools) {
    if (pool.host !== host.index) continue;
    committedMiB += pool.committedMiB;
    for (const rec of pool.members) {
      if (rec.hidden || w.g.state[rec.slot] === S_OFF) continue;
      const cpuCores = w.seconds.hostBusyCores(rec.slot);
      running.push({
        machineId: rec.id,
        name: rec.name,
        cpuPct: round2((100 * cpuCores) / Math.max(1e-9, w.g.vcpus[rec.slot]!)),
        cpuCores: round4(cpuCores),
        memoryUsedMiB: Math.round(w.g.touched[rec.slot]!),
      });
    }
  }
  running.sort((a, b) => b.cpuCores - a.cpuCores || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    hostId: host.id,
    simTimeMs: w.seconds.atMs,
    coreUtilisation: Array.from(cores, round4),
    cpuUtilisation: round4(busy / model.cores),
    memory: {
      physicalMiB: model.memoryMiB,
      committedMiB,
      usedMiB: Math.round(utilisation.memoryUsedMiB(host.index)),
      overcommitRatio: round2(committedMiB / model.memoryMiB),
    },
    topGuests: running.slice(0, topCount),
  };
}
