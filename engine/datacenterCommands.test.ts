// The data center through the engine facade: migrations in the change stream, records saved, refusals, failure and HA.
import { describe, expect, it } from 'vitest';
import type { EngineNotification } from '../shared/engine/protocol.ts';
import { rackHostIds } from './defaultWorld.ts';
import { Engine } from './engine.ts';
import { id, refusal, spec, startAndWait } from './facadeTestKit.ts';

function rackEngine(seed = 1): Engine {
  const engine = new Engine({ seed });
  engine.handle('createMachine', { id: id(1), spec: spec({ name: 'web-01', hostId: 'rack-01' }) });
  startAndWait(engine, id(1));
  engine.advance(20_000);
  engine.takeChanges();
  return engine;
}

const recordFrom = (notes: EngineNotification[], machineId: string) =>
  notes.flatMap((n) => (n.kind === 'changes' ? n.changes.records.filter((r) => r.id === machineId) : [])).at(-1);
const datacenterOf = (notes: EngineNotification[]) => notes.flatMap((n) => (n.kind === 'changes' && n.changes.datacenter ? [n.changes.datacenter] : []));

describe('Engine: data center', () => {
  it('lists the rack cluster, every host with its power state, link and watts', () => {
    const engine = new Engine({ seed: 1 });
    engine.advance(2000);
    const dc = engine.handle('getDatacenter', {});
    expect(dc.clusters).toEqual([expect.objectContaining({ id: 'cluster-rack', name: 'Rack cluster', hostIds: rackHostIds, settings: expect.objectContaining({ storage: 'shared' }) })]);
    expect(dc.hosts).toHaveLength(18);
    expect(dc.hosts.find((h) => h.hostId === 'rack-01')).toMatchObject({ clusterId: 'cluster-rack', power: 'on', linkGbps: 10, storage: 'shared' });
    expect(dc.hosts.find((h) => h.hostId === 'host-1')).toMatchObject({ power: 'on', storage: 'local' });
    expect(dc.hosts.find((h) => h.hostId === 'host-1')!.clusterId).toBeUndefined();
    expect(dc.hosts.every((h) => h.watts > 0)).toBe(true);
  });

  it('migrates live: rounds in the change stream, the record saved on the new host, same MAC and IP, never powered off', () => {
    const engine = rackEngine();
    const before = engine.handle('getMachineConfig', { id: id(1) });
    const plan = engine.handle('planMigration', { id: id(1) });
    expect(plan.method).toBe('precopy');
    const target = plan.candidates.find((c) => c.hostId === 'rack-02')!;
    expect(target.verdict.verdict).not.toBe('refused');
    expect(target.estimate).toMatchObject({ method: 'precopy', storageMiB: 0, converges: true });
    const started = engine.handle('startMigration', { id: id(1), platformId: target.platformId });
    expect(started).toMatchObject({ phase: 'precopy', fromHostId: 'rack-01', toHostId: 'rack-02', reason: 'user' });
    const notes: EngineNotification[] = [];
    for (let s = 0; s < 10; s++) notes.push(...engine.advance(1000));
    const migrations = datacenterOf(notes).flatMap((d) => d.migrations);
    const done = migrations.filter((m) => m.phase === 'done').at(-1)!;
    expect(done.rounds.length).toBeGreaterThanOrEqual(2);
    expect(done.downtimeMs!).toBeLessThan(200);
    expect(Math.abs(done.totalMs! - target.estimate!.totalMs) / target.estimate!.totalMs).toBeLessThan(0.1);
    const states = notes.flatMap((n) => (n.kind === 'changes' ? n.changes.machines.filter((m) => m.id === id(1)).map((m) => m.state) : []));
    expect(states.every((s) => s === 'Running')).toBe(true);
    expect(recordFrom(notes, id(1))).toMatchObject({ hostId: 'rack-02', platformId: 'esx-rack-02' });
    const after = engine.handle('getMachineConfig', { id: id(1) });
    // Same MAC and address; NAT networks are per host, so it is on the new host's now.
    expect(after.nics).toEqual(before.nics.map((nic) => ({ ...nic, networkId: 'natnet-rack-02' })));
  });

  it('refuses changes to a migrating machine and a second migration', () => {
    const engine = rackEngine(2);
    engine.handle('startMigration', { id: id(1), platformId: 'esx-rack-02' });
    expect(refusal(() => engine.handle('takeSnapshot', { id: id(1), snapshotId: 's1', spec: { name: 'x' } })).message).toMatch(/is migrating to another host; wait for it to finish/);
    expect(refusal(() => engine.handle('deleteMachine', { id: id(1) })).code).toBe('INVALID_STATE');
    expect(refusal(() => engine.handle('startMigration', { id: id(1), platformId: 'esx-rack-03' })).message).toMatch(/already migrating/);
    expect(refusal(() => engine.handle('startMigration', { id: id(1), platformId: 'esx-atlas' })).message).toMatch(/already migrating/);
  });

  it('fails a host: its machines are Aborted, can be started again elsewhere, and HA restarts them when on', () => {
    const engine = rackEngine(3);
    engine.handle('updateCluster', { clusterId: 'cluster-rack', patch: { ha: { enabled: true } } });
    const { host } = engine.handle('hostAction', { hostId: 'rack-01', action: 'fail' });
    expect(host).toMatchObject({ power: 'failed', watts: 0 });
    expect(engine.handle('getMachine', { id: id(1) }).state).toBe('Aborted');
    const notes: EngineNotification[] = [];
    for (let s = 0; s < 30; s++) notes.push(...engine.advance(1000));
    const machine = engine.handle('getMachine', { id: id(1) });
    expect(machine.state).toBe('Running');
    expect(machine.hostId).not.toBe('rack-01');
    expect(recordFrom(notes, id(1))!.hostId).toBe(machine.hostId);
    const ops = datacenterOf(notes).flatMap((d) => d.operations);
    expect(ops.at(-1)).toMatchObject({ kind: 'haRestart', state: 'done', problems: [] });
  });

  it('saves Aborted in the record: a restarted engine shows it Aborted until it is started again', () => {
    const engine = rackEngine(5);
    engine.handle('hostAction', { hostId: 'rack-01', action: 'fail' });
    const aborted = engine.takeChanges()!.records.find((r) => r.id === id(1))!;
    expect(aborted.config?.aborted).toBe(true);
    const restarted = new Engine({ seed: 5 });
    restarted.handle('init', { seed: 5, speed: 1, machines: [aborted] });
    expect(restarted.handle('getMachine', { id: id(1) }).state).toBe('Aborted');
    // The restarted engine's host is on again: starting it clears the mark, and the record says so at once.
    restarted.takeChanges();
    restarted.handle('lifecycle', { id: id(1), action: 'start' });
    const started = restarted.takeChanges()!.records.find((r) => r.id === id(1))!;
    expect(started.config?.aborted).toBeUndefined();
  });

  it('runs consolidation from a command and powers emptied hosts off', () => {
    const engine = new Engine({ seed: 4 });
    rackHostIds.slice(0, 3).forEach((hostId, i) => engine.handle('createMachine', { id: id(i + 1), spec: spec({ name: `srv-${i}`, hostId, vcpus: 1 }) }));
    for (let i = 1; i <= 3; i++) engine.handle('lifecycle', { id: id(i), action: 'start' });
    engine.advance(120_000);
    const plan = engine.handle('planConsolidation', { clusterId: 'cluster-rack' });
    // Seven idle rack hosts and two of the three with a server empty out.
    expect(plan.emptiedHostIds).toHaveLength(9);
    engine.handle('consolidate', { clusterId: 'cluster-rack' });
    for (let s = 0; s < 60 && engine.handle('getDatacenter', {}).operations.some((o) => o.state === 'running'); s++) engine.advance(1000);
    const hosts = engine.handle('getDatacenter', {}).hosts.filter((h) => h.clusterId === 'cluster-rack');
    expect(hosts.filter((h) => h.power === 'off')).toHaveLength(9);
    expect(refusal(() => engine.handle('consolidate', { clusterId: 'nope' })).code).toBe('NOT_FOUND');
  });
});
