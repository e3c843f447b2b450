// Consolidating a cluster: the plan (moves, emptied hosts, load and power before → after) and the steps that carry it out.
import type { ConsolidationPlan, HostLoad } from '../../shared/domain/datacenter.ts';
import { isPoweredDown } from '../../shared/domain/machineState.ts';
import { packGuests } from './consolidationPlanner.ts';
import type { PackGuest, PackHost } from './consolidationPlanner.ts';
import type { DcContext } from './datacenterContext.ts';
import type { OpStep } from './operations.ts';
import { hostWatts } from './powerModel.ts';

export interface ConsolidationOverrides {
  readonly headroomPct?: number;
  readonly percentile?: number;
}

/** The guest's demand for planning: the percentile of what it cost its host each second it ran (its last second before that). */
export function plannedDemand(dc: DcContext, machineId: string, percentile: number): number {
  if (isPoweredDown(dc.world.stateOf(machineId))) return 0;
  return dc.demand.percentile(machineId, percentile) ?? dc.world.lastSecond(machineId).cpuCores;
}

/** Why a guest cannot be moved by a plan at all (before any target is considered), or undefined. */
export function pinReason(dc: DcContext, machineId: string): string | undefined {
  const world = dc.world;
  const guest = world.guest(machineId);
  if (world.cluster.migrationOf(machineId)) return 'it is migrating already';
  if (guest.hostsPlatform) return 'a platform runs inside it';
  if (guest.state === 'Saved') return 'it is Saved: its memory state is a file on this host';
  if (isPoweredDown(guest.state)) return undefined;
  if (!world.cluster.methodFor(machineId)) return `its kind cannot move it while it runs (${world.platform(guest.platformId).kind})`;
  if (guest.io === 'passthrough') return 'it uses a passed-through device';
  return undefined;
}

export function planConsolidation(dc: DcContext, clusterId: string, overrides: ConsolidationOverrides = {}): { plan: ConsolidationPlan; steps: OpStep[] } {
  const world = dc.world;
  const cluster = dc.cluster(clusterId);
  const headroomPct = overrides.headroomPct ?? cluster.settings.consolidation.headroomPct;
  const percentile = overrides.percentile ?? cluster.settings.consolidation.percentile;
  const summaries = new Map(world.listHosts().map((h) => [h.id, h]));
  const onHosts = cluster.hostIds.filter((id) => world.cluster.hostPower(id) === 'on');
  const hosts: PackHost[] = [];
  const guests: PackGuest[] = [];
  const pinned: ConsolidationPlan['pinned'] = [];
  const demandOf = new Map<string, number>();
  for (const hostId of onHosts) {
    const accepting = summaries.get(hostId)!.platforms.filter((p) => p.acceptsGuests);
    if (accepting.length === 0) continue;
    hosts.push({ id: hostId, cores: accepting[0]!.capacity.cores, memoryMiB: accepting[0]!.capacity.memoryMiB, platforms: new Map(accepting.map((p) => [p.kind, p.id])) });
    for (const machineId of world.cluster.guestsOn(hostId)) {
      const guest = world.guest(machineId);
      const running = !isPoweredDown(guest.state);
      const demand = plannedDemand(dc, machineId, percentile);
      demandOf.set(machineId, demand);
      const why = pinReason(dc, machineId);
      if (why) pinned.push({ machineId, name: guest.name, hostId, why });
      guests.push({ id: machineId, hostId, kind: guest.kind, demandCores: demand, memoryMiB: running ? guest.memoryMiB : 0, movable: why === undefined });
    }
  }
  const ha = cluster.settings.ha;
  const result = packGuests(hosts, guests, { headroom: headroomPct / 100, spareHosts: ha.enabled && ha.admissionControl ? ha.hostFailuresToTolerate : 0 });
  for (const id of result.unplaced) {
    const guest = world.guest(id);
    if (!pinned.some((p) => p.machineId === id)) pinned.push({ machineId: id, name: guest.name, hostId: guest.hostId, why: `no host keeps ${headroomPct} % headroom with it on board` });
  }

  const byHost = new Map<string, PackGuest[]>(onHosts.map((id) => [id, []]));
  for (const guest of guests) byHost.get(guest.hostId)!.push(guest);
  const here = (hostId: string) => byHost.get(hostId)!;
  const describe = (hostId: string, cores: number, memoryMiB: number, on: boolean): HostLoad => {
    const model = world.host(hostId)!;
    const util = on ? Math.min(1, cores / model.cores) : 0;
    return { hostId, name: model.name, cpuPct: round1(100 * util), memoryPct: on ? round1((100 * memoryMiB) / model.memoryMiB) : 0, watts: on ? round1(hostWatts(dc.power(hostId), util)) : 0, on };
  };
  const before = onHosts.map((id) => describe(id, sumOf(here(id), 'demandCores'), sumOf(here(id), 'memoryMiB'), true));
  const emptied = new Set(result.emptiedHostIds);
  const after = onHosts.map((id) => {
    const load = result.load.get(id);
    return describe(id, load?.cores ?? sumOf(here(id), 'demandCores'), load?.memoryMiB ?? sumOf(here(id), 'memoryMiB'), !emptied.has(id));
  });
  const sum = (list: HostLoad[]) => round1(list.reduce((s, h) => s + h.watts, 0));
  const moves = result.moves.map((move) => {
    const guest = world.guest(move.guestId);
    return { machineId: move.guestId, name: guest.name, fromHostId: move.fromHostId, toHostId: move.toHostId, toPlatformId: move.toPlatformId, demandCores: round3(demandOf.get(move.guestId) ?? 0), memoryMiB: guest.memoryMiB, live: !isPoweredDown(guest.state) };
  });
  const plan: ConsolidationPlan = {
    clusterId,
    headroomPct,
    percentile,
    moves,
    emptiedHostIds: [...result.emptiedHostIds],
    pinned,
    before: { hostsOn: before.length, watts: sum(before), hosts: before },
    after: { hostsOn: after.filter((h) => h.on).length, watts: sum(after), hosts: after },
  };
  const steps: OpStep[] = [
    ...moves.map((m): OpStep => ({ kind: 'migrate', machineId: m.machineId, platformId: m.toPlatformId, reason: 'consolidation' })),
    ...result.emptiedHostIds.map((hostId): OpStep => ({ kind: 'powerOff', hostId })),
  ];
  return { plan, steps };
}

function sumOf(guests: readonly PackGuest[], key: 'demandCores' | 'memoryMiB'): number {
  return guests.reduce((sum, g) => sum + g[key], 0);
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
