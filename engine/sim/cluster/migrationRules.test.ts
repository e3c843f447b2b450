// Refusals before a migration starts, each with its reason, and nothing changed by them.
import { describe, expect, it } from 'vitest';
import type { HostInput } from '../types.ts';
import { SimWorld } from '../world.ts';

function world(target: Partial<HostInput> = {}): SimWorld {
  const w = new SimWorld(1);
  w.addHost({ name: 'a', cores: 16, memoryMiB: 65_536 });
  w.addHost({ name: 'b', cores: 16, memoryMiB: 65_536, ...target });
  w.addPlatform({ name: 'esx-a', kind: 'type1', on: { host: 'a' } });
  w.addPlatform({ name: 'esx-b', kind: 'type1', on: { host: 'b' } });
  return w;
}

function running(w: SimWorld, name: string, extra: { memoryMiB?: number; io?: 'passthrough'; platform?: string } = {}): void {
  w.addGuest({ name, platform: extra.platform ?? 'esx-a', vcpus: 2, memoryMiB: extra.memoryMiB ?? 2048, workload: 'web', ...(extra.io ? { io: extra.io } : {}) });
  w.start(name);
  w.advance(10_000);
}

/** The first refusal's message; and the attempt to start changes nothing. */
function refusal(w: SimWorld, name: string, platform: string): string {
  const verdict = w.cluster.checkMigration(name, platform);
  expect(verdict.verdict).toBe('refused');
  const before = w.guest(name).hostId;
  expect(() => w.cluster.startMigration(name, platform, { reason: 'user', storageMiB: 0 })).toThrow();
  expect(w.cluster.migrations()).toHaveLength(0);
  expect(w.guest(name).hostId).toBe(before);
  return verdict.reasons.filter((r) => r.severity === 'refused').map((r) => r.message).join(' | ');
}

describe('migration refusals', () => {
  it('refuses a different instruction set', () => {
    const w = world({ isa: 'arm64' });
    running(w, 'web');
    expect(refusal(w, 'web', 'esx-b')).toMatch(/different instruction set \(arm64\)/);
  });

  it('refuses a target without VT-x or without nested paging for a running guest', () => {
    const noVtx = world({ vtx: false });
    running(noVtx, 'web');
    expect(refusal(noVtx, 'web', 'esx-b')).toMatch(/hardware assist \(VT-x\)/);
    const noEpt = world({ nestedPaging: false });
    running(noEpt, 'web');
    expect(refusal(noEpt, 'web', 'esx-b')).toMatch(/nested paging \(EPT\/NPT\).*lacks it/);
  });

  it('refuses when the target has not enough memory free or too few cores', () => {
    const w = world({ memoryMiB: 16_384, cores: 4 });
    running(w, 'resident', { platform: 'esx-b', memoryMiB: 12_288 });
    running(w, 'web', { memoryMiB: 8192 });
    expect(refusal(w, 'web', 'esx-b')).toMatch(/brings 8192 MiB of memory; esx-b on "b" has \d+ MiB free/);
    w.addGuest({ name: 'wide', platform: 'esx-a', vcpus: 8, memoryMiB: 1024, workload: 'idle' });
    expect(refusal(w, 'wide', 'esx-b')).toMatch(/8 vCPUs is more than the 4 cores/);
  });

  it('refuses to move a running type 0 partition and says why: it is hardware', () => {
    const w = new SimWorld(2);
    for (const host of ['m1', 'm2']) {
      w.addHost({ name: host, cores: 16, memoryMiB: 65_536 });
      w.addPlatform({ name: `lpar-${host}`, kind: 'type0', on: { host } });
    }
    w.addGuest({ name: 'part', platform: 'lpar-m1', vcpus: 2, memoryMiB: 4096, workload: 'web' });
    w.start('part');
    w.advance(30_000);
    expect(w.cluster.methodFor('part')).toBeUndefined();
    expect(refusal(w, 'part', 'lpar-m2')).toMatch(/cannot move while it runs: a type 0 partition is a slice of one machine's hardware/);
  });

  it('refuses a guest with a passed-through device, a second migration, and hosts that take no new guests', () => {
    const w = world();
    running(w, 'dev', { io: 'passthrough' });
    expect(refusal(w, 'dev', 'esx-b')).toMatch(/passed-through device/);
    running(w, 'web', { memoryMiB: 8192 });
    w.cluster.startMigration('web', 'esx-b', { reason: 'user', storageMiB: 0 });
    expect(w.cluster.checkMigration('web', 'esx-b').reasons[0]!.message).toMatch(/already migrating to esx-b/);
    w.cluster.cancelMigration(w.cluster.migrations()[0]!.id);
    w.cluster.setHostPower('b', 'maintenance');
    expect(refusal(w, 'web', 'esx-b')).toMatch(/maintenance mode: it accepts no new guests/);
    w.cluster.setHostPower('b', 'on');
    w.cluster.setHostPower('b', 'off');
    expect(refusal(w, 'web', 'esx-b')).toMatch(/powered off/);
  });
});
