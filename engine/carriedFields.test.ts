// What the engine only carries for the backend (a machine's group, an imported appliance's disks) survives records and restarts.
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { id, recordsOf, spec } from './facadeTestKit.ts';

describe('Engine: carried fields', () => {
  it('keeps the group and every appliance disk through the change stream\'s records, init and a full clone', () => {
    const engine = new Engine({ seed: 3 });
    const disks = [{ label: 'vmdisk1', capacityMiB: 64 }, { label: 'vmdisk2', capacityMiB: 10 * 1024 }];
    const machine = engine.handle('createMachine', { id: id(1), spec: spec({ name: 'vapp-a', diskGiB: 1, group: ' lab/vApp ' }), options: { disks } });
    expect(machine.group).toBe('lab/vApp');
    expect(engine.handle('getMachineConfig', { id: id(1) }).disks).toEqual(disks);
    const plain = engine.handle('createMachine', { id: id(2), spec: spec({ name: 'plain' }) });
    expect(plain.group).toBeUndefined();

    const records = recordsOf(engine);
    expect(records.find((r) => r.id === id(1))).toMatchObject({ group: 'lab/vApp', config: { disks } });
    const restarted = new Engine({ seed: 3 });
    restarted.handle('init', { seed: 3, speed: 1, machines: records });
    expect(restarted.handle('getMachine', { id: id(1) }).group).toBe('lab/vApp');
    expect(restarted.handle('getMachineConfig', { id: id(1) }).disks).toEqual(disks);
    expect(restarted.handle('getMachineConfig', { id: id(2) }).disks).toBeUndefined();

    restarted.handle('cloneMachine', { id: id(1), cloneId: id(3), options: { name: 'vapp-a-clone', mode: 'full', states: 'currentState', macPolicy: 'generateNew' } });
    expect(restarted.handle('getMachineConfig', { id: id(3) }).disks).toEqual(disks);
    expect(restarted.handle('getMachine', { id: id(3) }).group).toBe('lab/vApp');
  });

  it('refuses a group with control characters at the boundary', () => {
    const engine = new Engine({ seed: 3 });
    expect(() => engine.handle('createMachine', { id: id(1), spec: spec({ group: 'a\u001b[31m' }) })).toThrow('Group cannot contain control characters');
  });
});
