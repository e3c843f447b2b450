// Tests for the vCPU admission bound: a shared platform may give one guest every core it can schedule on, never more.
import { describe, expect, it } from 'vitest';
import { addStack, refusalOf } from './testWorlds.ts';
import { SimWorld } from './world.ts';

type SharedStack = 'type1' | 'paravirt' | 'type1hosted' | 'type2';
const shared: SharedStack[] = ['type1', 'paravirt', 'type1hosted', 'type2'];
const hostCores = 4;

/** Runs the world until the guest leaves Starting (a VM boots in seconds of simulated time). */
function untilRunning(world: SimWorld, id: string): void {
  for (let s = 0; s < 120 && world.stateOf(id) === 'Starting'; s++) world.advance(1000);
}

describe('vCPU admission on shared platforms', () => {
  it.each(shared)('%s on a 4-core host admits and starts a guest with as many vCPUs as the host has cores', (stack) => {
    const world = new SimWorld(1);
    const platform = addStack(world, 'h', stack, hostCores);
    const input = { name: 'wide', platform, vcpus: hostCores, memoryMiB: 2048 };
    const verdict = world.fitCheck(input);
    expect(verdict.reasons.filter((r) => r.severity === 'refused')).toEqual([]);
    world.addGuest(input);
    world.start('wide');
    untilRunning(world, 'wide');
    expect(world.stateOf('wide')).toBe('Running');
    expect(world.guest('wide').vcpus).toBe(hostCores);
  });

  it.each(shared)('%s on a 4-core host refuses 5 vCPUs, naming the bound, and creates nothing', (stack) => {
    const world = new SimWorld(1);
    const platform = addStack(world, 'h', stack, hostCores);
    const input = { name: 'too-wide', platform, vcpus: hostCores + 1, memoryMiB: 2048 };
    const verdict = world.fitCheck(input);
    expect(verdict.verdict).toBe('refused');
    expect(verdict.reasons[0]).toEqual({
      severity: 'refused',
      code: 'INSUFFICIENT_RESOURCES',
      field: 'vcpus',
      message: `${hostCores + 1} vCPUs is more than the ${hostCores} cores ${platform} can schedule on`,
    });
    expect(refusalOf(() => world.addGuest(input))).toMatchObject({ code: 'INSUFFICIENT_RESOURCES', field: 'vcpus' });
    expect(world.has('too-wide')).toBe(false);
  });

  it('lets several full-width guests share the cores: the bound is per guest, and overcommit only warns', () => {
    const world = new SimWorld(1);
    const platform = addStack(world, 'h', 'type1', hostCores);
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      world.addGuest({ name, platform, vcpus: hostCores, memoryMiB: 1024 });
      world.start(name);
    }
    for (const name of ['a', 'b', 'c', 'd', 'e']) untilRunning(world, name);
    expect(['a', 'b', 'c', 'd', 'e'].map((n) => world.stateOf(n))).toEqual(Array(5).fill('Running'));
    // 24 vCPUs on 3.9 cores for guests (4 minus the hypervisor's 0.1): beyond 4× the fit check warns, it does not refuse.
    const sixth = world.fitCheck({ name: 'f', platform, vcpus: hostCores, memoryMiB: 1024 });
    expect(sixth.verdict).toBe('warning');
    expect(sixth.reasons.find((r) => r.field === 'vcpus')!.message).toMatch(/^24 vCPUs on 3\.9 cores \(6\.2×\)/);
  });

  it('bounds a paravirtualized guest by the host cores too: the driver domain takes capacity, not schedulable cores', () => {
    const world = new SimWorld(1);
    const platform = addStack(world, 'h', 'paravirt', hostCores);
    const summary = world.listHosts()[0]!.platforms[0]!;
    // dom0 keeps 0.25 of a core for itself, so 3.75 cores are offered to guests; a vCPU can still run on every core.
    expect(summary.capacity.cores).toBe(hostCores - 0.25);
    expect(world.zones(platform).vcpus.amber).toBe(hostCores);
    expect(world.fitCheck({ name: 'w', platform, vcpus: hostCores }).verdict).not.toBe('refused');
  });

  it('bounds a type 1 inside a type 0 partition by the partition, and a partition by the cores its control partition leaves', () => {
    const world = new SimWorld(1);
    world.addHost({ name: 'mf', cores: hostCores, memoryMiB: 32_768 });
    world.addPlatform({ name: 'lpars', kind: 'type0', on: { host: 'mf' }, controlPartition: { cores: 1, memoryMiB: 1024 } });
    // Dedicated cores: the control partition keeps one, so a partition gets at most 3.
    expect(world.fitCheck({ name: 'p', platform: 'lpars', vcpus: hostCores }).reasons[0]).toMatchObject({ severity: 'refused', field: 'vcpus' });
    world.addGuest({ name: 'p', platform: 'lpars', vcpus: hostCores - 1, memoryMiB: 16_384 });
    world.addPlatform({ name: 'inner', kind: 'type1', on: { guest: 'p' } });
    expect(world.fitCheck({ name: 'vm', platform: 'inner', vcpus: hostCores - 1 }).verdict).not.toBe('refused');
    expect(world.fitCheck({ name: 'vm', platform: 'inner', vcpus: hostCores }).reasons[0]).toMatchObject({
      severity: 'refused',
      field: 'vcpus',
      message: `${hostCores} vCPUs is more than the ${hostCores - 1} cores inner can schedule on`,
    });
  });
});
