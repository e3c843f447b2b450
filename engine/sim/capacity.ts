// What a pool or a type 0 platform can give: schedulable cores, guest capacity, dedicated use, reservations.
import { S_OFF, S_RUNNING } from './guestArrays.ts';
import type { GuestRec, PlatformRec, PoolRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

export interface Amount {
  readonly cores: number;
  readonly memoryMiB: number;
}

/** The machine under a pool as configured: the host's hardware, or the partition's cores and memory. */
export function poolMachine(w: WorldState, pool: PoolRec): Amount {
  if (!pool.partition) {
    const host = w.hosts[pool.host]!.model;
    return { cores: host.cores, memoryMiB: host.memoryMiB };
  }
  return { cores: w.g.vcpus[pool.partition.slot]!, memoryMiB: w.g.memMiB[pool.partition.slot]! };
}

/**
 * What the pool's guests can use as configured: the machine minus what its platforms keep (hypervisor, driver domain,
 * control partition) and minus a host OS's own processes. Every kind's fit check and the Hosts view use this.
 */
export function guestCapacity(w: WorldState, pool: PoolRec): Amount {
  const machine = poolMachine(w, pool);
  return {
    cores: Math.max(0, machine.cores - pool.platformCores - pool.controlCores - pool.hostOsCores),
    memoryMiB: Math.max(0, machine.memoryMiB - pool.platformMiB - pool.hostOsMiB),
  };
}

/** Whole cores a guest's vCPUs can be scheduled on: the machine's, except those given to a control partition. */
export function schedulableCores(w: WorldState, pool: PoolRec): number {
  return Math.max(0, Math.floor(poolMachine(w, pool).cores) - pool.controlCores);
}

/** Cores and memory the step may hand out now (a partition's pool is empty while the partition is not running). */
export function capacityNow(w: WorldState, pool: PoolRec): Amount {
  if (pool.partition && w.g.state[pool.partition.slot] !== S_RUNNING) return { cores: 0, memoryMiB: 0 };
  const machine = poolMachine(w, pool);
  return { cores: Math.max(0, machine.cores - pool.platformCores - pool.controlCores), memoryMiB: Math.max(0, machine.memoryMiB - pool.platformMiB) };
}

export interface DedicatedUsage {
  readonly cores: number;
  readonly memoryMiB: number;
  readonly freeCores: number;
  readonly freeMiB: number;
  /** Partitions holding dedicated resources now (not powered off), smallest first. */
  readonly active: readonly GuestRec[];
  /** Every partition defined on the platform (powered off included), except the one asked about. */
  readonly definedCores: number;
  readonly definedMiB: number;
}

/** Dedicated resources of a type 0 platform: partitions hold theirs from start until they are powered off. */
export function dedicatedUsage(w: WorldState, platform: PlatformRec, except: GuestRec | undefined): DedicatedUsage {
  const capacity = guestCapacity(w, w.pools[platform.pool]!);
  const active: GuestRec[] = [];
  let usedCores = 0;
  let usedMiB = 0;
  let definedCores = 0;
  let definedMiB = 0;
  for (const guest of w.pools[platform.pool]!.members) {
    if (guest.hidden || guest === except || guest.platform !== platform.index) continue;
    definedCores += guest.spec.vcpus;
    definedMiB += guest.spec.memoryMiB;
    if (w.g.state[guest.slot] === S_OFF) continue;
    active.push(guest);
    usedCores += guest.spec.vcpus;
    usedMiB += guest.spec.memoryMiB;
  }
  active.sort((a, b) => a.spec.vcpus - b.spec.vcpus || a.name.localeCompare(b.name));
  const cores = Math.floor(capacity.cores);
  const memoryMiB = Math.floor(capacity.memoryMiB);
  return { cores, memoryMiB, freeCores: cores - usedCores, freeMiB: memoryMiB - usedMiB, active, definedCores, definedMiB };
}

/**
 * Which running partitions to power off to free `missing` units: the smallest single one that suffices,
 * otherwise the largest ones first. Returns names and what they free together.
 */
export function whatWouldFree(active: readonly GuestRec[], missing: number, amount: (g: GuestRec) => number): { names: string[]; freed: number } {
  const single = [...active].sort((a, b) => amount(a) - amount(b)).find((g) => amount(g) >= missing);
  if (single) return { names: [single.name], freed: amount(single) };
  const names: string[] = [];
  let freed = 0;
  for (const guest of [...active].sort((a, b) => amount(b) - amount(a))) {
    if (freed >= missing) break;
    names.push(guest.name);
    freed += amount(guest);
  }
  return { names, freed };
}

/** Cores reserved by the pool's powered-on guests. */
export function reservedIn(w: WorldState, pool: PoolRec, except: GuestRec | undefined): number {
  let sum = 0;
  for (const guest of pool.members) {
    if (guest !== except && !guest.hidden && w.g.state[guest.slot] !== S_OFF) sum += guest.spec.reservationCores;
  }
  return sum;
}
