// Per-core busy time of one host over the last second, from a stable placement of each pool's vCPUs on physical cores.
import { S_OFF, S_RUNNING } from '../guestArrays.ts';
import type { GuestRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';

/** What the host spent on its pools' own work (per pool index), beside the guests: I/O forwarding. */
export interface PoolBusy {
  readonly controlCores: (pool: number) => number;
}

/**
 * Places every vCPU of the host on a physical core the way a scheduler with stable affinity would: a pool's guests, in
 * creation order, take its cores round-robin (powered-off guests keep their turn, so starting one machine moves no
 * other); a partition's guests run on the cores its own vCPUs got; control partitions own the first cores of the
 * hardware. Each guest's measured host CPU is split evenly over its vCPU threads. Work that lands above 100 % of a core
 * migrates to the least-loaded cores, as load balancing would, so the per-core figures add up to the host's busy time.
 */
export function coreBusy(w: WorldState, hostIndex: number, pools: PoolBusy): Float64Array {
  const host = w.hosts[hostIndex]!;
  const cores = new Float64Array(host.model.cores);
  const coresOfPartition = new Map<GuestRec, number[]>();
  for (const pool of w.pools) {
    if (pool.host !== hostIndex) continue;
    // As in the step: a partition's pool has capacity (and platform overhead) only while the partition runs.
    const partitionRunning = !pool.partition || w.g.state[pool.partition.slot] === S_RUNNING;
    const all = pool.partition ? (coresOfPartition.get(pool.partition) ?? []) : range(cores.length);
    if (all.length === 0) continue;
    const control = Math.min(pool.controlCores, all.length - 1);
    const forward = pools.controlCores(pool.index);
    for (let c = 0; c < control; c++) cores[all[c]!]! += forward / control;
    const usable = all.slice(control);
    // The platform's own threads (hypervisor, driver domain, container runtime) run on the last usable core.
    if (partitionRunning) cores[usable[usable.length - 1]!]! += pool.platformCores;
    let cursor = 0;
    for (const rec of [...pool.members].sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1))) {
      const threads = Math.max(1, Math.ceil(w.g.vcpus[rec.slot]!));
      const placed: number[] = [];
      for (let t = 0; t < threads; t++) placed.push(usable[(cursor + t) % usable.length]!);
      cursor += threads;
      if (rec.hostsPool >= 0) coresOfPartition.set(rec, placed);
      if (w.g.state[rec.slot] === S_OFF || rec.hostsPool >= 0) continue;
      const share = w.seconds.hostBusyCores(rec.slot) / threads;
      for (const core of placed) cores[core]! += share;
    }
  }
  balance(cores);
  return cores;
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
