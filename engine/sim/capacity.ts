// What a pool or a type 0 platform can still give: dedicated cores and memory, shared capacity, reservations.
import { S_OFF, S_RUNNING } from './guestArrays.ts';
import type { GuestRec, PlatformRec, PoolRec } from './worldModel.ts';
import type { SimWorld } from './world.ts';

/** Cores and memory guests of the pool can use right now (a partition's pool is empty while it is not running). */
export function poolCapacity(world: SimWorld, pool: PoolRec): { cores: number; memoryMiB: number } {
  let cores: number;
  let memoryMiB: number;
  if (pool.partitionSlot < 0) {
    const host = world.hosts[pool.host]!.model;
    cores = host.cores;
    memoryMiB = host.memoryMiB;
  } else if (world.g.state[pool.partitionSlot] === S_RUNNING) {
    cores = world.g.vcpus[pool.partitionSlot]!;
    memoryMiB = world.g.memMiB[pool.partitionSlot]!;
  } else {
    return { cores: 0, memoryMiB: 0 };
  }
  return { cores: Math.max(0, cores - pool.platformCores - pool.controlCores), memoryMiB: Math.max(0, memoryMiB - pool.platformMiB) };
}

/** Size of the pool as configured (a partition's pool counted as if running), for fit checks. */
export function poolSize(world: SimWorld, pool: PoolRec): { cores: number; memoryMiB: number } {
  const host = world.hosts[pool.host]!.model;
  const cores = pool.partitionSlot < 0 ? host.cores : world.g.vcpus[pool.partitionSlot]!;
  const memoryMiB = pool.partitionSlot < 0 ? host.memoryMiB : world.g.memMiB[pool.partitionSlot]!;
  return { cores: Math.max(0, cores - pool.platformCores - pool.controlCores), memoryMiB: Math.max(0, memoryMiB - pool.platformMiB) };
}

export interface DedicatedUsage {
  readonly cores: number;
  readonly memoryMiB: number;
  readonly freeCores: number;
  readonly freeMiB: number;
  /** Partitions holding dedicated resources now (not powered off), smallest first. */
  readonly active: readonly GuestRec[];
}

/** Dedicated resources of a type 0 platform: partitions hold theirs from start until they are powered off. */
export function dedicatedUsage(world: SimWorld, platform: PlatformRec, exceptSlot: number): DedicatedUsage {
  const host = world.hosts[platform.host]!.model;
  const cores = host.cores - platform.controlCores;
  const memoryMiB = host.memoryMiB - world.pools[platform.pool]!.platformMiB;
  const active = world.guests
    .filter((g) => g.platform === platform.index && g.slot !== exceptSlot && world.g.state[g.slot] !== S_OFF)
    .sort((a, b) => a.spec.vcpus - b.spec.vcpus || a.spec.name.localeCompare(b.spec.name));
  let usedCores = 0;
  let usedMiB = 0;
  for (const guest of active) {
    usedCores += guest.spec.vcpus;
    usedMiB += guest.spec.memoryMiB;
  }
  return { cores, memoryMiB, freeCores: cores - usedCores, freeMiB: memoryMiB - usedMiB, active };
}

/**
 * Which running partitions to power off to free `missing` units: the smallest single one that suffices,
 * otherwise the largest ones first. Returns names and what they free together.
 */
export function whatWouldFree(active: readonly GuestRec[], missing: number, amount: (g: GuestRec) => number): { names: string[]; freed: number } {
  const single = [...active].sort((a, b) => amount(a) - amount(b)).find((g) => amount(g) >= missing);
  if (single) return { names: [single.spec.name], freed: amount(single) };
  const names: string[] = [];
  let freed = 0;
  for (const guest of [...active].sort((a, b) => amount(b) - amount(a))) {
    if (freed >= missing) break;
    names.push(guest.spec.name);
    freed += amount(guest);
  }
  return { names, freed };
}

/** Cores reserved by guests of the pool that are powered on. */
export function reservedIn(world: SimWorld, pool: number, exceptSlot: number): number {
  let sum = 0;
  for (const guest of world.guests) {
    if (guest.pool === pool && guest.slot !== exceptSlot && world.g.state[guest.slot] !== S_OFF) sum += guest.spec.reservationCores;
  }
  return sum;
}
