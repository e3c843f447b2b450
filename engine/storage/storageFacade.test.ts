// Tests for storage through the engine facade: thin growth, fixed disks, deletion order, and crash-restore of configurations.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { id, recordsOf, refusal, spec, startAndWait, usedMiB } from '../facadeTestKit.ts';

describe('storage through the facade', () => {
  it('grows a thin disk with the data its workload writes, once per simulated second, while a fixed disk stays', () => {
    const engine = new Engine({ seed: 20 });
    engine.handle('createMachine', { id: id(1), spec: spec({ workload: 'database' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'fixed', workload: 'database', diskGiB: 10 }), options: { diskAllocation: 'fixed' } });
    startAndWait(engine, id(1));
    startAndWait(engine, id(2));
    engine.advance(60_000);
    const pool = engine.handle('listStorage', {})[0]!;
    const thin = pool.images.find((i) => i.ownerMachineId === id(1))!;
    const fixed = pool.images.find((i) => i.ownerMachineId === id(2))!;
    expect(thin.allocatedMiB).toBeGreaterThan(6400 + 50);
    expect(thin.allocatedMiB).toBeLessThan(thin.capacityMiB);
    expect(fixed.allocatedMiB).toBe(10_240);
    expect(pool.usedMiB).toBe(thin.allocatedMiB + fixed.allocatedMiB);
  });

  it('refuses a fixed disk the pool cannot hold, naming the pool and its free space', () => {
    const engine = new Engine({ seed: 21 });
    engine.handle('createMachine', { id: id(1), spec: spec({ diskGiB: 1500 }), options: { diskAllocation: 'fixed' } });
    const error = refusal(() => engine.handle('createMachine', { id: id(3), spec: spec({ name: 'big', diskGiB: 600 }), options: { diskAllocation: 'fixed' } }));
    expect(error.toData()).toEqual({ code: 'INSUFFICIENT_RESOURCES', field: 'diskGiB', message: 'Storage pool "Atlas storage" has 548 GiB free; a fixed 600 GiB disk needs 600 GiB' });
    expect(engine.handle('listMachines', {})).toHaveLength(1);
    expect(usedMiB(engine)).toBe(1500 * 1024);
  });

  it('deletes storage first: the pool is freed and the machine forgotten together; refused while running', () => {
    const engine = new Engine({ seed: 22 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    engine.handle('takeSnapshot', { id: id(1), snapshotId: 's', spec: { name: 's' } });
    startAndWait(engine, id(1));
    expect(refusal(() => engine.handle('deleteMachine', { id: id(1) })).code).toBe('INVALID_STATE');
    expect(usedMiB(engine)).toBeGreaterThanOrEqual(6400);
    engine.handle('lifecycle', { id: id(1), action: 'stop' });
    engine.advance(5000);
    const used = usedMiB(engine);
    expect(engine.handle('deleteMachine', { id: id(1) }).freedMiB).toBe(used);
    expect(usedMiB(engine)).toBe(0);
    const events = engine.handle('listEvents', { machineId: id(1) }).map((e) => e.message);
    expect(events.at(-1)).toBe('Deleted');
  });

  it('restores full configurations after a crash: disks, snapshots, linked clones, adapters and leases', () => {
    const engine = new Engine({ seed: 23 });
    engine.handle('createMachine', { id: id(1), spec: spec(), options: { nics: [{ attachment: 'nat' }, { attachment: 'internal', ipMode: 'static', staticIp: '10.10.0.5' }] } });
    engine.handle('takeSnapshot', { id: id(1), snapshotId: 's1', spec: { name: 'S1' } });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'linked', mode: 'linked' } });
    engine.handle('deleteMachine', { id: id(1) });
    engine.handle('createMachine', { id: id(3), spec: spec({ name: 'three' }) });
    const view = (e: Engine) => ({ storage: e.handle('listStorage', {}), networks: e.handle('listNetworks', {}), configs: [id(2), id(3)].map((m) => e.handle('getMachineConfig', { id: m })), trees: [id(2), id(3)].map((m) => e.handle('listSnapshots', { id: m })) });
    const records = recordsOf(engine);
    const restarted = new Engine({ seed: 1 });
    restarted.handle('init', { seed: 23, speed: 1, machines: records });
    expect(view(restarted)).toEqual(view(engine));
    restarted.handle('takeSnapshot', { id: id(3), snapshotId: 'new', spec: { name: 'new' } });
    const ids = restarted.handle('listStorage', {})[0]!.images.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('restores old records without configuration as one thin disk and one NAT adapter with their MAC', () => {
    const engine = new Engine({ seed: 24 });
    const mac = '08:00:27:12:34:56';
    engine.handle('init', { seed: 24, speed: 1, machines: [{ id: id(1), name: 'old', osType: 'ubuntu64', hostId: 'host-1', platformId: 'esx-atlas', workload: 'web', vcpus: 2, memoryMiB: 2048, diskGiB: 25, nic: { mac, network: 'nat' }, createdAtMs: 0 }] });
    expect(engine.handle('getMachineConfig', { id: id(1) })).toMatchObject({ disk: { allocation: 'dynamic', capacityGiB: 25, ownedMiB: 6400 }, nics: [{ attachment: 'nat', mac, ipMode: 'dhcp', ip: '10.0.2.15' }], optical: { kind: 'empty' } });
    expect(engine.handle('getMachine', { id: id(1) }).nic.mac).toBe(mac);
  });
});
