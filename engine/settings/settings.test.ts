// Tests for the settings command and its rules query: powered off vs running, type 0 live changes, refusals change nothing.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { fullSnapshot, id, refusal, spec, startAndWait, usedMiB } from '../facadeTestKit.ts';

describe('settings', () => {
  it('changes everything on a powered-off machine and keeps it', () => {
    const engine = new Engine({ seed: 11 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    const machine = engine.handle('updateSettings', { id: id(1), patch: { name: 'web-renamed', osType: 'debian64', vcpus: 4, memoryMiB: 4096, diskGiB: 40, workload: 'database' } });
    expect(machine).toMatchObject({ name: 'web-renamed', osType: 'debian64', vcpus: 4, memoryMiB: 4096, diskGiB: 40, workload: 'database', state: 'PoweredOff' });
    expect(engine.handle('getMachineConfig', { id: id(1) }).disk.capacityGiB).toBe(40);
    expect(refusal(() => engine.handle('createMachine', { id: id(2), spec: spec({ name: 'WEB-RENAMED' }) })).code).toBe('CONFLICT');
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'web-01' }) });
    startAndWait(engine, id(1));
    expect(engine.handle('getMachine', { id: id(1) }).state).toBe('Running');
  });

  it('reports per field whether it is editable now and why not', () => {
    const engine = new Engine({ seed: 12 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    const off = engine.handle('getSettingsRules', { id: id(1) });
    expect(Object.values(off.fields).every((rule) => rule.editable && !rule.live)).toBe(true);
    expect(off.fields.diskGiB).toMatchObject({ min: 25 });
    startAndWait(engine, id(1));
    const on = engine.handle('getSettingsRules', { id: id(1) });
    expect(on.fields.memoryMiB).toEqual({ editable: false, live: false, reason: 'Power off "web-01" to change memory', min: 4, max: 1_048_576 });
    // A name is a label: it changes while the machine runs.
    expect(on.fields.name).toMatchObject({ editable: true, live: true });
    expect(on.fields.optical).toMatchObject({ editable: true, live: true });
    expect(on.fields.workload).toMatchObject({ editable: true, live: true });
  });

  it('refuses fields that cannot change while running, with the rule’s reason, and changes nothing', () => {
    const engine = new Engine({ seed: 13 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    startAndWait(engine, id(1));
    const before = fullSnapshot(engine);
    expect(refusal(() => engine.handle('updateSettings', { id: id(1), patch: { memoryMiB: 4096, workload: 'idle' } })).toData()).toEqual({ code: 'INVALID_STATE', field: 'memoryMiB', message: 'Power off "web-01" to change memory' });
    expect(fullSnapshot(engine)).toEqual(before);
    // Unchanged values are not changes: a dialog may send the whole form.
    expect(engine.handle('updateSettings', { id: id(1), patch: { memoryMiB: 2048, vcpus: 2, workload: 'idle' } })).toMatchObject({ workload: 'idle', state: 'Running' });
  });

  it('refuses limits and shrinking disks on a powered-off machine, and changes nothing', () => {
    const engine = new Engine({ seed: 14 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'other' }) });
    const before = fullSnapshot(engine);
    const cases: Array<[object, string, string, string | RegExp]> = [
      [{ diskGiB: 20 }, 'VALIDATION', 'diskGiB', 'Disk size can only grow: "web-01" has 25 GiB'],
      [{ vcpus: 17 }, 'INSUFFICIENT_RESOURCES', 'vcpus', '17 vCPUs is more than the 16 cores Atlas ESX can schedule on'],
      [{ name: 'OTHER' }, 'CONFLICT', 'name', 'A machine named "OTHER" already exists'],
      [{ osType: 'irix-mips' }, 'VALIDATION', 'osType', /only an emulator can run another instruction set/],
      [{ diskGiB: 3000 }, 'INSUFFICIENT_RESOURCES', 'diskGiB', /storage free/],
      [{ nics: [{ attachment: 'nat', ipMode: 'static', staticIp: '10.0.2.1' }] }, 'VALIDATION', 'nics.0.staticIp', '10.0.2.1 is the gateway of NatNetwork; choose another address'],
      [{ nics: [{ attachment: 'nat', ipMode: 'static' }] }, 'VALIDATION', 'patch.nics.0.staticIp', 'Enter the static IP address'],
    ];
    for (const [patch, code, field, message] of cases) {
      const error = refusal(() => engine.handle('updateSettings', { id: id(1), patch }));
      expect([error.code, error.field]).toEqual([code, field]);
      expect(error.message).toMatch(message);
      expect(fullSnapshot(engine)).toEqual(before);
    }
  });

  it('checkSettings answers what updateSettings would refuse, from the same rules, and changes nothing', () => {
    const engine = new Engine({ seed: 14 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'other' }) });
    const before = fullSnapshot(engine);
    for (const patch of [{ memoryMiB: 999_999 }, { vcpus: 17 }, { name: 'OTHER' }, { diskGiB: 20 }, { diskGiB: 3000 }]) {
      const { problem } = engine.handle('checkSettings', { id: id(1), patch });
      expect(problem).toEqual(refusal(() => engine.handle('updateSettings', { id: id(1), patch })).toData());
    }
    expect(engine.handle('checkSettings', { id: id(1), patch: { memoryMiB: 999_999 } }).problem).toMatchObject({ code: 'INSUFFICIENT_RESOURCES', field: 'memoryMiB' });
    expect(engine.handle('checkSettings', { id: id(1), patch: { memoryMiB: 4096, vcpus: 4 } })).toEqual({ problem: null });
    expect(fullSnapshot(engine)).toEqual(before);
  });

  it('grows a fixed disk only when the pool has room for the new capacity', () => {
    const engine = new Engine({ seed: 15 });
    engine.handle('createMachine', { id: id(1), spec: spec({ diskGiB: 10 }), options: { diskAllocation: 'fixed' } });
    expect(usedMiB(engine)).toBe(10_240);
    engine.handle('updateSettings', { id: id(1), patch: { diskGiB: 12 } });
    expect(usedMiB(engine)).toBe(12_288);
  });

  it('moves vCPUs and memory live on a running type 0 partition with a partition-aware OS', () => {
    const engine = new Engine({ seed: 16 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'lpar-a', platformId: 'lpar-fw', vcpus: 4 }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'lpar-b', platformId: 'lpar-fw', vcpus: 4 }) });
    engine.handle('createMachine', { id: id(3), spec: spec({ name: 'lpar-w', platformId: 'lpar-fw', osType: 'windows2022', vcpus: 2 }) });
    for (const n of [1, 2, 3]) startAndWait(engine, id(n));
    expect(engine.handle('getSettingsRules', { id: id(1) }).fields.vcpus).toMatchObject({ editable: true, live: true });
    expect(engine.handle('getSettingsRules', { id: id(3) }).fields.vcpus.reason).toBe('Power off "lpar-w" to change vCPUs (its OS is not partition-aware, so it cannot take them live)');
    expect(engine.handle('updateSettings', { id: id(1), patch: { vcpus: 6, memoryMiB: 4096 } })).toMatchObject({ vcpus: 6, memoryMiB: 4096, state: 'Running' });
    expect(engine.handle('updateSettings', { id: id(1), patch: { vcpus: 8, donorId: id(2) } })).toMatchObject({ vcpus: 8 });
    expect(engine.handle('getMachine', { id: id(2) }).vcpus).toBe(2);
    const before = fullSnapshot(engine);
    const error = refusal(() => engine.handle('updateSettings', { id: id(1), patch: { vcpus: 14 } }));
    expect(error.toData()).toMatchObject({ code: 'INSUFFICIENT_RESOURCES', field: 'vcpus' });
    expect(fullSnapshot(engine)).toEqual(before);
  });
});
