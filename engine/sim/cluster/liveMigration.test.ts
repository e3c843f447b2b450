// Timed migrations in the simulation: rounds and downtime against the analytic model, costs, checkpoint/restore, cold moves.
import { describe, expect, it } from 'vitest';
import type { Migration } from '../../../shared/domain/datacenter.ts';
import type { WorkloadName } from '../types.ts';
import { SimWorld } from '../world.ts';
import { analyticPreCopyMs, linkMiBPerS } from './preCopyModel.ts';

function twoHosts(seed = 1): SimWorld {
  const world = new SimWorld(seed);
  for (const host of ['a', 'b']) {
    world.addHost({ name: host, cores: 16, memoryMiB: 65_536 });
    world.addPlatform({ name: `esx-${host}`, kind: 'type1', on: { host } });
  }
  return world;
}

function runGuest(world: SimWorld, name: string, workload: WorkloadName, memoryMiB: number, warmS = 60): void {
  world.addGuest({ name, platform: 'esx-a', vcpus: 2, memoryMiB, workload });
  world.start(name);
  world.advance(warmS * 1000);
}

/** Advances until the guest's migration ended (bounded so a bug fails instead of hanging). */
function finish(world: SimWorld, name: string): Migration {
  for (let s = 0; s < 600 && world.cluster.migrationOf(name); s++) world.advance(1000);
  const ended = world.cluster.takeEnded();
  expect(ended).toHaveLength(1);
  return ended[0]!;
}

const tenGbit = linkMiBPerS(10);

describe('live migration (pre-copy) in the simulation', () => {
  it('moves a web server in a few rounds with tens of milliseconds of downtime, as the analytic model predicts', () => {
    const world = twoHosts();
    runGuest(world, 'web', 'web', 2048);
    const writing = world.cluster.writing('web');
    world.cluster.startMigration('web', 'esx-b', { reason: 'user', storageMiB: 0 });
    const m = finish(world, 'web');
    expect(m.phase).toBe('done');
    expect(m.stopReason).toBe('converged');
    expect(m.rounds.length).toBeGreaterThanOrEqual(2);
    for (let k = 1; k < m.rounds.length; k++) expect(m.rounds[k]!.sentMiB).toBeCloseTo(m.rounds[k - 1]!.dirtiedMiB, 2);
    expect(m.downtimeMs!).toBeGreaterThanOrEqual(10);
    expect(m.downtimeMs!).toBeLessThan(200);
    const analytic = analyticPreCopyMs(2048, tenGbit, writing.dirtyMiBs);
    expect(Math.abs(m.totalMs! - analytic) / analytic).toBeLessThan(0.1);
    expect(world.guest('web').hostId).toBe('b');
    expect(world.stateOf('web')).toBe('Running');
  });

  it('keeps a busy database within 10 % of M/B × 1/(1 − ρ)', () => {
    const world = twoHosts(2);
    runGuest(world, 'db', 'database', 8192);
    const writing = world.cluster.writing('db');
    world.cluster.startMigration('db', 'esx-b', { reason: 'user', storageMiB: 0 });
    const m = finish(world, 'db');
    const analytic = analyticPreCopyMs(8192, tenGbit, writing.dirtyMiBs);
    expect(m.stopReason).toBe('converged');
    expect(Math.abs(m.totalMs! - analytic) / analytic).toBeLessThan(0.1);
  });

  it('never converges for a guest that outruns the link: stops at the round limit with seconds of downtime', () => {
    const world = twoHosts(3);
    // Past its working-set ramp, the memory-hungry guest rewrites a steady set faster than 10 Gbit/s copies it.
    runGuest(world, 'hungry', 'memoryHungry', 4096, 300);
    const writing = world.cluster.writing('hungry');
    expect(writing.dirtyMiBs).toBeGreaterThan(tenGbit);
    world.cluster.startMigration('hungry', 'esx-b', { reason: 'user', storageMiB: 0 });
    const m = finish(world, 'hungry');
    expect(m.stopReason).toBe('roundLimit');
    expect(m.rounds).toHaveLength(30);
    expect(m.downtimeMs!).toBeGreaterThan(1000);
    // Bounded by the round limit: the full copy, then the working set again in every round and in the stop-and-copy.
    const bounded = ((4096 + 30 * writing.writableMiB) / tenGbit) * 1000;
    expect(Math.abs(m.totalMs! - bounded) / bounded).toBeLessThan(0.1);
  });

  it('costs the guest speed (dirty logging) and costs CPU on both hosts while it runs', () => {
    const world = twoHosts(4);
    world.addGuest({ name: 'moving', platform: 'esx-a', vcpus: 2, memoryMiB: 16_384, workload: 'compile', seedKey: 'same' });
    world.addGuest({ name: 'staying', platform: 'esx-a', vcpus: 2, memoryMiB: 16_384, workload: 'compile', seedKey: 'same' });
    world.start('moving');
    world.start('staying');
    world.advance(30_000);
    const busyB = () => world.hostLoad('b').busyCores;
    const idleB = busyB();
    world.cluster.startMigration('moving', 'esx-b', { reason: 'user', storageMiB: 0 });
    world.advance(5000);
    expect(world.cluster.migrationOf('moving')?.phase).toBe('precopy');
    // The receiving host copies at about 1.2 GB/s: most of a core.
    expect(busyB() - idleB).toBeGreaterThan(0.5);
    const moving = world.lastSecond('moving');
    const staying = world.lastSecond('staying');
    expect(moving.usefulCores).toBeLessThan(staying.usefulCores);
    expect(moving.overheadCores).toBeGreaterThan(staying.overheadCores);
  });

  it('keeps the guest running and sampled every second: its charts have no hole', () => {
    const world = twoHosts(5);
    runGuest(world, 'web', 'web', 2048, 10);
    world.cluster.startMigration('web', 'esx-b', { reason: 'user', storageMiB: 0 });
    for (let s = 0; s < 5; s++) {
      world.advance(1000);
      expect(world.stateOf('web')).toBe('Running');
      expect(world.telemetryBatch().machineIds).toContain('web');
    }
    expect(world.guest('web').hostId).toBe('b');
  });

  it('copies local disks first, which makes the move longer', () => {
    const world = twoHosts(6);
    runGuest(world, 'web', 'web', 2048, 10);
    world.cluster.startMigration('web', 'esx-b', { reason: 'user', storageMiB: 20_480 });
    world.advance(5000);
    expect(world.cluster.migrationOf('web')).toMatchObject({ phase: 'storage' });
    const m = finish(world, 'web');
    expect(m.storageCopiedMiB).toBe(20_480);
    expect(m.totalMs!).toBeGreaterThan((20_480 / tenGbit) * 1000);
  });

  it('moves a container by checkpoint/restore: the whole copy is downtime', () => {
    const world = new SimWorld(7);
    for (const host of ['a', 'b']) {
      world.addHost({ name: host, cores: 8, memoryMiB: 32_768 });
      world.addPlatform({ name: `os-${host}`, kind: 'hostOs', on: { host }, os: 'linux' });
      world.addPlatform({ name: `ctr-${host}`, kind: 'containers', on: { platform: `os-${host}` } });
    }
    world.addGuest({ name: 'app', platform: 'ctr-a', vcpus: 1, memoryMiB: 1024, workload: 'web' });
    world.start('app');
    world.advance(30_000);
    const ip = world.guest('app').ip;
    const used = world.usedMemoryMiB('app');
    world.cluster.startMigration('app', 'ctr-b', { reason: 'user', storageMiB: 0 });
    const m = finish(world, 'app');
    expect(m.method).toBe('checkpointRestore');
    expect(m.rounds).toHaveLength(0);
    expect(m.downtimeMs!).toBeCloseTo((used / tenGbit) * 1000 + 50, 0);
    expect(m.downtimeMs).toBe(m.totalMs);
    expect(world.guest('app').ip).toBe(ip);
    expect(world.stateOf('app')).toBe('Running');
  });

  it('moves a powered-off machine cold: its configuration, and its disks when they are local', () => {
    const world = twoHosts(8);
    world.addGuest({ name: 'off', platform: 'esx-a', vcpus: 2, memoryMiB: 2048, workload: 'web' });
    world.cluster.startMigration('off', 'esx-b', { reason: 'user', storageMiB: 10_240 });
    expect(() => world.start('off')).toThrow(/being moved/);
    const m = finish(world, 'off');
    expect(m).toMatchObject({ method: 'cold', phase: 'done', downtimeMs: 0 });
    expect(m.totalMs!).toBeCloseTo((10_240 / tenGbit) * 1000, -2);
    expect(world.guest('off')).toMatchObject({ hostId: 'b', state: 'PoweredOff' });
  });

  it('ends with the guest where it was when it is shut down or cancelled meanwhile', () => {
    const world = twoHosts(9);
    runGuest(world, 'web', 'web', 8192, 10);
    const started = world.cluster.startMigration('web', 'esx-b', { reason: 'user', storageMiB: 0 });
    world.advance(1000);
    world.cluster.cancelMigration(started.id);
    expect(world.cluster.takeEnded()).toMatchObject([{ phase: 'cancelled', message: 'cancelled by the user' }]);
    expect(world.guest('web').hostId).toBe('a');
    world.cluster.startMigration('web', 'esx-b', { reason: 'user', storageMiB: 0 });
    world.stop('web');
    world.advance(1000);
    expect(world.cluster.takeEnded()).toMatchObject([{ phase: 'cancelled' }]);
    expect(world.guest('web').hostId).toBe('a');
  });

  it('shares a link between concurrent migrations', () => {
    const world = twoHosts(10);
    runGuest(world, 'one', 'idle', 8192, 10);
    world.addGuest({ name: 'two', platform: 'esx-a', vcpus: 2, memoryMiB: 8192, workload: 'idle' });
    world.start('two');
    world.advance(10_000);
    world.cluster.startMigration('one', 'esx-b', { reason: 'user', storageMiB: 0 });
    world.cluster.startMigration('two', 'esx-b', { reason: 'user', storageMiB: 0 });
    world.advance(1000);
    expect(world.cluster.migrations().map((m) => m.bandwidthMiBs)).toEqual([tenGbit / 2, tenGbit / 2].map((x) => Math.round(x * 1000) / 1000));
  });
});
