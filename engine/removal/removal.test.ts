// Removing machines through the engine facade: keep files (orphaned media), delete files, delete linked clones too, priced exactly.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { fullSnapshot, id, recordsOf, refusal, spec, startAndWait, usedMiB } from '../facadeTestKit.ts';

/** A fixed 20 GiB source with two linked clones (each writes a little) and a clone of a clone. */
function family(): Engine {
  const engine = new Engine({ seed: 21 });
  engine.handle('createMachine', { id: id(1), spec: spec({ name: 'base', diskGiB: 20 }), options: { diskAllocation: 'fixed' } });
  engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'clone-a', mode: 'linked' } });
  engine.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'clone-b', mode: 'linked' } });
  for (const clone of [id(2), id(3)]) {
    startAndWait(engine, clone);
    engine.advance(20_000);
    engine.handle('lifecycle', { id: clone, action: 'powerOff' });
  }
  return engine;
}

const choice = (engine: Engine, machineId: string, mode: string) => engine.handle('planRemoval', { id: machineId }).choices.find((c) => c.mode === mode)!;

describe('planRemoval', () => {
  it('names the linked clones that depend on a base and prices each choice', () => {
    const engine = family();
    const plan = engine.handle('planRemoval', { id: id(1) });
    expect(plan.dependents.map((d) => d.name)).toEqual(['clone-a', 'clone-b']);
    expect(plan.choices.map((c) => c.mode)).toEqual(['removeOnly', 'deleteAll', 'deleteWithClones']);
    const [removeOnly, deleteAll, withClones] = plan.choices;
    expect(removeOnly).toMatchObject({ freedMiB: 0, keptMiB: 20 * 1024 });
    expect(removeOnly!.summary).toBe('"base" is forgotten; its disk files (20 GiB) stay in the pool and show up as orphaned disks in the Media Manager');
    // The shared base stays for the clones, so only the source's own (empty) current disk goes.
    expect(deleteAll).toMatchObject({ freedMiB: 0, keptMiB: 20 * 1024 });
    expect(deleteAll!.summary).toBe('"base" and its own files are deleted; the shared base (20 GiB) stays for its linked clones "clone-a", "clone-b"');
    expect(withClones!.alsoRemoves.map((m) => m.name)).toEqual(['clone-a', 'clone-b']);
    expect(withClones!.freedMiB).toBeGreaterThan(20 * 1024);
    expect(engine.handle('planRemoval', { id: id(2) }).choices.map((c) => c.mode)).toEqual(['removeOnly', 'deleteAll']);
  });

  it('frees exactly what it announced: the pool shows the same figure afterwards', () => {
    for (const mode of ['deleteAll', 'deleteWithClones', 'removeOnly'] as const) {
      const engine = family();
      const announced = choice(engine, id(1), mode).freedMiB;
      const before = usedMiB(engine);
      const result = engine.handle('deleteMachine', { id: id(1), mode });
      expect(result.freedMiB).toBe(announced);
      expect(before - usedMiB(engine)).toBe(announced);
    }
  });

  it('refuses deleting the clones too while one of them runs, and changes nothing', () => {
    const engine = family();
    startAndWait(engine, id(3));
    expect(choice(engine, id(1), 'deleteWithClones').refusal).toBe('Stop "clone-b" before deleting it (it is Running)');
    const before = fullSnapshot(engine);
    expect(refusal(() => engine.handle('deleteMachine', { id: id(1), mode: 'deleteWithClones' })).toData()).toEqual({
      code: 'INVALID_STATE',
      field: 'mode',
      message: 'Stop "clone-b" before deleting it (it is Running)',
    });
    const after = fullSnapshot(engine);
    expect({ ...after, clock: undefined }).toEqual({ ...before, clock: undefined });
  });
});

describe('deleteMachine', () => {
  it('deletes a base with its clones and reports every removal in the change stream', () => {
    const engine = family();
    engine.takeChanges();
    expect(engine.handle('deleteMachine', { id: id(1), mode: 'deleteWithClones' }).removed).toEqual([id(3), id(2), id(1)]);
    expect(engine.takeChanges()!.removed.sort()).toEqual([id(1), id(2), id(3)].sort());
    expect(engine.handle('listMachines', {})).toEqual([]);
  });

  it('keeps the shared base for the clones, whose records (changed owners) are in the change stream', () => {
    const engine = family();
    engine.takeChanges();
    engine.handle('deleteMachine', { id: id(1), mode: 'deleteAll' });
    const changes = engine.takeChanges()!;
    expect(changes.removed).toEqual([id(1)]);
    expect(changes.records.map((r) => r.id).sort()).toEqual([id(2), id(3)].sort());
    const base = changes.records[0]!.config!.images.find((image) => image.kind === 'base')!;
    expect(base.ownerMachineId).toBeUndefined();
    // The base goes with the last clone.
    const before = usedMiB(engine);
    engine.handle('deleteMachine', { id: id(2) });
    engine.handle('deleteMachine', { id: id(3) });
    expect(before - usedMiB(engine)).toBeGreaterThanOrEqual(20 * 1024);
  });

  it('"Remove only" keeps the disk files as orphaned media that survive a restart, and removing them frees the space', () => {
    const engine = new Engine({ seed: 22 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'old-vm', diskGiB: 30 }), options: { diskAllocation: 'fixed' } });
    engine.handle('takeSnapshot', { id: id(1), snapshotId: 'snap-1', spec: { name: 'clean' } });
    const before = usedMiB(engine);
    engine.takeChanges();
    engine.handle('deleteMachine', { id: id(1), mode: 'removeOnly' });
    expect(usedMiB(engine)).toBe(before);
    const changes = engine.takeChanges()!;
    expect(changes.inventory!.keptImages.map((image) => image.formerOwnerName)).toEqual(['old-vm', 'old-vm']);
    const disks = engine.handle('listMedia', {}).disks;
    expect(disks.map((d) => [d.fileName, d.role, d.orphaned])).toEqual([
      ['old-vm.vdi', 'Disk of removed machine old-vm', true],
      [expect.stringMatching(/^\{disk-\d+\}\.vdi$/), 'Disk of removed machine old-vm', true],
    ]);

    const restarted = new Engine({ seed: 22 });
    restarted.handle('init', { seed: 22, speed: 1, machines: recordsOf(engine), inventory: changes.inventory! });
    expect(usedMiB(restarted)).toBe(before);
    const baseId = restarted.handle('listMedia', {}).disks.find((d) => d.kind === 'base')!.id;
    const removed = restarted.handle('removeMedium', { mediumId: baseId });
    expect(removed.freedMiB).toBe(before - usedMiB(restarted));
    expect(removed.freedMiB).toBeGreaterThanOrEqual(30 * 1024);
    expect(removed.disks).toEqual([]);
  });
});

describe('media', () => {
  it('compacts a dynamic disk of a powered-off machine by the blocks of deleted files, and refuses a fixed or running one', () => {
    const engine = new Engine({ seed: 23 });
    engine.handle('createMachine', { id: id(1), spec: spec({ workload: 'database' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'fixed', diskGiB: 10 }), options: { diskAllocation: 'fixed' } });
    const diskOf = (n: number) => engine.handle('listMedia', {}).disks.find((d) => d.attachedTo.some((m) => m.machineId === id(n)))!;
    expect(diskOf(1)).toMatchObject({ compactableMiB: 0, compactRefusal: 'Nothing to reclaim: no deleted files since it was created or last compacted' });
    startAndWait(engine, id(1));
    engine.advance(120_000);
    expect(diskOf(1).compactRefusal).toBe('"web-01" is using it; power off to compact it');
    expect(refusal(() => engine.handle('compactDisk', { diskId: diskOf(1).id })).message).toBe('"web-01" is using it; power off to compact it');
    engine.handle('lifecycle', { id: id(1), action: 'powerOff' });
    const reclaim = diskOf(1).compactableMiB;
    expect(reclaim).toBeGreaterThan(0);
    const before = usedMiB(engine);
    engine.takeChanges();
    expect(engine.handle('compactDisk', { diskId: diskOf(1).id }).freedMiB).toBe(before - usedMiB(engine));
    expect(Math.abs(before - usedMiB(engine) - reclaim)).toBeLessThanOrEqual(1);
    expect(engine.takeChanges()!.records.map((r) => r.id)).toEqual([id(1)]);
    expect(diskOf(1).compactableMiB).toBe(0);
    expect(refusal(() => engine.handle('compactDisk', { diskId: diskOf(2).id })).message).toBe('A fixed-size disk always takes its whole capacity; only dynamically allocated disks can be compacted');
  });

  it('names the linked clones built on a base disk, and no one on a clone\'s own disk', () => {
    const engine = new Engine({ seed: 25 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'base' }) });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'linked-a', mode: 'linked' } });
    engine.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'linked-b', mode: 'linked' } });
    const disks = engine.handle('listMedia', {}).disks;
    // Each linked clone reads a state of base's disk chain (the snapshot taken for it); only base's images name clones.
    const naming = disks.filter((d) => d.linkedClones.length > 0);
    expect(naming.flatMap((d) => d.linkedClones.map((m) => m.name)).sort()).toEqual(['linked-a', 'linked-b']);
    expect(naming.every((d) => /of base$/.test(d.role))).toBe(true);
  });

  it('registers, releases and removes ISO images; one in a drive cannot be removed', () => {
    const engine = new Engine({ seed: 24 });
    expect(engine.handle('listMedia', {}).isoImages.map((iso) => iso.name)).toContain('debian-12.7.0-amd64-netinst.iso');
    const added = engine.handle('addIsoImage', { spec: { name: 'tools.iso', sizeMiB: 42 } });
    const tools = added.isoImages.find((iso) => iso.name === 'tools.iso')!;
    expect(refusal(() => engine.handle('addIsoImage', { spec: { name: 'TOOLS.iso', sizeMiB: 1 } })).message).toBe('An ISO image named "tools.iso" is already registered');
    engine.handle('createMachine', { id: id(1), spec: spec(), options: { optical: { kind: 'iso', image: 'tools.iso' } } });
    expect(refusal(() => engine.handle('removeMedium', { mediumId: tools.id })).message).toBe('"tools.iso" is in the optical drive of "web-01"; release it first');
    engine.takeChanges();
    engine.handle('releaseMedium', { mediumId: tools.id });
    expect(engine.handle('getMachineConfig', { id: id(1) }).optical).toEqual({ kind: 'empty' });
    expect(engine.takeChanges()!.records.map((r) => r.id)).toEqual([id(1)]);
    engine.handle('removeMedium', { mediumId: tools.id });
    expect(engine.handle('listMedia', {}).isoImages.map((iso) => iso.name)).not.toContain('tools.iso');
    // A name typed elsewhere (a command, an import) becomes a medium of unknown size.
    engine.handle('updateSettings', { id: id(1), patch: { optical: { kind: 'iso', image: 'vendor-drivers.iso' } } });
    expect(engine.handle('listMedia', {}).isoImages.find((iso) => iso.name === 'vendor-drivers.iso')).toMatchObject({ sizeMiB: 0, attachedTo: [{ machineId: id(1), name: 'web-01', running: false }] });
  });

  it('lists each host drive and which machine holds it', () => {
    const engine = new Engine({ seed: 25 });
    engine.handle('createMachine', { id: id(1), spec: spec(), options: { optical: { kind: 'host' } } });
    startAndWait(engine, id(1));
    const atlas = engine.handle('listMedia', {}).hostDrives.find((d) => d.hostId === 'host-1')!;
    expect(atlas).toEqual({ hostId: 'host-1', hostName: 'Atlas', heldBy: { machineId: id(1), name: 'web-01' }, configuredOn: [{ machineId: id(1), name: 'web-01' }] });
  });
});
