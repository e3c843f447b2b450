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
 * stay; every other guest is placed first-fit by decreasing demand. Tries the smallest count the total demand allows,
 * then one more host at a time: each try is O(guests × kept hosts).
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
  const lower = Math.max(pinned.size, 1, biggest > 0 ? Math.ceil(totalCores / biggest - 1e-9) : 1, biggestMiB > 0 ? Math.ceil(totalMiB / biggestMiB - 1e-9) : 1);
  const movers = [...guests].sort((a, b) => b.demandCores - a.demandCores || b.memoryMiB - a.memoryMiB || (a.id < b.id ? -1 : 1));

  for (let k = Math.min(lower, order.length); k <= order.length; k++) {
    const attempt = tryPack(order.slice(0, k), byHost, movers, factor);
    if (attempt) return finish(order, k, options.spareHosts, attempt, guests);
  }
  // Not even every host holds them with this headroom: keep everything where it is.
  const load = new Map<string, { cores: number; memoryMiB: number }>();
  for (const host of order) load.set(host.id, { cores: demandOf(host.id), memoryMiB: byHost.get(host.id)!.reduce((s, g) => s + g.memoryMiB, 0) });
  return { moves: [], keptHostIds: order.map((h) => h.id), emptiedHostIds: [], load, unplaced: guests.filter((g) => g.movable).map((g) => g.id) };
}

interface Attempt {
  readonly placement: Map<string, PackHost>;
  readonly load: Map<string, { cores: number; memoryMiB: number }>;
}

function tryPack(kept: readonly PackHost[], byHost: Map<string, PackGuest[]>, movers: readonly PackGuest[], factor: number): Attempt | undefined {
  const freeCores = new Float64Array(kept.length);
  const freeMiB = new Float64Array(kept.length);
  const index = new Map<string, number>();
  kept.forEach((host, i) => {
    freeCores[i] = host.cores * factor;
    freeMiB[i] = host.memoryMiB * factor;
    index.set(host.id, i);
  });
  const placement = new Map<string, PackHost>();
  // Residents of kept hosts stay while they fit (pinned ones whatever it takes), biggest first.
  for (const host of kept) {
    const i = index.get(host.id)!;
    const residents = [...byHost.get(host.id)!].sort((a, b) => Number(a.movable) - Number(b.movable) || b.demandCores - a.demandCores);
    for (const guest of residents) {
      if (guest.movable && (guest.demandCores > freeCores[i]! + 1e-9 || guest.memoryMiB > freeMiB[i]! + 1e-9)) continue;
      freeCores[i] = freeCores[i]! - guest.demandCores;
      freeMiB[i] = freeMiB[i]! - guest.memoryMiB;
      placement.set(guest.id, host);
    }
  }
  for (const guest of movers) {
    if (placement.has(guest.id)) continue;
    if (!guest.movable) return undefined;
    let placed = false;
    for (let i = 0; i < kept.length; i++) {
      const host = kept[i]!;
      if (!host.platforms.has(guest.kind)) continue;
      if (guest.demandCores > freeCores[i]! + 1e-9 || guest.memoryMiB > freeMiB[i]! + 1e-9) continue;
      freeCores[i] = freeCores[i]! - guest.demandCores;
      freeMiB[i] = freeMiB[i]! - guest.memoryMiB;
      placement.set(guest.id, host);
      placed = true;
      break;
    }
    if (!placed) return undefined;
  }
  const load = new Map<string, { cores: number; memoryMiB: number }>();
  kept.forEach((host, i) => load.set(host.id, { cores: host.cores * factor - freeCores[i]!, memoryMiB: host.memoryMiB * factor - freeMiB[i]! }));
  return { placement, load };
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
