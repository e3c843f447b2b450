// Tests that what a platform keeps for itself (hypervisor, driver domain, host OS, control partition) shows and is reserved.
import { describe, expect, it } from 'vitest';
import { kindModule } from '../kinds/registry.ts';
import { addStack } from './testWorlds.ts';
import type { PlatformInput } from './types.ts';
import { SimWorld } from './world.ts';

type Stack = 'type1' | 'paravirt' | 'type1hosted' | 'type2' | 'type0';
const stacks: Stack[] = ['type1', 'paravirt', 'type1hosted', 'type2', 'type0'];
const cores = 8;
const memoryMiB = 32_768;

/** What the platforms on one machine keep from guests, as their kind modules declare it (inputs as addStack builds them). */
function keptBy(world: SimWorld): { threadCores: number; platformMiB: number; hostOsCores: number; hostOsMiB: number; controlCores: number } {
  const kept = { threadCores: 0, platformMiB: 0, hostOsCores: 0, hostOsMiB: 0, controlCores: 0 };
  for (const id of world.platformIds()) {
    const view = world.platform(id);
    const module = kindModule(view.kind);
    const input: PlatformInput = { name: view.name, kind: view.kind, on: { host: view.hostId } };
    const control = module.controlPartition?.(input) ?? { cores: 0, memoryMiB: 0 };
    const processes = module.hostProcesses?.(input) ?? { cores: 0, memoryMiB: 0 };
    kept.threadCores += module.platformCores;
    kept.platformMiB += module.platformMemoryMiB(input) + control.memoryMiB;
    kept.controlCores += control.cores;
    kept.hostOsCores += processes.cores;
    kept.hostOsMiB += processes.memoryMiB;
  }
  return kept;
}

function idleHost(stack: Stack): { world: SimWorld; platform: string } {
  const world = new SimWorld(2);
  const platform = addStack(world, 'h', stack, cores);
  return { world, platform };
}

describe('an idle host is not free', () => {
  it.each(['type1', 'paravirt'] as const)('%s with no guest shows its hypervisor threads as CPU and its memory as used', (stack) => {
    const { world } = idleHost(stack);
    world.advance(60_000);
    const kept = keptBy(world);
    expect(kept.threadCores).toBeGreaterThan(0);
    const activity = world.hostActivity()[0]!;
    expect(activity.cpuUtilisation * cores).toBeCloseTo(kept.threadCores, 2);
    expect(activity.memory.usedMiB).toBe(kept.platformMiB);
    expect(activity.topGuests).toEqual([]);
    const host = world.listHosts()[0]!;
    // The Hosts view rounds to one decimal.
    expect(Math.abs(host.utilisation.cpuPct - (100 * kept.threadCores) / cores)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(Math.abs(host.utilisation.memoryPct - (100 * kept.platformMiB) / memoryMiB)).toBeLessThanOrEqual(0.05 + 1e-9);
    // Per-core figures add up to the same busy time.
    expect(activity.coreUtilisation.reduce((a, b) => a + b, 0)).toBeCloseTo(kept.threadCores, 3);
  });

  it.each(['type1hosted', 'type2'] as const)('%s with no guest shows its host OS processes working and resident', (stack) => {
    const { world } = idleHost(stack);
    world.advance(60_000);
    const kept = keptBy(world);
    expect(kept.hostOsCores).toBeGreaterThan(0);
    const activity = world.hostActivity()[0]!;
    const busy = activity.cpuUtilisation * cores;
    // The host processes want their cores with some noise around it; the platform's own threads come on top.
    expect(busy).toBeGreaterThan(kept.threadCores + 0.5 * kept.hostOsCores);
    expect(busy).toBeLessThanOrEqual(kept.threadCores + kept.hostOsCores + 0.01);
    expect(activity.memory.usedMiB).toBeGreaterThan(kept.platformMiB + 0.9 * kept.hostOsMiB);
    expect(activity.memory.usedMiB).toBeLessThan(kept.platformMiB + 1.1 * kept.hostOsMiB);
    // The host OS is no guest of the user's: it never appears among the busiest guests.
    expect(activity.topGuests).toEqual([]);
  });
});

describe('what a platform keeps is reserved from guest capacity, for every kind', () => {
  it.each(stacks)('%s offers guests the machine minus its hypervisor, driver domain, host OS or control partition', (stack) => {
    const { world, platform } = idleHost(stack);
    const kept = keptBy(world);
    const cap = { cores: cores - kept.threadCores - kept.controlCores - kept.hostOsCores, memoryMiB: memoryMiB - kept.platformMiB - kept.hostOsMiB };
    expect(cap.cores).toBeLessThan(cores);
    expect(cap.memoryMiB).toBeLessThan(memoryMiB);
    const summary = world.listHosts()[0]!.platforms.find((p) => p.id === platform)!;
    expect(summary.capacity.cores).toBeCloseTo(cap.cores, 2);
    expect(summary.capacity.memoryMiB).toBe(Math.floor(cap.memoryMiB));
    // The wizard's zones and the fit check draw the memory line at the same place.
    expect(world.zones(platform).memoryMiB.amber).toBe(Math.floor(cap.memoryMiB));
    const fits = world.fitCheck({ name: 'big', platform, vcpus: 1, memoryMiB: Math.floor(cap.memoryMiB) });
    expect(fits.reasons.filter((r) => r.severity === 'refused')).toEqual([]);
    const tooBig = world.fitCheck({ name: 'big', platform, vcpus: 1, memoryMiB: Math.floor(cap.memoryMiB) + 1 });
    expect(tooBig.reasons[0]).toMatchObject({ severity: 'refused', code: 'INSUFFICIENT_RESOURCES', field: 'memoryMiB' });
  });

  it.each(['type1', 'paravirt', 'type1hosted', 'type2'] as const)('%s counts the reservation in the green zone too', (stack) => {
    const { world, platform } = idleHost(stack);
    const kept = keptBy(world);
    world.addGuest({ name: 'a', platform, vcpus: 2, memoryMiB: 4096 });
    const zones = world.zones(platform);
    expect(zones.vcpus.green).toBe(Math.floor(cores - kept.threadCores - kept.controlCores - kept.hostOsCores - 2));
    expect(zones.memoryMiB.green).toBe(Math.floor(memoryMiB - kept.platformMiB - kept.hostOsMiB - 4096));
  });
});
