// Consolidation as bin packing: fit every guest's measured demand on as few hosts as possible, keeping headroom.

export interface PackHost {
  readonly id: string;
  /** Cores and memory its guests can use (the platform's own share taken off). */
  readonly cores: number;
  readonly memoryMiB: number;
  /** Platform id on this host per kind of virtualization its guests may move to. */
  readonly platforms: ReadonlyMap<string, string>;
}

export interface PackGuest {
  readonly id: string;
  readonly hostId: string;
  readonly kind: string;
  /** The percentile of its measured CPU demand, in cores (0 for a powered-off guest). */
  readonly demandCores: number;
  /** Memory it holds on a host (0 for a powered-off guest: it only needs a platform to be registered on). */
  readonly memoryMiB: number;
  /** It may move; a pinned guest keeps its host, which therefore stays on. */
  readonly movable: boolean;
}

export interface PackOptions {
  /** Share of each host kept free, 0..1. */
  readonly headroom: number;
  /** Hosts kept on beyond what the guests need (failover capacity for HA admission control). */
  readonly spareHosts: number;
}

export interface PackMove {
  readonly guestId: string;
  readonly fromHostId: string;
  readonly toHostId: string;
  readonly toPlatformId: string;
}

export interface PackResult {
  readonly moves: PackMove[];
  /** Hosts that keep guests (or stay on as spares), in the order they were chosen. */
  readonly keptHostIds: string[];
  readonly emptiedHostIds: string[];
  /** Demand and memory placed on each kept host after the moves. */
  readonly load: Map<string, { cores: number; memoryMiB: number }>;
  /** Guests no kept host could take (the plan then keeps every host). */
  readonly unplaced: string[];
}

/**
 * Chooses how many hosts to keep, fullest first (hosts with pinned guests always), so guests already there mostly
 * stay; every other guest is placed first-fit by decreasing demand. Starts from the smallest count the total demand
 * allows and gallops (+1, +2, +4…) then bisects to the smallest count that works: a handful of tries, each
 * O(guests × kept hosts) at worst and far less in practice (full hosts at the front are skipped).
 */
export function packGuests(hosts: readonly PackHost[], guests: readonly PackGuest[], options: PackOptions): PackResult {
  const factor = 1 - options.headroom;
  const byHost = new Map<string, PackGuest[]>();
  for (const host of hosts) byHost.set(host.id, []);
  for (const guest of guests) byHost.get(guest.hostId)?.push(guest);
  const demandOf = (id: string) => byHost.get(id)!.reduce((sum, g) => sum + g.demandCores, 0);
  const pinned = new Set(guests.filter((g) => !g.movable).map((g) => g.hostId));
  const order = [...hosts].sort((a, b) => Number(pinned.has(b.id)) - Number(pinned.has(a.id)) || demandOf(b.id) - demandOf(a.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const totalCores = guests.reduce((sum, g) => sum + g.demandCores, 0);
  const totalMiB = guests.reduce((sum, g) => sum + g.memoryMiB, 0);
  const biggest = hosts.reduce((m, h) => Math.max(m, h.cores * factor), 0);
  const biggestMiB = hosts.reduce((m, h) => Math.max(m, h.memoryMiB * factor), 0);
  const lower = Math.min(order.length, Math.max(pinned.size, 1, biggest > 0 ? Math.ceil(totalCores / biggest - 1e-9) : 1, biggestMiB > 0 ? Math.ceil(totalMiB / biggestMiB - 1e-9) : 1));
  const packer = new Packer(order, byHost, guests, factor);

  let failed = lower - 1;
  let found: Attempt | undefined;
  let k = lower;
  for (let step = 1; k <= order.length; step *= 2) {
    found = packer.attempt(k);
    if (found) break;
    failed = k;
    k = Math.min(order.length, k + step);
    if (failed === order.length) break;
  }
  if (!found) {
    // Not even every host holds them with this headroom: keep everything where it is.
    const load = new Map<string, { cores: number; memoryMiB: number }>();
    for (const host of order) load.set(host.id, { cores: demandOf(host.id), memoryMiB: byHost.get(host.id)!.reduce((s, g) => s + g.memoryMiB, 0) });
    return { moves: [], keptHostIds: order.map((h) => h.id), emptiedHostIds: [], load, unplaced: guests.filter((g) => g.movable).map((g) => g.id) };
  }
  // Bisect between the last count that failed and the one that worked.
  let good = k;
  while (good - failed > 1) {
    const mid = Math.floor((good + failed) / 2);
    const attempt = packer.attempt(mid);
    if (attempt) {
      found = attempt;
      good = mid;
    } else failed = mid;
  }
  return finish(order, good, options.spareHosts, found, guests);
}

interface Attempt {
  readonly placement: Map<string, PackHost>;
  readonly load: Map<string, { cores: number; memoryMiB: number }>;
}

/** Flat arrays of the guests (by decreasing demand) and of each kind as a bit, so each try scans numbers only. */
class Packer {
  readonly #order: readonly PackHost[];
  readonly #byHost: Map<string, PackGuest[]>;
  readonly #factor: number;
  readonly #movers: PackGuest[];
  readonly #demand: Float64Array;
  readonly #memory: Float64Array;
  readonly #kindBit: Int32Array;
  readonly #hostKinds: Int32Array;
  readonly #minMemory: number;
  readonly #minDemand: number;

  constructor(order: readonly PackHost[], byHost: Map<string, PackGuest[]>, guests: readonly PackGuest[], factor: number) {
    this.#order = order;
    this.#byHost = byHost;
    this.#factor = factor;
    this.#movers = [...guests].sort((a, b) => b.demandCores - a.demandCores || b.memoryMiB - a.memoryMiB || (a.id < b.id ? -1 : 1));
    const kinds = new Map<string, number>();
    const bit = (kind: string) => {
      if (!kinds.has(kind)) kinds.set(kind, 1 << Math.min(30, kinds.size));
      return kinds.get(kind)!;
    };
    this.#demand = Float64Array.from(this.#movers, (g) => g.demandCores);
    this.#memory = Float64Array.from(this.#movers, (g) => g.memoryMiB);
    this.#kindBit = Int32Array.from(this.#movers, (g) => bit(g.kind));
    this.#hostKinds = Int32Array.from(order, (h) => [...h.platforms.keys()].reduce((mask, kind) => mask | bit(kind), 0));
    this.#minMemory = this.#memory.reduce((m, x) => Math.min(m, x), Number.POSITIVE_INFINITY);
    this.#minDemand = this.#demand.reduce((m, x) => Math.min(m, x), Number.POSITIVE_INFINITY);
  }

  /** Places every guest on the first `k` hosts of the order, or undefined when one does not fit. */
  attempt(k: number): Attempt | undefined {
    const kept = this.#order.slice(0, k);
    const freeCores = new Float64Array(k);
    const freeMiB = new Float64Array(k);
    const index = new Map<string, number>();
    kept.forEach((host, i) => {
      freeCores[i] = host.cores * this.#factor;
      freeMiB[i] = host.memoryMiB * this.#factor;
      index.set(host.id, i);
    });
    const placement = new Map<string, PackHost>();
    // Residents of kept hosts stay while they fit (pinned ones whatever it takes), biggest first.
    for (const host of kept) {
      const i = index.get(host.id)!;
      const residents = [...this.#byHost.get(host.id)!].sort((a, b) => Number(a.movable) - Number(b.movable) || b.demandCores - a.demandCores);
      for (const guest of residents) {
        if (guest.movable && (guest.demandCores > freeCores[i]! + 1e-9 || guest.memoryMiB > freeMiB[i]! + 1e-9)) continue;
        freeCores[i] = freeCores[i]! - guest.demandCores;
        freeMiB[i] = freeMiB[i]! - guest.memoryMiB;
        placement.set(guest.id, host);
      }
    }
    const hostKinds = this.#hostKinds;
    // Hosts before `open` cannot take even the smallest guest: the scan starts after them.
    let open = 0;
    for (let g = 0; g < this.#movers.length; g++) {
      const guest = this.#movers[g]!;
      if (placement.has(guest.id)) continue;
      if (!guest.movable) return undefined;
      const demand = this.#demand[g]!;
      const memory = this.#memory[g]!;
      const kind = this.#kindBit[g]!;
      while (open < k && (freeCores[open]! < this.#minDemand - 1e-9 || freeMiB[open]! < this.#minMemory - 1e-9)) open += 1;
      let placed = -1;
      for (let i = open; i < k; i++) {
        if ((hostKinds[i]! & kind) === 0 || demand > freeCores[i]! + 1e-9 || memory > freeMiB[i]! + 1e-9) continue;
        placed = i;
        break;
      }
      if (placed < 0) return undefined;
      freeCores[placed] = freeCores[placed]! - demand;
      freeMiB[placed] = freeMiB[placed]! - memory;
      placement.set(guest.id, kept[placed]!);
    }
    const load = new Map<string, { cores: number; memoryMiB: number }>();
    kept.forEach((host, i) => load.set(host.id, { cores: host.cores * this.#factor - freeCores[i]!, memoryMiB: host.memoryMiB * this.#factor - freeMiB[i]! }));
    return { placement, load };
  }
}

function finish(order: readonly PackHost[], k: number, spares: number, attempt: Attempt, guests: readonly PackGuest[]): PackResult {
  const keep = Math.min(order.length, k + spares);
  const keptHostIds = order.slice(0, keep).map((h) => h.id);
  const load = attempt.load;
  for (const id of keptHostIds) if (!load.has(id)) load.set(id, { cores: 0, memoryMiB: 0 });
  const moves: PackMove[] = [];
  for (const guest of guests) {
    const host = attempt.placement.get(guest.id)!;
    if (host.id !== guest.hostId) moves.push({ guestId: guest.id, fromHostId: guest.hostId, toHostId: host.id, toPlatformId: host.platforms.get(guest.kind)! });
  }
  return { moves, keptHostIds, emptiedHostIds: order.slice(keep).map((h) => h.id), load, unplaced: [] };
}
