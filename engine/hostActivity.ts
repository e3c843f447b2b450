// The host dashboard's picture: per-core utilisation from vCPU placement, memory commitment, storage and busiest guests.
import type { HostActivity } from '../shared/domain/telemetry.ts';
import type { StoragePool } from '../shared/domain/storage.ts';
import { coreBusy } from './corePlacement.ts';
import { S_OFF } from './sim/guestArrays.ts';
import type { SimWorld } from './sim/world.ts';
import type { HostUtilisation } from './hostView.ts';
import type { WorldIndex } from './worldIndex.ts';

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const round2 = (x: number) => Math.round(x * 100) / 100;
const topCount = 5;

/** Per pool, the cores its control partition spent forwarding I/O during the last whole second. */
export class ControlForwarding {
  private prev = new Float64Array(0);
  private last = new Float64Array(0);

  /** Called at each whole simulated second. */
  take(world: SimWorld): void {
    const n = world.pools.length;
    if (this.prev.length !== n) {
      const prev = new Float64Array(n);
      prev.set(this.prev.subarray(0, Math.min(n, this.prev.length)));
      this.prev = prev;
      this.last = new Float64Array(n);
    }
    for (let p = 0; p < n; p++) {
      const now = world.pools[p]!.cForward;
      this.last[p] = now - this.prev[p]!;
      this.prev[p] = now;
    }
  }

  controlCores = (pool: number): number => this.last[pool] ?? 0;
}

export function hostActivities(world: SimWorld, index: WorldIndex, utilisation: HostUtilisation, forwarding: ControlForwarding, storage: readonly StoragePool[]): HostActivity[] {
  return index.directory.hosts.map((entry) => {
    const host = world.hostByName.get(entry.sim.name)!;
    const model = host.model;
    const cores = coreBusy(world, host.index, forwarding);
    let busy = 0;
    for (const c of cores) busy += c;
    let committedMiB = 0;
    const running: HostActivity['topGuests'] = [];
    for (const rec of world.guests) {
      if (!rec || rec.hidden || rec.host !== host.index) continue;
      committedMiB += rec.spec.memoryMiB;
      if (rec.id === undefined || world.g.state[rec.slot] === S_OFF) continue;
      const cpuCores = world.seconds.hostBusyCores(rec.slot);
      running.push({
        machineId: rec.id,
        name: rec.spec.name,
        cpuPct: round2((100 * cpuCores) / Math.max(1e-9, world.g.vcpus[rec.slot]!)),
        cpuCores: round4(cpuCores),
        memoryUsedMiB: Math.round(world.g.touched[rec.slot]!),
      });
    }
    running.sort((a, b) => b.cpuCores - a.cpuCores || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const pools = storage.filter((pool) => pool.hostId === entry.id);
    const capacityMiB = pools.reduce((sum, pool) => sum + pool.capacityMiB, 0);
    const usedMiB = pools.reduce((sum, pool) => sum + pool.usedMiB, 0);
    return {
      hostId: entry.id,
      simTimeMs: world.seconds.atMs,
      coreUtilisation: Array.from(cores, round4),
      cpuUtilisation: round4(busy / model.cores),
      memory: {
        physicalMiB: model.memoryMiB,
        committedMiB,
        usedMiB: Math.round(utilisation.memoryUsedMiB(host.index)),
        overcommitRatio: round2(committedMiB / model.memoryMiB),
      },
      storage: { capacityGiB: round2(capacityMiB / 1024), usedGiB: round2(usedMiB / 1024) },
      topGuests: running.slice(0, topCount),
    };
  });
}
