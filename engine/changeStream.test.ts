// Tests for the change stream: each command hands out exactly what it changed, time hands out state changes, all deterministic.
import { describe, expect, it } from 'vitest';
import type { EngineChanges, EngineNotification, MachineRecord } from '../shared/engine/protocol.ts';
import { Engine } from './engine.ts';
import { id, recordsOf, refusal, spec, startAndWait } from './facadeTestKit.ts';

/** Ids a batch names, per part, sorted so the order of marking does not matter. */
function idsOf(changes: EngineChanges | undefined): { machines: string[]; records: string[]; removed: string[] } {
  const sorted = (ids: string[]) => [...ids].sort();
  return {
    machines: sorted(changes?.machines.map((m) => m.id) ?? []),
    records: sorted(changes?.records.map((r) => r.id) ?? []),
    removed: sorted(changes?.removed ?? []),
  };
}

const nothing = { machines: [], records: [], removed: [] };
const changesIn = (notes: EngineNotification[]) => notes.flatMap((n) => (n.kind === 'changes' ? [n.changes] : []));

describe('each command returns exactly what it changed', () => {
  it('create: one machine and its record; other machines are not mentioned', () => {
    const engine = new Engine({ seed: 1 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'a' }) });
    expect(idsOf(engine.takeChanges())).toEqual({ machines: [id(1)], records: [id(1)], removed: [] });
    const b = engine.handle('createMachine', { id: id(2), spec: spec({ name: 'b' }) });
    const changes = engine.takeChanges()!;
    expect(idsOf(changes)).toEqual({ machines: [id(2)], records: [id(2)], removed: [] });
    expect(changes.machines[0]).toEqual(b);
    expect(changes.records[0]).toMatchObject({ id: id(2), name: 'b', platformId: b.platformId, config: expect.any(Object) });
    // Nothing happened since: nothing to hand out.
    expect(engine.takeChanges()).toBeUndefined();
  });

  it('life cycle: the command carries the new state; the record follows only when the machine powers off', () => {
    const engine = new Engine({ seed: 1 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'a' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'b' }) });
    engine.takeChanges();
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    const started = engine.takeChanges()!;
    expect(idsOf(started)).toEqual({ machines: [id(1)], records: [], removed: [] });
    expect(started.machines[0]!.state).toBe('Starting');
    // Time carries the transitions it makes, in a `changes` notification of the advance that got there.
    const booted = changesIn(engine.advance(20_000));
    expect(booted.map(idsOf)).toEqual([{ machines: [id(1)], records: [], removed: [] }]);
    expect(booted[0]!.machines[0]).toMatchObject({ id: id(1), state: 'Running' });
    expect(booted[0]!.events).toEqual([expect.objectContaining({ machineId: id(1), kind: 'state', atMs: booted[0]!.machines[0]!.stateSinceMs, message: expect.stringMatching(/^Running: started in /) })]);
    engine.handle('lifecycle', { id: id(1), action: 'stop' });
    expect(idsOf(engine.takeChanges())).toEqual({ machines: [id(1)], records: [], removed: [] });
    const stopped = changesIn(engine.advance(10_000));
    expect(stopped.map(idsOf)).toEqual([{ machines: [id(1)], records: [id(1)], removed: [] }]);
    expect(stopped[0]!.machines[0]!.state).toBe('PoweredOff');
    // An advance in which nothing changes state hands out no changes at all.
    expect(changesIn(engine.advance(5000))).toEqual([]);
  });

  it('settings and delete: the machine changed, then the id removed', () => {
    const engine = new Engine({ seed: 1 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'a' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'b' }) });
    engine.takeChanges();
    const updated = engine.handle('updateSettings', { id: id(1), patch: { vcpus: 4 } });
    const changes = engine.takeChanges()!;
    expect(idsOf(changes)).toEqual({ machines: [id(1)], records: [id(1)], removed: [] });
    expect(changes.machines[0]).toEqual(updated);
    expect(changes.records[0]!.vcpus).toBe(4);
    engine.handle('deleteMachine', { id: id(2) });
    expect(idsOf(engine.takeChanges())).toEqual({ machines: [], records: [], removed: [id(2)] });
    expect(recordsOf(engine)).toEqual([]);
  });

  it('linked clones: clone, snapshot and delete mark every machine sharing the disk images', () => {
    const engine = new Engine({ seed: 1 });
    // The records a backend mirror holds, built only from the deltas handed out.
    const mirror = new Map<string, MachineRecord>();
    const take = () => {
      const changes = engine.takeChanges();
      for (const record of changes?.records ?? []) mirror.set(record.id, record);
      for (const removed of changes?.removed ?? []) mirror.delete(removed);
      return changes;
    };
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'base' }) });
    engine.handle('createMachine', { id: id(9), spec: spec({ name: 'unrelated' }) });
    take();
    engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'linked', mode: 'linked' } });
    // The clone is new; the source's record now carries the linked base snapshot both build on.
    const cloned = take()!;
    expect(idsOf(cloned)).toEqual({ machines: [id(1), id(2)], records: [id(1), id(2)], removed: [] });
    expect(cloned.records.find((r) => r.id === id(1))!.config!.snapshots.map((s) => s.id)).toEqual([`linked-base-${id(2)}`]);
    engine.handle('takeSnapshot', { id: id(1), snapshotId: 's1', spec: { name: 'S1' } });
    expect(idsOf(take())).toEqual({ machines: [id(1), id(2)], records: [id(1), id(2)], removed: [] });
    engine.handle('takeSnapshot', { id: id(2), snapshotId: 's2', spec: { name: 'S2' } });
    expect(idsOf(take())).toEqual({ machines: [id(1), id(2)], records: [id(1), id(2)], removed: [] });
    // A full clone shares nothing: only the new machine changes, its source stays as it was.
    engine.handle('cloneMachine', { id: id(9), cloneId: id(10), options: { name: 'copy', mode: 'full' } });
    expect(idsOf(take())).toEqual({ machines: [id(10)], records: [id(10)], removed: [] });
    // A full clone of a linked clone copies its whole chain: it shares nothing either.
    engine.handle('cloneMachine', { id: id(2), cloneId: id(11), options: { name: 'copy-of-linked', mode: 'full' } });
    expect(idsOf(take())).toEqual({ machines: [id(11)], records: [id(11)], removed: [] });
    engine.handle('deleteMachine', { id: id(11) });
    take();
    // Deleting the clone frees its hold on the base's images: the base's record changes with the removal.
    engine.handle('deleteMachine', { id: id(2) });
    expect(idsOf(take())).toEqual({ machines: [id(1)], records: [id(1)], removed: [id(2)] });
    // The mirror built from these deltas alone matches the engine.
    expect([...mirror.keys()].sort()).toEqual([id(1), id(9), id(10)].sort());
    // Re-seeding an engine from that mirror gives back the same machines and disk chains.
    const restarted = new Engine({ seed: 1 });
    restarted.handle('init', { seed: 1, speed: 1, machines: [...mirror.values()] });
    for (const machineId of mirror.keys()) {
      expect(restarted.handle('getMachine', { id: machineId })).toEqual({ ...engine.handle('getMachine', { id: machineId }), stateSinceMs: 0 });
      expect(restarted.handle('getMachineConfig', { id: machineId })).toEqual(engine.handle('getMachineConfig', { id: machineId }));
    }
  });

  it('a refused command changes no machine, record or removal (its refusal is only logged)', () => {
    const engine = new Engine({ seed: 1 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'a' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'b' }) });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'linked', mode: 'linked' } });
    startAndWait(engine, id(2));
    engine.takeChanges();
    const refusedCommands: Array<() => unknown> = [
      () => engine.handle('lifecycle', { id: id(1), action: 'stop' }),
      () => engine.handle('lifecycle', { id: id(2), action: 'start' }),
      () => engine.handle('deleteMachine', { id: id(2) }),
      () => engine.handle('updateSettings', { id: id(2), patch: { vcpus: 4 } }),
      () => engine.handle('createMachine', { id: id(4), spec: spec({ name: 'A' }) }),
      () => engine.handle('cloneMachine', { id: id(1), cloneId: id(5), options: { name: 'b' } }),
      () => engine.handle('deleteSnapshot', { id: id(1), snapshotId: `linked-base-${id(3)}` }),
      () => engine.handle('restoreSnapshot', { id: id(1), snapshotId: 'missing' }),
      () => engine.handle('migrateMachine', { id: id(1), platformId: 'esx-atlas' }),
      () => engine.handle('migrateMachine', { id: id(1), platformId: 'xen-xenon' }),
    ];
    for (const command of refusedCommands) {
      refusal(command);
      expect(idsOf(engine.takeChanges())).toEqual(nothing);
    }
  });
});

describe('determinism of the stream', () => {
  /** A script of commands and time; returns everything the engine handed out, as JSON. */
  function run(seed: number): string {
    const engine = new Engine({ seed });
    const out: unknown[] = [];
    const take = () => out.push(engine.takeChanges());
    const advance = (ms: number) => {
      for (const note of engine.advance(ms)) out.push(note.kind === 'telemetry' ? { ...note.batch, values: Array.from(note.batch.values) } : note);
    };
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'web', workload: 'web' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'db', platformId: 'xen-xenon', osType: 'debian64', workload: 'database' }) });
    engine.handle('createMachine', { id: id(3), spec: spec({ name: 'ppc', platformId: 'ws-qemu', osType: 'debian-ppc', workload: 'compile' }) });
    take();
    for (const n of [1, 2, 3]) engine.handle('lifecycle', { id: id(n), action: 'start' });
    take();
    advance(30_000);
    engine.handle('cloneMachine', { id: id(1), cloneId: id(4), options: { name: 'web-clone', mode: 'linked' } });
    engine.handle('takeSnapshot', { id: id(2), snapshotId: 'snap', spec: { name: 'S', withMemory: true } });
    take();
    advance(15_000);
    engine.handle('lifecycle', { id: id(3), action: 'stop' });
    take();
    advance(15_000);
    out.push(recordsOf(engine));
    out.push(engine.handle('listHosts', {}));
    return JSON.stringify(out);
  }

  it('hands out byte-identical telemetry, changes and records for the same seed and commands', () => {
    const first = run(21);
    expect(run(21)).toBe(first);
    expect(first.length).toBeGreaterThan(10_000);
    // And the seed matters: another one gives other numbers and addresses.
    expect(run(22)).not.toBe(first);
  });
});
