// Tests for snapshots through the engine facade: tree and Current State marker, disk and memory cost, restore, delete/merge.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { fullSnapshot, id, refusal, spec, startAndWait, usedMiB } from '../facadeTestKit.ts';

const snap = (n: number) => `snap-${n}`;

function withThreeSnapshots(): Engine {
  const engine = new Engine({ seed: 1 });
  engine.handle('createMachine', { id: id(1), spec: spec() });
  for (const n of [1, 2, 3]) engine.handle('takeSnapshot', { id: id(1), snapshotId: snap(n), spec: { name: `S${n}`, description: `step ${n}` } });
  return engine;
}

describe('snapshots', () => {
  it('builds a chain with the Current State under the newest snapshot; each take costs a new empty differencing disk', () => {
    const engine = withThreeSnapshots();
    const tree = engine.handle('listSnapshots', { id: id(1) });
    expect(tree.snapshots.map((s) => [s.id, s.name, s.parentId, s.childIds])).toEqual([
      ['snap-1', 'S1', undefined, ['snap-2']],
      ['snap-2', 'S2', 'snap-1', ['snap-3']],
      ['snap-3', 'S3', 'snap-2', []],
    ]);
    expect(tree.currentSnapshotId).toBe('snap-3');
    expect(tree.snapshots[0]).toMatchObject({ description: 'step 1', withMemory: false, memoryStateMiB: 0, diskMiB: 6400, settings: { osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25 } });
    expect(tree.currentState.diskMiB).toBe(0);
    expect(usedMiB(engine)).toBe(6400);
    expect(engine.handle('getMachineConfig', { id: id(1) }).disk.chain).toHaveLength(4);
  });

  it('restores the middle snapshot: the marker moves, the old Current State disk is discarded and settings come back', () => {
    const engine = withThreeSnapshots();
    engine.handle('updateSettings', { id: id(1), patch: { memoryMiB: 4096, vcpus: 4 } });
    const before = engine.handle('listSnapshots', { id: id(1) }).currentState.diskImageId;
    const tree = engine.handle('restoreSnapshot', { id: id(1), snapshotId: snap(2) });
    expect(tree.currentSnapshotId).toBe('snap-2');
    expect(tree.snapshots.map((s) => s.childIds)).toEqual([['snap-2'], ['snap-3'], []]);
    expect(tree.currentState.diskImageId).not.toBe(before);
    expect(engine.handle('getMachine', { id: id(1) })).toMatchObject({ vcpus: 2, memoryMiB: 2048 });
    const storage = engine.handle('listStorage', {})[0]!;
    expect(storage.images.some((i) => i.id === before)).toBe(false);
    expect(storage.images.find((i) => i.id === tree.currentState.diskImageId)).toMatchObject({ parentId: tree.snapshots[1]!.diskImageId, kind: 'differencing' });
  });

  it('refuses to restore while the machine runs, and changes nothing', () => {
    const engine = withThreeSnapshots();
    startAndWait(engine, id(1));
    const before = fullSnapshot(engine);
    expect(refusal(() => engine.handle('restoreSnapshot', { id: id(1), snapshotId: snap(1) })).toData()).toEqual({ code: 'INVALID_STATE', field: 'state', message: 'Power off "web-01" before restoring snapshot "S1"' });
    expect(fullSnapshot(engine)).toEqual(before);
  });

  it('saves memory state only for a running machine; it costs the used memory in the pool and is freed with the snapshot', () => {
    const engine = new Engine({ seed: 2 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    expect(refusal(() => engine.handle('takeSnapshot', { id: id(1), snapshotId: 'm', spec: { name: 'M', withMemory: true } })).field).toBe('withMemory');
    startAndWait(engine, id(1));
    engine.advance(5000);
    const used = usedMiB(engine);
    const tree = engine.handle('takeSnapshot', { id: id(1), snapshotId: 'm', spec: { name: 'M', withMemory: true } });
    const memory = tree.snapshots[0]!.memoryStateMiB;
    expect(memory).toBeGreaterThan(100);
    expect(usedMiB(engine)).toBe(used + memory);
    const pool = engine.handle('listStorage', {})[0]!;
    expect(pool.memoryStates).toEqual([{ snapshotId: 'm', machineId: id(1), sizeMiB: memory }]);
    const afterDelete = engine.handle('deleteSnapshot', { id: id(1), snapshotId: 'm' });
    expect(afterDelete.freedMiB).toBeGreaterThanOrEqual(memory);
    expect(engine.handle('listStorage', {})[0]!.memoryStates).toEqual([]);
  });

  it('deletes a snapshot by merging its disk into its only child, reclaiming the overwritten blocks', () => {
    const engine = new Engine({ seed: 3 });
    engine.handle('createMachine', { id: id(1), spec: spec({ workload: 'database' }) });
    engine.handle('takeSnapshot', { id: id(1), snapshotId: snap(1), spec: { name: 'S1' } });
    startAndWait(engine, id(1));
    engine.advance(30_000);
    engine.handle('lifecycle', { id: id(1), action: 'stop' });
    engine.advance(5000);
    const tree = engine.handle('listSnapshots', { id: id(1) });
    const base = tree.snapshots[0]!.diskMiB;
    const child = tree.currentState.diskMiB;
    expect(child).toBeGreaterThan(0);
    const used = usedMiB(engine);
    const after = engine.handle('deleteSnapshot', { id: id(1), snapshotId: snap(1) });
    const capacity = 25 * 1024;
    const merged = base + child - (base * child) / capacity;
    expect(after.snapshots).toEqual([]);
    expect(after.currentSnapshotId).toBeUndefined();
    // Shown sizes are rounded MiB, so the arithmetic on them holds to within 1 MiB.
    expect(Math.abs(after.currentState.diskMiB - merged)).toBeLessThanOrEqual(1);
    expect(after.freedMiB).toBeGreaterThan(0);
    expect(Math.abs(after.freedMiB - (base + child - merged))).toBeLessThanOrEqual(1);
    expect(Math.abs(usedMiB(engine) - (used - after.freedMiB))).toBeLessThanOrEqual(1);
  });

  it('refuses to delete a snapshot with two children (like VirtualBox) and changes nothing', () => {
    const engine = withThreeSnapshots();
    engine.handle('restoreSnapshot', { id: id(1), snapshotId: snap(2) });
    const before = fullSnapshot(engine);
    expect(refusal(() => engine.handle('deleteSnapshot', { id: id(1), snapshotId: snap(2) })).toData()).toEqual({
      code: 'INVALID_STATE',
      field: 'snapshotId',
      message: 'Snapshot "S2" has 2 children (snapshots or the Current State); delete all but one of them first',
    });
    expect(fullSnapshot(engine)).toEqual(before);
    // A leaf snapshot goes with its disk; the tree closes over the gap.
    engine.handle('deleteSnapshot', { id: id(1), snapshotId: snap(3) });
    engine.handle('deleteSnapshot', { id: id(1), snapshotId: snap(2) });
    const tree = engine.handle('listSnapshots', { id: id(1) });
    expect(tree.snapshots.map((s) => s.id)).toEqual(['snap-1']);
    expect(tree.currentSnapshotId).toBe('snap-1');
    expect(usedMiB(engine)).toBe(6400);
  });

  it('refuses duplicate snapshot ids, unknown snapshots and transitional states', () => {
    const engine = withThreeSnapshots();
    expect(refusal(() => engine.handle('takeSnapshot', { id: id(1), snapshotId: snap(1), spec: { name: 'again' } })).code).toBe('CONFLICT');
    expect(refusal(() => engine.handle('restoreSnapshot', { id: id(1), snapshotId: 'nope' })).code).toBe('NOT_FOUND');
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    expect(refusal(() => engine.handle('takeSnapshot', { id: id(1), snapshotId: 'x', spec: { name: 'x' } })).message).toBe('Wait for "web-01" to finish starting before taking a snapshot');
    expect(refusal(() => engine.handle('takeSnapshot', { id: id(1), snapshotId: 'x', spec: { name: '  ' } })).toData()).toMatchObject({ code: 'VALIDATION', field: 'spec.name' });
  });
});
