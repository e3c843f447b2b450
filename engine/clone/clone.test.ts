// Tests for cloning through the engine facade: full vs linked space, auto linked base, states, MAC policies, IP, origin, delete.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { fullSnapshot, id, recordsOf, refusal, spec, startAndWait, usedMiB } from '../facadeTestKit.ts';

function source(): Engine {
  const engine = new Engine({ seed: 5 });
  engine.handle('createMachine', { id: id(1), spec: spec(), options: { nics: [{ attachment: 'nat' }, { attachment: 'bridged' }] } });
  return engine;
}

describe('clones', () => {
  it('full clone copies the allocated data; linked clone shares the parent through an auto-created snapshot', () => {
    const engine = source();
    expect(usedMiB(engine)).toBe(6400);
    const full = engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'web-02' } });
    expect(full).toMatchObject({ name: 'web-02', vcpus: 2, memoryMiB: 2048, diskGiB: 25, state: 'PoweredOff' });
    expect(usedMiB(engine)).toBe(12_800);
    const linked = engine.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'web-03', mode: 'linked' } });
    expect(usedMiB(engine)).toBe(12_800);
    const tree = engine.handle('listSnapshots', { id: id(1) });
    expect(tree.snapshots.map((s) => [s.id, s.name])).toEqual([[`linked-base-${id(3)}`, 'Linked Base for web-01 and web-03']]);
    const config = engine.handle('getMachineConfig', { id: linked.id });
    expect(config.origin).toEqual({ machineId: id(1), snapshotId: `linked-base-${id(3)}`, mode: 'linked', machineName: 'web-01', snapshotName: 'Linked Base for web-01 and web-03' });
    expect(config.disk.chain[0]).toBe(tree.snapshots[0]!.diskImageId);
    expect(engine.handle('getMachineConfig', { id: id(2) }).origin).toEqual({ machineId: id(1), mode: 'full', machineName: 'web-01' });
  });

  it('deleting the origin keeps the shared image while the linked clone lives; deleting the clone frees it', () => {
    const engine = source();
    engine.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'web-03', mode: 'linked' } });
    expect(engine.handle('deleteMachine', { id: id(1) }).freedMiB).toBe(0);
    const pool = engine.handle('listStorage', {})[0]!;
    expect(pool.usedMiB).toBe(6400);
    const shared = pool.images.find((i) => i.kind === 'base')!;
    expect(shared).toMatchObject({ children: 1, usedBy: [id(3)], allocatedMiB: 6400 });
    expect(shared).not.toHaveProperty('ownerMachineId');
    expect(engine.handle('deleteMachine', { id: id(3) }).freedMiB).toBe(6400);
    expect(engine.handle('listStorage', {})[0]).toMatchObject({ usedMiB: 0, images: [] });
  });

  it('refuses to delete the snapshot a linked clone is built on', () => {
    const engine = source();
    engine.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'web-03', mode: 'linked' } });
    const error = refusal(() => engine.handle('deleteSnapshot', { id: id(1), snapshotId: `linked-base-${id(3)}` }));
    expect(error.message).toBe('Snapshot "Linked Base for web-01 and web-03" is the base of linked clone "web-03"; delete the clone first');
  });

  it('applies the MAC policy: generate new, keep NAT only, keep all', () => {
    const engine = source();
    const macs = (machineId: string) => engine.handle('getMachineConfig', { id: machineId }).nics.map((n) => n.mac);
    const [nat, bridged] = macs(id(1));
    engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'a', macPolicy: 'generateNew' } });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'b', macPolicy: 'keepNat' } });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(4), options: { name: 'c', macPolicy: 'keepAll' } });
    expect(macs(id(2)).some((m) => m === nat || m === bridged)).toBe(false);
    expect(macs(id(3))[0]).toBe(nat);
    expect(macs(id(3))[1]).not.toBe(bridged);
    expect(macs(id(4))).toEqual([nat, bridged]);
    // A kept MAC keeps its DHCP lease, so origin and clone cannot run together on that network.
    startAndWait(engine, id(1));
    const error = refusal(() => engine.handle('lifecycle', { id: id(4), action: 'start' }));
    expect(error.message).toMatch(/^10\.0\.2\.15 is already used by running machine "web-01"$/);
  });

  it('gives the clone a new DHCP lease or the requested static address', () => {
    const engine = source();
    engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'a' } });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'b', ip: { mode: 'static', address: '10.0.2.50' } } });
    const ip = (machineId: string) => engine.handle('getMachineConfig', { id: machineId }).nics[0]!;
    expect(ip(id(1))).toMatchObject({ ipMode: 'dhcp', ip: '10.0.2.15' });
    expect(ip(id(2))).toMatchObject({ ipMode: 'dhcp', ip: '10.0.2.16' });
    expect(ip(id(3))).toMatchObject({ ipMode: 'static', ip: '10.0.2.50' });
  });

  it('copies the chosen states: current state, the current branch, or everything', () => {
    const engine = new Engine({ seed: 6 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    for (const n of [1, 2, 3]) engine.handle('takeSnapshot', { id: id(1), snapshotId: `s${n}`, spec: { name: `S${n}` } });
    engine.handle('restoreSnapshot', { id: id(1), snapshotId: 's2' });
    const names = (machineId: string) => engine.handle('listSnapshots', { id: machineId }).snapshots.map((s) => s.name);
    engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'state', states: 'currentState' } });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'branch', states: 'currentBranch' } });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(4), options: { name: 'all', states: 'everything' } });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(5), options: { name: 'from-s1', states: 'currentState', snapshotId: 's1' } });
    expect(names(id(2))).toEqual([]);
    expect(names(id(3))).toEqual(['S2', 'S3']);
    expect(names(id(4))).toEqual(['S1', 'S2', 'S3']);
    const all = engine.handle('listSnapshots', { id: id(4) });
    expect(all.currentSnapshotId).toBe(`s2@${id(4)}`);
    expect(all.snapshots[1]!.parentId).toBe(`s1@${id(4)}`);
    expect(engine.handle('getMachineConfig', { id: id(5) }).origin).toEqual({ machineId: id(1), snapshotId: 's1', mode: 'full', machineName: 'web-01', snapshotName: 'S1' });
    // Every full clone holds the installed OS (6400 MiB) once; the origin too.
    expect(usedMiB(engine)).toBe(5 * 6400);
  });

  it('keeps copied snapshot ids short across clone generations, so they stay usable', () => {
    const engine = new Engine({ seed: 6 });
    const uuid = (n: number) => `3f1c2b7e-8a4d-4e6f-9b0a-1c2d3e4f5a${String(n).padStart(2, '0')}`;
    engine.handle('createMachine', { id: uuid(1), spec: spec() });
    engine.handle('takeSnapshot', { id: uuid(1), snapshotId: uuid(10), spec: { name: 'S1' } });
    for (const n of [2, 3, 4]) engine.handle('cloneMachine', { id: uuid(n - 1), cloneId: uuid(n), options: { name: `gen-${n}`, states: 'everything' } });
    const tree = engine.handle('listSnapshots', { id: uuid(4) });
    expect(tree.snapshots.map((s) => s.id)).toEqual([`${uuid(10)}@${uuid(4)}`]);
    expect(engine.handle('restoreSnapshot', { id: uuid(4), snapshotId: tree.snapshots[0]!.id }).currentSnapshotId).toBe(tree.snapshots[0]!.id);
  });

  it('restores keep-MAC clones after a restart: their shared MAC is by design', () => {
    const engine = source();
    const twin = engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'twin', macPolicy: 'keepAll' } });
    const records = recordsOf(engine);
    const restarted = new Engine({ seed: 5 });
    restarted.handle('init', { seed: 5, speed: 1, machines: records });
    expect(restarted.handle('getMachine', { id: id(2) }).nic.mac).toBe(twin.nic.mac);
    expect(restarted.handle('getMachineConfig', { id: id(2) })).toEqual(engine.handle('getMachineConfig', { id: id(2) }));
  });

  it('clones a running machine from its current state', () => {
    const engine = source();
    startAndWait(engine, id(1));
    const clone = engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'hot', mode: 'linked' } });
    expect(clone.state).toBe('PoweredOff');
    expect(engine.handle('getMachine', { id: id(1) }).state).toBe('Running');
  });

  it('refuses bad clones and changes nothing', () => {
    const engine = source();
    const before = fullSnapshot(engine);
    const cases: Array<[Parameters<typeof engine.handle<'cloneMachine'>>[1], string, string]> = [
      [{ id: id(1), cloneId: id(2), options: { name: 'WEB-01' } }, 'CONFLICT', 'A machine named "WEB-01" already exists'],
      [{ id: id(1), cloneId: id(1), options: { name: 'x' } }, 'CONFLICT', `A machine with id "${id(1)}" already exists`],
      [{ id: id(1), cloneId: id(2), options: { name: 'x', mode: 'linked', states: 'everything' } }, 'VALIDATION', 'A linked clone is made from one state; choose "Current state" (or make a full clone to copy snapshots)'],
      [{ id: id(1), cloneId: id(2), options: { name: 'x', snapshotId: 'nope' } }, 'NOT_FOUND', '"web-01" has no snapshot with id "nope"'],
      [{ id: id(1), cloneId: id(2), options: { name: 'x', ip: { mode: 'static', address: '10.0.9.9' } } }, 'VALIDATION', "10.0.9.9 is outside NatNetwork's subnet 10.0.2.0/24"],
    ];
    for (const [input, code, message] of cases) {
      const error = refusal(() => engine.handle('cloneMachine', input));
      expect([error.code, error.message]).toEqual([code, message]);
      expect(fullSnapshot(engine)).toEqual(before);
    }
  });

  it('refuses a full clone the pool cannot hold, naming the pool and its free space', () => {
    const engine = new Engine({ seed: 7 });
    engine.handle('createMachine', { id: id(1), spec: spec({ diskGiB: 1500 }), options: { diskAllocation: 'fixed' } });
    const before = fullSnapshot(engine);
    const error = refusal(() => engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'copy' } }));
    expect(error.toData()).toEqual({ code: 'INSUFFICIENT_RESOURCES', field: 'mode', message: 'Storage pool "Atlas storage" has 548 GiB free; a full clone of "web-01" (1500 GiB of data) needs 1500 GiB' });
    expect(fullSnapshot(engine)).toEqual(before);
  });
});
