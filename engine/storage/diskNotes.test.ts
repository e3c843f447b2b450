// Why a disk takes space, as the engine says it: before creating (the fit check) and in a machine's configuration.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { id, spec, usedMiB } from '../facadeTestKit.ts';

describe('disk notes', () => {
  it('tells the wizard a new dynamic disk starts with the installed OS, and that a fixed one takes its whole size', () => {
    const engine = new Engine({ seed: 41 });
    const dynamic = engine.handle('checkFit', { osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25 });
    expect(dynamic.disk).toEqual({ initialMiB: 6400, note: 'Starts at 6.3 GiB: Ubuntu (64-bit) is installed on it. It grows as the guest writes, up to 25 GiB' });
    const fixed = engine.handle('checkFit', { osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25, diskAllocation: 'fixed' });
    expect(fixed.disk).toEqual({ initialMiB: 25_600, note: 'A fixed-size disk takes its whole 25 GiB in the storage pool at once' });
    // The figure is what creating it then takes in the pool.
    const before = usedMiB(engine);
    engine.handle('createMachine', { id: id(1), spec: spec() });
    expect(usedMiB(engine) - before).toBe(dynamic.disk!.initialMiB);
  });

  it('says why an existing disk takes its space', () => {
    const engine = new Engine({ seed: 42 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    expect(engine.handle('getMachineConfig', { id: id(1) }).disk.usage).toBe('Ubuntu (64-bit) installed on it (6.3 GiB) and what the guest has written since; it grows up to 25 GiB');
    engine.handle('cloneMachine', { id: id(1), cloneId: id(2), options: { name: 'linked', mode: 'linked' } });
    expect(engine.handle('getMachineConfig', { id: id(2) }).disk.usage).toBe("A linked clone reads its source's disk and holds only what it has written since, in differencing disks");
  });
});
