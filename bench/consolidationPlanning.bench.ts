// Benchmark: planning the consolidation of 10,000 running guests on 500 hosts (target ≤ 1 s), packing alone and end to end.
import { Datacenter } from '../engine/datacenter/datacenter.ts';
import { simOnlyPort } from '../engine/datacenter/datacenterPorts.ts';
import { packGuests } from '../engine/datacenter/consolidationPlanner.ts';
import type { PackGuest, PackHost } from '../engine/datacenter/consolidationPlanner.ts';
import { SimWorld } from '../engine/sim/world.ts';
import type { WorkloadName } from '../engine/sim/types.ts';

const hosts = 500;
const guests = 10_000;
const targetMs = 1000;
const rounds = 5;
/** Simulated seconds the guests run first, so each has measured demand to plan on. */
const warmS = 30;
const workloads: readonly WorkloadName[] = ['idle', 'web', 'bursty', 'web', 'idle'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** The packing step by itself on synthetic demand: what the planner's algorithm costs. */
function packOnly(): { ms: number; kept: number } {
  const packHosts: PackHost[] = Array.from({ length: hosts }, (_, i) => ({ id: `h${i}`, cores: 31.9, memoryMiB: 129_024, platforms: new Map([['type1', `p${i}`]]) }));
  const packGuestsIn: PackGuest[] = Array.from({ length: guests }, (_, i) => ({
    id: `g${i}`,
    hostId: `h${i % hosts}`,
    kind: 'type1',
    demandCores: 0.05 + ((i * 7919) % 100) / 100,
    memoryMiB: 2048 + 1024 * (i % 3),
    movable: i % 97 !== 0,
  }));
  let kept = 0;
  const ms = median(Array.from({ length: rounds }, () => time(() => (kept = packGuests(packHosts, packGuestsIn, { headroom: 0.2, spareHosts: 0 }).keptHostIds.length))));
  return { ms, kept };
}

/** The whole plan through the data center: measured demand percentiles, pins, packing and the before/after view. */
function endToEnd(): { ms: number; buildMs: number; moves: number; emptied: number } {
  const buildStart = performance.now();
  const world = new SimWorld(1, { capacity: guests + 8 });
  const ids: string[] = [];
  for (let h = 0; h < hosts; h++) {
    world.addHost({ name: `h${h}`, cores: 32, memoryMiB: 131_072, storageGiB: 65_536 });
    world.addPlatform({ name: `esx-${h}`, kind: 'type1', on: { host: `h${h}` } });
    ids.push(`h${h}`);
  }
  for (let g = 0; g < guests; g++) {
    const name = `g${g}`;
    world.addGuest({ name, platform: `esx-${g % hosts}`, vcpus: 1 + (g % 2), memoryMiB: 2048 + 1024 * (g % 3), workload: workloads[g % workloads.length]! });
    world.start(name);
  }
  const dc = new Datacenter(world, { clusters: [{ id: 'big', name: 'Big', hostIds: ids }] }, simOnlyPort((id) => world.guest(id).diskGiB, (id) => world.start(id)));
  world.advance(warmS * 1000);
  const buildMs = performance.now() - buildStart;
  let plan = dc.planConsolidation('big');
  const ms = median(Array.from({ length: rounds }, () => time(() => (plan = dc.planConsolidation('big')))));
  return { ms, buildMs, moves: plan.moves.length, emptied: plan.emptiedHostIds.length };
}

const pack = packOnly();
const full = endToEnd();
process.stderr.write(`packing ${guests} guests on ${hosts} hosts: ${pack.ms.toFixed(1)} ms (${pack.kept} hosts kept); whole plan: ${full.ms.toFixed(1)} ms (${full.moves} moves, ${full.emptied} hosts emptied; target ≤ ${targetMs} ms)\n`);
console.log(
  JSON.stringify({
    name: 'consolidationPlanning',
    guests,
    hosts,
    packOnlyMs: Math.round(pack.ms * 10) / 10,
    packedOntoHosts: pack.kept,
    planMs: Math.round(full.ms * 10) / 10,
    planMoves: full.moves,
    planEmptiedHosts: full.emptied,
    worldBuildAndWarmMs: Math.round(full.buildMs),
    targetMs,
    verdict: { plan: full.ms <= targetMs },
    nodeVersion: process.version,
  }),
);
