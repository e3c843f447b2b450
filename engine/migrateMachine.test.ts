// Tests for moving a machine through the engine facade: identity, addresses and disks follow; the reply carries the change.
import { describe, expect, it } from 'vitest';
import { toMachineRecord } from '../shared/domain/machineRecord.ts';
import type { WorldDirectory } from './defaultWorld.ts';
import { Engine } from './engine.ts';
import { fullSnapshot, id, recordsOf, refusal, spec, startAndWait } from './facadeTestKit.ts';

const x86 = { isa: 'x86_64', vtx: true, nestedPaging: true } as const;

/** Two type 1 hosts to move between, a small one that cannot take a big machine, and an arm64 one. */
const directory: WorldDirectory = {
  hosts: [
    { id: 'host-a', name: 'Alpha', ...x86, cores: 16, memoryMiB: 65_536, storageGiB: 2048 },
    { id: 'host-b', name: 'Beta', ...x86, cores: 16, memoryMiB: 65_536, storageGiB: 2048 },
    { id: 'host-s', name: 'Small', ...x86, cores: 2, memoryMiB: 4096, storageGiB: 2048 },
    { id: 'host-r', name: 'Risc', isa: 'arm64', vtx: true, nestedPaging: true, cores: 16, memoryMiB: 65_536, storageGiB: 2048 },
  ],
  platforms: [
    { id: 'esx-a', name: 'Alpha ESX', kind: 'type1', on: { host: 'host-a' } },
    { id: 'esx-b', name: 'Beta ESX', kind: 'type1', on: { host: 'host-b' } },
    { id: 'esx-s', name: 'Small ESX', kind: 'type1', on: { host: 'host-s' } },
    { id: 'esx-r', name: 'Risc ESX', kind: 'type1', on: { host: 'host-r' } },
  ],
  defaultPlatformId: 'esx-a',
};

const poolUsed = (engine: Engine, hostId: string) => engine.handle('listStorage', {}).find((p) => p.hostId === hostId)!.usedMiB;

describe('Engine: migrateMachine', () => {
  it('moves a running machine with its id, MAC, address and workload; its disks follow; the reply carries exactly that machine', () => {
    const engine = new Engine({ seed: 3, directory });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'web', platformId: 'esx-a', workload: 'cpuBatch' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'bystander', platformId: 'esx-a' }) });
    const created = recordsOf(engine);
    startAndWait(engine, id(1));
    engine.advance(5000);
    const before = engine.handle('getMachine', { id: id(1) });
    const config = engine.handle('getMachineConfig', { id: id(1) });
    const disks = poolUsed(engine, 'host-a');
    expect(disks).toBeGreaterThan(0);
    expect(poolUsed(engine, 'host-b')).toBe(0);
    engine.takeChanges();
    expect(engine.handle('checkMigration', { id: id(1), platformId: 'esx-b' }).verdict).toBe('ok');

    const moved = engine.handle('migrateMachine', { id: id(1), platformId: 'esx-b' });
    expect(moved).toEqual({ ...before, hostId: 'host-b', platformId: 'esx-b', chain: ['Beta hardware (x86_64)', 'Type 1: Beta ESX', 'web'] });
    // Same MAC and address; NAT networks are per host, so its adapter is on the destination's now (and stays there
    // after a restart, where before it was moved only then and could lose its address).
    expect(engine.handle('getMachineConfig', { id: id(1) })).toEqual({ ...config, nics: config.nics.map((nic) => ({ ...nic, networkId: 'natnet-host-b' })) });
    // Its disks moved to the destination's pool; the bystander's stayed.
    expect(poolUsed(engine, 'host-b')).toBeGreaterThan(0);
    expect(poolUsed(engine, 'host-a') + poolUsed(engine, 'host-b')).toBe(disks);
    const changes = engine.takeChanges()!;
    expect(changes.machines).toEqual([moved]);
    expect(changes.records).toEqual([toMachineRecord(moved, expect.anything())]);
    expect(changes.removed).toEqual([]);
    expect(changes.events.map((e) => e.message)).toEqual([expect.stringMatching(/^Live-migrated to Beta ESX on "Beta"$/), 'Live-migrated from Alpha ESX on "Alpha"']);
    // It keeps running on the destination: its CPU now shows on host-b, not host-a.
    engine.advance(2000);
    const top = (hostId: string) => engine.handle('getHostActivity', {}).find((h) => h.hostId === hostId)!.topGuests.map((g) => g.machineId);
    expect(top('host-b')).toEqual([id(1)]);
    expect(top('host-a')).toEqual([]);
    expect(engine.handle('getMetrics', { id: id(1) }).cpu.grantedCores).toBeGreaterThan(1.5);
    // A restarted engine has it where it went, with the same address.
    const restarted = new Engine({ seed: 3, directory });
    restarted.handle('init', { seed: 3, speed: 1, machines: [...changes.records, ...created.filter((r) => r.id !== id(1))] });
    expect(restarted.handle('getMachine', { id: id(1) }).nic).toEqual(moved.nic);
    expect(restarted.handle('getMachineConfig', { id: id(1) }).nics).toEqual(engine.handle('getMachineConfig', { id: id(1) }).nics);
  });

  it('refuses a move the destination cannot take, says why in checkMigration first, and changes nothing', () => {
    const engine = new Engine({ seed: 3, directory });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'big', platformId: 'esx-a', vcpus: 4, memoryMiB: 8192 }) });
    startAndWait(engine, id(1));
    engine.takeChanges();
    const before = fullSnapshot(engine);
    for (const platformId of ['esx-s', 'esx-a']) {
      const verdict = engine.handle('checkMigration', { id: id(1), platformId });
      expect(verdict.verdict).toBe('refused');
      const error = refusal(() => engine.handle('migrateMachine', { id: id(1), platformId }));
      expect(error.message).toBe(verdict.reasons[0]!.message);
      expect(fullSnapshot(engine)).toEqual(before);
      const changes = engine.takeChanges();
      expect([changes?.machines, changes?.records, changes?.removed]).toEqual([[], [], []]);
      expect(changes!.events.map((e) => e.kind)).toEqual(['refusal']);
    }
  });

  it('agrees with checkMigration about linked clones, which can only move with their base', () => {
    const engine = new Engine({ seed: 3, directory });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'base', platformId: 'esx-a' }) });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'linked', mode: 'linked' } });
    engine.takeChanges();
    const before = fullSnapshot(engine);
    const verdict = engine.handle('checkMigration', { id: id(2), platformId: 'esx-b' });
    const error = refusal(() => engine.handle('migrateMachine', { id: id(2), platformId: 'esx-b' }));
    expect(error.toData()).toMatchObject({ code: 'INVALID_STATE', field: 'platformId', message: expect.stringContaining('shares disk images with "base"') });
    expect(verdict.verdict).toBe('refused');
    expect(verdict.reasons.find((r) => r.severity === 'refused')).toEqual({ severity: 'refused', code: error.code, field: error.field, message: error.message });
    expect(fullSnapshot(engine)).toEqual(before);
  });

  it('refuses to move a Saved machine to another host, where its saved state cannot resume, and says so in checkMigration first', () => {
    const engine = new Engine({ seed: 3, directory });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'parked', platformId: 'esx-a' }) });
    startAndWait(engine, id(1));
    expect(engine.handle('lifecycle', { id: id(1), action: 'saveState' }).state).toBe('Saved');
    engine.takeChanges();
    const before = fullSnapshot(engine);
    const verdict = engine.handle('checkMigration', { id: id(1), platformId: 'esx-b' });
    const error = refusal(() => engine.handle('migrateMachine', { id: id(1), platformId: 'esx-b' }));
    expect(error.toData()).toMatchObject({ code: 'INVALID_STATE', field: 'state', message: '"parked" is Saved: its saved state was written on "Alpha" and resumes only there; start it and move it live, or discard its saved state first' });
    expect(verdict.reasons.find((r) => r.severity === 'refused')?.message).toBe(error.message);
    expect(fullSnapshot(engine)).toEqual(before);
    // Once its saved state is discarded it is an ordinary powered-off machine, and a cold move is allowed.
    engine.handle('lifecycle', { id: id(1), action: 'discardState' });
    expect(engine.handle('migrateMachine', { id: id(1), platformId: 'esx-b' })).toMatchObject({ state: 'PoweredOff', hostId: 'host-b' });
  });

  it('names the fields of its reasons as the contract does, the same as the refusal migrateMachine throws', () => {
    const engine = new Engine({ seed: 3, directory });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'x86', platformId: 'esx-a' }) });
    const verdict = engine.handle('checkMigration', { id: id(1), platformId: 'esx-r' });
    const error = refusal(() => engine.handle('migrateMachine', { id: id(1), platformId: 'esx-r' }));
    expect(error.field).toBe('osType');
    expect(verdict.reasons[0]).toEqual({ severity: 'refused', code: error.code, field: error.field, message: error.message });
    expect(refusal(() => engine.handle('checkMigration', { id: id(1), platformId: 'nowhere' })).code).toBe('NOT_FOUND');
  });
});
