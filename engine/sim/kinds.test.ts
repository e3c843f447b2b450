// Tests pinning each kind's overheads: emulation cost, DBT and JIT warm-up, GC, start times, binary translation, ordering.
import { describe, expect, it } from 'vitest';
import { hypercallCostPerUpdateUs } from '../mechanisms/eventCosts.ts';
import type { GuestSummary } from './summary.ts';
import { addStack, eventsOf, startGuest } from './testWorlds.ts';
import type { GuestInput } from './types.ts';
import { SimWorld } from './world.ts';

type Stack = Parameters<typeof addStack>[2];

/** One guest with the given workload on its own host of the given stack, run for `seconds`. */
function runAlone(stack: Stack, guest: Partial<GuestInput>, seconds: number): { world: SimWorld; summary: GuestSummary } {
  const world = new SimWorld(5);
  const platform = addStack(world, 'h', stack);
  const os = stack === 'emulator' || stack === 'interpreter' ? 'debian-ppc' : stack === 'containers' ? 'alpine64' : undefined;
  startGuest(world, { name: 'g', platform, vcpus: 2, memoryMiB: 4096, workload: 'cpuBatch', seedKey: 'same', ...(os ? { os } : {}), ...guest });
  world.advance(seconds * 1000);
  return { world, summary: world.summary().guests[0]! };
}

describe('emulation', () => {
  it('costs about N host instructions per guest instruction when interpreting', () => {
    const { summary } = runAlone('interpreter', {}, 120);
    expect(1 / summary.efficiency).toBeGreaterThan(9.5);
    expect(1 / summary.efficiency).toBeLessThan(10.5);
  });

  it('gets faster as the translation cache warms (dynamic binary translation)', () => {
    const { world } = runAlone('emulator', {}, 20);
    const early = world.lastSecond('g');
    world.advance(200_000);
    const late = world.lastSecond('g');
    expect(late.usefulCores).toBeGreaterThan(early.usefulCores * 3);
    // Warm translated code costs a few host instructions per guest instruction, far less than interpreting (about 10).
    expect(late.cpuCores / late.usefulCores).toBeLessThan(5);
    expect(eventsOf(world, 'g').some((e) => e.message.startsWith('Translation cache warm'))).toBe(true);
  });
});

describe('process VMs', () => {
  it('warm up with the JIT and pause for garbage collection', () => {
    const { world, summary } = runAlone('processVm', { workload: 'web', intensity: 2, memoryMiB: 1024 }, 5);
    const cold = world.lastSecond('g').usefulCores;
    world.advance(60_000);
    expect(world.lastSecond('g').usefulCores).toBeGreaterThan(cold * 2);
    expect(summary.warm).toBeLessThan(0.9);
    const warm = world.summary().guests[0]!;
    expect(warm.warm).toBeGreaterThan(0.9);
    expect(warm.gc.pauses).toBeGreaterThan(5);
    expect(warm.gc.pauseMs).toBeGreaterThan(0);
  });

  it('die with OutOfMemoryError when live data outgrows the heap', () => {
    const { world } = runAlone('processVm', { workload: 'memoryHungry', memoryMiB: 512 }, 300);
    expect(world.stateOf('g')).toBe('PoweredOff');
    expect(eventsOf(world, 'g').some((e) => e.message.includes('OutOfMemoryError'))).toBe(true);
  });
});

describe('start times', () => {
  it('starts a container in milliseconds and a virtual machine in seconds', () => {
    const container = runAlone('containers', {}, 1).summary;
    const vm = runAlone('type1', {}, 20).summary;
    expect(container.startTookMs).toBeLessThan(1000);
    expect(vm.startTookMs).toBeGreaterThanOrEqual(5000);
  });
});

describe('type 2 privileges', () => {
  it('falls back to binary translation without administrator rights, costing more CPU per useful work', () => {
    const user = runAlone('type2', { workload: 'compile' }, 120).summary;
    const admin = runAlone('type2admin', { workload: 'compile' }, 120).summary;
    expect(user.efficiency).toBeLessThan(admin.efficiency - 0.05);
    expect(user.overheadCpuS).toBeGreaterThan(admin.overheadCpuS * 1.4);
    const mechanisms = (s: GuestSummary) => new Set(s.overheadCauses.map((c) => c.mechanism));
    expect(mechanisms(user).has('binary translation of kernel code')).toBe(true);
    expect(mechanisms(admin).has('binary translation of kernel code')).toBe(false);
    // Both are hosted: interrupts and I/O cost world switches to the host OS either way.
    expect(mechanisms(admin).has('world switch to the host OS')).toBe(true);
  });
});

describe('paravirtualization', () => {
  it('batches page-table updates so each costs less', () => {
    expect(hypercallCostPerUpdateUs(32)).toBeLessThan(hypercallCostPerUpdateUs(1) / 5);
    const one = runAlone('paravirt', { workload: 'compile', hypercallBatch: 1 }, 60).summary;
    const many = runAlone('paravirt', { workload: 'compile', hypercallBatch: 32 }, 60).summary;
    expect(many.efficiency).toBeGreaterThan(one.efficiency + 0.05);
    expect(many.hypercalls).toBeLessThan(one.hypercalls / 20);
  });

  it('stalls on a small I/O ring under an I/O-heavy workload', () => {
    const small = runAlone('paravirt', { workload: 'database', ringSize: 8 }, 60).summary;
    const large = runAlone('paravirt', { workload: 'database', ringSize: 256 }, 60).summary;
    expect(small.ring.fullStalls).toBeGreaterThan(0);
    expect(large.ring.fullStalls).toBe(0);
    expect(small.usefulCoreS).toBeLessThan(large.usefulCoreS * 0.9);
  });
});

describe('same workload on every kind', () => {
  it('orders useful work per CPU: container ≈ type 0 > type 1 ≈ paravirtual > hosted > type 2 > emulation', () => {
    const eff = (stack: Stack) => runAlone(stack, { workload: 'web', intensity: 3 }, 90).summary.efficiency;
    const container = eff('containers');
    const type0 = eff('type0');
    const type1 = eff('type1');
    const paravirt = eff('paravirt');
    const hosted = eff('type1hosted');
    const type2 = eff('type2');
    const emulated = eff('emulator');
    expect(Math.abs(container - type0)).toBeLessThan(0.02);
    expect(Math.min(container, type0)).toBeGreaterThan(Math.max(type1, paravirt));
    expect(Math.min(type1, paravirt)).toBeGreaterThan(hosted);
    expect(hosted).toBeGreaterThan(type2 + 0.2);
    expect(type2).toBeGreaterThan(emulated);
  });
});
