// Tests for moving a guest between platforms: what moves with it, how the hosts follow, and every refusal changing nothing.
import { describe, expect, it } from 'vitest';
import { eventsOf, refusalOf } from './testWorlds.ts';
import { SimWorld } from './world.ts';

/**
 * Two roomy x86 hosts with a type 1 each, plus targets that must refuse: a small host, one without VT-x, an arm64 host,
 * a paravirtualized host, a host with no device left to pass through, one with little storage, and two type 0 machines.
 */
function datacenter(): SimWorld {
  const world = new SimWorld(4);
  const host = (name: string, extra: Parameters<SimWorld['addHost']>[0] = { name }) => world.addHost({ cores: 8, memoryMiB: 32_768, ...extra, name });
  host('a');
  host('b');
  host('small', { name: 'small', cores: 2, memoryMiB: 4096 });
  host('old', { name: 'old', vtx: false });
  host('arm', { name: 'arm', isa: 'arm64' });
  host('c');
  host('nodev', { name: 'nodev', nics: 0 });
  host('full', { name: 'full', storageGiB: 30 });
  host('mf1', { name: 'mf1', cores: 8, memoryMiB: 32_768 });
  host('mf2', { name: 'mf2', cores: 8, memoryMiB: 32_768 });
  for (const name of ['a', 'b', 'small', 'old', 'arm', 'nodev', 'full']) world.addPlatform({ name: `esx-${name}`, kind: 'type1', on: { host: name } });
  world.addPlatform({ name: 'xen-c', kind: 'paravirt', on: { host: 'c' } });
  world.addPlatform({ name: 'lpars-1', kind: 'type0', on: { host: 'mf1' } });
  world.addPlatform({ name: 'lpars-2', kind: 'type0', on: { host: 'mf2' } });
  return world;
}

function untilState(world: SimWorld, id: string, state: string): void {
  for (let s = 0; s < 120 && world.stateOf(id) !== state; s++) world.advance(1000);
  expect(world.stateOf(id)).toBe(state);
}

const hostCpu = (world: SimWorld, hostId: string) => world.hostActivity().find((h) => h.hostId === hostId)!;
const platformSummary = (world: SimWorld, id: string) => world.listHosts().flatMap((h) => h.platforms).find((p) => p.id === id)!;

/** Everything a refused move must leave as it was (the refusal itself is logged). */
const observable = (world: SimWorld, id: string) => ({ guest: world.guest(id), hosts: world.listHosts(), memory: world.usedMemoryMiB(id), clock: world.nowMs });

describe('live migration', () => {
  it('moves a running guest with its identity, state, memory and counters; the hosts follow after a step', () => {
    const world = datacenter();
    world.addGuest({ name: 'web', platform: 'esx-a', vcpus: 2, memoryMiB: 4096, workload: 'cpuBatch' });
    world.start('web');
    untilState(world, 'web', 'Running');
    world.advance(30_000);
    const before = world.guest('web');
    const touched = world.usedMemoryMiB('web');
    const workBefore = world.summary().guests.find((g) => g.name === 'web')!.usefulCoreS;
    const busyOnA = hostCpu(world, 'a').cpuUtilisation;
    expect(hostCpu(world, 'a').topGuests.map((g) => g.name)).toEqual(['web']);
    expect(world.checkMigration('web', 'esx-b').verdict).toBe('ok');

    world.migrate('web', 'esx-b');
    const after = world.guest('web');
    expect(after).toEqual({ ...before, platformId: 'esx-b', hostId: 'b' });
    expect(world.usedMemoryMiB('web')).toBe(touched);
    expect(world.chainOf('web')).toEqual(['b hardware (x86_64)', 'Type 1: esx-b', 'web']);
    expect(eventsOf(world, 'web').at(-1)!.message).toBe('Live-migrated from esx-a on "a"');
    expect(platformSummary(world, 'esx-a')).toMatchObject({ guests: 0, runningGuests: 0, committed: { vcpus: 0, memoryMiB: 0 } });
    expect(platformSummary(world, 'esx-b')).toMatchObject({ guests: 1, runningGuests: 1, committed: { vcpus: 2, memoryMiB: 4096 } });

    world.advance(2000);
    // The source is back to its idle hypervisor; the destination carries the guest's two busy vCPUs.
    const a = hostCpu(world, 'a');
    const b = hostCpu(world, 'b');
    expect(a.topGuests).toEqual([]);
    expect(a.cpuUtilisation).toBeLessThan(busyOnA / 10);
    expect(b.topGuests.map((g) => g.name)).toEqual(['web']);
    expect(b.cpuUtilisation).toBeCloseTo(busyOnA, 2);
    // Its run continues: cumulative work keeps growing from where it was, it did not restart.
    expect(world.stateOf('web')).toBe('Running');
    expect(world.summary().guests.find((g) => g.name === 'web')!.usefulCoreS).toBeGreaterThan(workBefore + 3);
    expect(world.lastSecond('web').cpuCores).toBeGreaterThan(1.8);
  });

  it('moves a powered-off guest too, including a type 0 partition to another machine (a cold move)', () => {
    const world = datacenter();
    world.addGuest({ name: 'vm', platform: 'esx-a', vcpus: 2, memoryMiB: 2048 });
    world.migrate('vm', 'esx-old');
    expect(world.guest('vm')).toMatchObject({ platformId: 'esx-old', hostId: 'old', state: 'PoweredOff' });
    expect(eventsOf(world, 'vm').at(-1)!.message).toBe('Moved (powered off) from esx-a on "a"');
    world.addGuest({ name: 'lpar', platform: 'lpars-1', vcpus: 2, memoryMiB: 4096 });
    expect(world.checkMigration('lpar', 'lpars-2').verdict).not.toBe('refused');
    world.migrate('lpar', 'lpars-2');
    expect(world.guest('lpar').hostId).toBe('mf2');
    world.start('lpar');
    expect(world.stateOf('lpar')).toBe('Starting');
  });
});

describe('refused moves say why and change nothing', () => {
  /** Asserts the move is refused with `expected` among the reasons and as the thrown error, and nothing changed. */
  function expectRefused(world: SimWorld, id: string, platformId: string, expected: { code: string; field: string; message: string | RegExp }): void {
    const before = observable(world, id);
    const verdict = world.checkMigration(id, platformId);
    expect(verdict.verdict).toBe('refused');
    const reason = verdict.reasons.find((r) => r.severity === 'refused' && r.field === expected.field);
    expect(reason, JSON.stringify(verdict.reasons)).toBeDefined();
    expect(reason!.code).toBe(expected.code);
    expect(reason!.message).toMatch(expected.message);
    const error = refusalOf(() => world.migrate(id, platformId));
    expect(error.message).toBe(verdict.reasons.find((r) => r.severity === 'refused')!.message);
    expect(observable(world, id)).toEqual(before);
    expect(eventsOf(world, id).at(-1)).toMatchObject({ kind: 'refusal', message: `Cannot move to ${platformId}: ${error.message}` });
  }

  function running(world: SimWorld, input: Parameters<SimWorld['addGuest']>[0]): void {
    world.addGuest(input);
    world.start(input.name);
    untilState(world, input.name, 'Running');
  }

  it('to the platform it is on, or to a platform of another kind', () => {
    const world = datacenter();
    running(world, { name: 'vm', platform: 'esx-a', os: 'debian64' });
    expectRefused(world, 'vm', 'esx-a', { code: 'VALIDATION', field: 'platformId', message: '"vm" already runs on esx-a' });
    expectRefused(world, 'vm', 'xen-c', { code: 'VALIDATION', field: 'platformId', message: /it can only move to another platform of that kind/ });
  });

  it('to a host of another instruction set', () => {
    const world = datacenter();
    world.addGuest({ name: 'vm', platform: 'esx-a' });
    expectRefused(world, 'vm', 'esx-arm', { code: 'VALIDATION', field: 'os', message: /is a x86_64 OS but the host is arm64/ });
  });

  it('to a host without the cores or memory the guest is configured with', () => {
    const world = datacenter();
    running(world, { name: 'wide', platform: 'esx-a', vcpus: 4, memoryMiB: 2048 });
    expectRefused(world, 'wide', 'esx-small', { code: 'INSUFFICIENT_RESOURCES', field: 'vcpus', message: '4 vCPUs is more than the 2 cores esx-small can schedule on' });
    running(world, { name: 'fat', platform: 'esx-a', vcpus: 1, memoryMiB: 8192 });
    expectRefused(world, 'fat', 'esx-small', { code: 'INSUFFICIENT_RESOURCES', field: 'memoryMiB', message: /^8192 MiB is more than the 3072 MiB esx-small has for guests$/ });
  });

  it('to a host without the storage for its disk', () => {
    const world = datacenter();
    world.addGuest({ name: 'there', platform: 'esx-full', diskGiB: 20 });
    world.addGuest({ name: 'vm', platform: 'esx-a', diskGiB: 20 });
    expectRefused(world, 'vm', 'esx-full', { code: 'INSUFFICIENT_RESOURCES', field: 'diskGiB', message: 'Host "full" has 10 GiB of storage free; choose a smaller disk' });
  });

  it('while running, when its kind cannot move a running guest (type 0), and while starting', () => {
    const world = datacenter();
    running(world, { name: 'lpar', platform: 'lpars-1', vcpus: 2, memoryMiB: 4096 });
    expectRefused(world, 'lpar', 'lpars-2', { code: 'INVALID_STATE', field: 'state', message: /cannot move while it runs: a type 0 partition is a slice of one machine's hardware.*power it off for a cold move$/ });
    world.addGuest({ name: 'booting', platform: 'esx-a' });
    world.start('booting');
    expectRefused(world, 'booting', 'esx-b', { code: 'INVALID_STATE', field: 'state', message: 'Wait for "booting" to finish starting before moving it' });
  });

  it('while running with hardware assist, to a host that cannot offer it', () => {
    const world = datacenter();
    running(world, { name: 'vm', platform: 'esx-a' });
    expectRefused(world, 'vm', 'esx-old', { code: 'VALIDATION', field: 'platformId', message: /runs with hardware assist \(VT-x\) but esx-old cannot offer it/ });
  });

  it('while running with a passed-through device, and powered off to a host with no device left', () => {
    const world = datacenter();
    running(world, { name: 'nic', platform: 'esx-a', io: 'passthrough' });
    expectRefused(world, 'nic', 'esx-b', { code: 'INVALID_STATE', field: 'io', message: /uses a passed-through device/ });
    world.stop('nic');
    untilState(world, 'nic', 'PoweredOff');
    expectRefused(world, 'nic', 'esx-nodev', { code: 'INSUFFICIENT_RESOURCES', field: 'io', message: /No physical NIC and disk controller is left to pass through/ });
    // Powered off, to a host with a free device, it moves and takes that device with it.
    world.migrate('nic', 'esx-b');
    expect(world.guest('nic').hostId).toBe('b');
  });

  it('while a platform is installed in the partition', () => {
    const world = datacenter();
    world.addGuest({ name: 'lpar', platform: 'lpars-1', vcpus: 4, memoryMiB: 8192 });
    world.addPlatform({ name: 'inner', kind: 'type1', on: { guest: 'lpar' } });
    expectRefused(world, 'lpar', 'lpars-2', { code: 'INVALID_STATE', field: 'state', message: '"lpar" has a platform installed in it; move or remove that platform first' });
  });
});

describe('the destination is counted without the moving guest only where it already is', () => {
  it('warns about the destination overcommit with the guest added, not with its own size taken off', () => {
    const world = datacenter();
    world.addGuest({ name: 'here', platform: 'esx-b', vcpus: 8, memoryMiB: 16_384 });
    world.addGuest({ name: 'also', platform: 'esx-b', vcpus: 8, memoryMiB: 8192 });
    world.addGuest({ name: 'mover', platform: 'esx-a', vcpus: 8, memoryMiB: 8192 });
    const warning = world.checkMigration('mover', 'esx-b').reasons.find((r) => r.field === 'memoryMiB');
    // 16384 + 8192 + 8192 MiB on the 31744 MiB esx-b has for guests.
    expect(warning?.message).toBe(`Memory overcommitted ${(32_768 / 31_744).toFixed(2)}× on esx-b: under pressure page sharing, ballooning, swapping will reclaim memory`);
  });
});
