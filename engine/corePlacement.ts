// Per-core busy time of one host over the last second, from a stable placement of each pool's vCPUs on physical cores.
import { S_OFF, S_RUNNING } from './sim/guestArrays.ts';
import type { GuestRec } from './sim/worldModel.ts';
import type { SimWorld } from './sim/world.ts';

/** What the host spent on its pools' own work (per pool index), beside the guests: hypervisor threads and I/O forwarding. */
export interface PoolBusy {
  readonly controlCores: (pool: number) => number;
}

/**
 * Places every vCPU of the host on a physical core the way a scheduler with stable affinity would: a pool's slots, in
 * slot order, take its cores round-robin (powered-off guests keep their turn, so starting one machine moves no other);
 * a partition's guests run on the cores its own vCPUs got; control partitions own the first cores of the hardware.
 * Each slot's measured host CPU is split evenly over its vCPU threads. Work that lands above 100 % of a core migrates
 * to the least-loaded cores, as load balancing would, so the per-core figures always add up to the host's busy time.
 */
export function coreBusy(world: SimWorld, hostIndex: number, pools: PoolBusy): Float64Array {
  const host = world.hosts[hostIndex]!;
  const cores = new Float64Array(host.model.cores);
  const coresOfSlot = new Map<number, number[]>();
  const guestsOfPool = groupByPool(world, hostIndex);
  for (const pool of world.pools) {
    const guests = guestsOfPool.get(pool.index);
    // The step skips pools without slots, so their platform costs the host nothing either.
    if (pool.host !== hostIndex || !guests) continue;
    // As in the step: a partition's pool has capacity (and platform overhead) only while the partition runs.
    const partitionRunning = pool.partitionSlot < 0 || world.g.state[pool.partitionSlot] === S_RUNNING;
    const all = pool.partitionSlot < 0 ? range(cores.length) : (coresOfSlot.get(pool.partitionSlot) ?? []);
    if (all.length === 0) continue;
    const control = Math.min(pool.controlCores, all.length - 1);
    const forward = pools.controlCores(pool.index);
    for (let c = 0; c < control; c++) cores[all[c]!]! += forward / control;
    const usable = all.slice(control);
    // The platform's own threads (hypervisor, container runtime) run on the last usable core while the pool has capacity.
    if (partitionRunning) cores[usable[usable.length - 1]!]! += pool.platformCores;
    let cursor = 0;
    for (const rec of guests) {
      const threads = Math.max(1, Math.ceil(world.g.vcpus[rec.slot]!));
      const placed: number[] = [];
      for (let t = 0; t < threads; t++) placed.push(usable[(cursor + t) % usable.length]!);
      cursor += threads;
      if (rec.hostsPool >= 0) coresOfSlot.set(rec.slot, placed);
      if (world.g.state[rec.slot] === S_OFF) continue;
      const share = world.seconds.hostBusyCores(rec.slot) / threads;
      for (const core of placed) cores[core]! += share;
    }
  }
  balance(cores);
  return cores;
}

function groupByPool(world: SimWorld, hostIndex: number): Map<number, GuestRec[]> {
  const byPool = new Map<number, GuestRec[]>();
  for (const rec of world.guests) {
    // Deleted slots keep a record with host -1 until reused.
    if (!rec || rec.host !== hostIndex) continue;
    let list = byPool.get(rec.pool);
    if (!list) byPool.set(rec.pool, (list = []));
    list.push(rec);
  }
  return byPool;
}

/** Moves whatever exceeds a full core to the cores with the most headroom; the total is unchanged while it fits. */
export function balance(cores: Float64Array): void {
  let excess = 0;
  for (let c = 0; c < cores.length; c++) {
    if (cores[c]! > 1) {
      excess += cores[c]! - 1;
      cores[c] = 1;
    }
  }
  if (excess <= 1e-12) return;
  const byHeadroom = range(cores.length).sort((a, b) => cores[a]! - cores[b]! || a - b);
  for (const c of byHeadroom) {
    const room = 1 - cores[c]!;
    const moved = room < excess ? room : excess;
    cores[c]! += moved;
    excess -= moved;
    if (excess <= 1e-12) return;
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
