// Labels on many machines, batches of operations, power off at once, and refusals that always reach the machine's log.
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { fullSnapshot, id, recordsOf, refusal, spec, startAndWait } from './facadeTestKit.ts';

function three(): Engine {
  const engine = new Engine({ seed: 5 });
  for (const n of [1, 2, 3]) engine.handle('createMachine', { id: id(n), spec: spec({ name: `vm-${n}`, memoryMiB: 512, diskGiB: 8 }) });
  recordsOf(engine);
  return engine;
}

describe('Engine: labels', () => {
  it('sets, edits and clears group, owner, purpose, tags and expiry on many machines, and records and restores them', () => {
    const engine = three();
    const labelled = engine.handle('labelMachines', { ids: [id(1), id(2)], patch: { group: '/lab//web/ ', owner: 'ana', purpose: 'course demo', tags: ['web', 'Demo', 'web'], expiresOn: '2030-01-31' } });
    expect(labelled.map((m) => [m.group, m.owner, m.purpose, m.tags, m.expiresOn])).toEqual([
      ['lab/web', 'ana', 'course demo', ['Demo', 'web'], '2030-01-31'],
      ['lab/web', 'ana', 'course demo', ['Demo', 'web'], '2030-01-31'],
    ]);
    expect(recordsOf(engine).filter((r) => r.group === 'lab/web').map((r) => r.id).sort()).toEqual([id(1), id(2)]);

    engine.handle('labelMachines', { ids: [id(1)], patch: { addTags: ['db'], removeTags: ['demo'], owner: null } });
    const one = engine.handle('getMachine', { id: id(1) });
    expect([one.tags, one.owner, one.group]).toEqual([['db', 'web'], undefined, 'lab/web']);

    const restarted = new Engine({ seed: 5 });
    restarted.handle('init', { seed: 5, speed: 1, machines: recordsOf(engine) });
    expect(restarted.handle('getMachine', { id: id(1) })).toMatchObject({ group: 'lab/web', tags: ['db', 'web'], expiresOn: '2030-01-31' });
    expect(restarted.handle('getMachine', { id: id(2) })).toMatchObject({ owner: 'ana', purpose: 'course demo' });
  });

  it('is all or nothing: an unknown machine or a bad label changes no machine', () => {
    const engine = three();
    const before = fullSnapshot(engine);
    expect(refusal(() => engine.handle('labelMachines', { ids: [id(1), id(9)], patch: { group: 'x' } })).code).toBe('NOT_FOUND');
    expect(refusal(() => engine.handle('labelMachines', { ids: [id(1)], patch: { expiresOn: '2030-02-30' } })).message).toContain('YYYY-MM-DD');
    expect(refusal(() => engine.handle('labelMachines', { ids: [id(1)], patch: { tags: ['two words'] } })).message).toContain('one word');
    expect(refusal(() => engine.handle('labelMachines', { ids: [id(1)], patch: { addTags: Array.from({ length: 21 }, (_, i) => `t${i}`) } })).code).toBe('VALIDATION');
    expect(fullSnapshot(engine)).toEqual(before);
  });

  it('files a clone with its source but leaves the expiry date behind', () => {
    const engine = three();
    engine.handle('labelMachines', { ids: [id(1)], patch: { group: 'lab', owner: 'ana', tags: ['x'], expiresOn: '2030-01-01' } });
    const clone = engine.handle('cloneMachine', { id: id(1), cloneId: id(4), options: { name: 'vm-1-clone', mode: 'full', states: 'currentState', macPolicy: 'generateNew' } });
    expect([clone.group, clone.owner, clone.tags, clone.expiresOn]).toEqual(['lab', 'ana', ['x'], undefined]);
  });
});

describe('Engine: batches and power off', () => {
  it('runs each step on its own: refused steps say why, the others happen, and all changes come as one batch', () => {
    const engine = three();
    startAndWait(engine, id(3));
    engine.takeChanges();
    const outcomes = engine.handle('batch', {
      steps: [
        { command: 'lifecycle', input: { id: id(1), action: 'start' } },
        { command: 'lifecycle', input: { id: id(3), action: 'start' } },
        { command: 'lifecycle', input: { id: id(2), action: 'start' } },
        { command: 'deleteMachine', input: { id: id(3) } },
      ],
    });
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, false]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: 'Cannot start "vm-3": it is Running' } });
    const changes = engine.takeChanges()!;
    expect(changes.machines.map((m) => [m.id, m.state])).toEqual([
      [id(1), 'Starting'],
      [id(2), 'Starting'],
    ]);
    // Both refusals are in vm-3's log, once each.
    expect(changes.events.filter((e) => e.kind === 'refusal').map((e) => [e.machineId, e.message])).toEqual([
      [id(3), 'Cannot start "vm-3": it is Running'],
      [id(3), expect.stringContaining('vm-3')],
    ]);
  });

  it('powers a machine off at once from Running or Stopping, and refuses it when already off', () => {
    const engine = three();
    startAndWait(engine, id(1));
    expect(engine.handle('lifecycle', { id: id(1), action: 'powerOff' }).state).toBe('PoweredOff');
    startAndWait(engine, id(2));
    engine.handle('lifecycle', { id: id(2), action: 'stop' });
    expect(engine.handle('lifecycle', { id: id(2), action: 'powerOff' }).state).toBe('PoweredOff');
    expect(refusal(() => engine.handle('lifecycle', { id: id(2), action: 'powerOff' })).message).toBe('Cannot power off "vm-2": it is Powered Off');
  });

  it('logs a refusal the exclusivity rules make before the core is asked (a start while another holds the host DVD drive)', () => {
    const engine = three();
    // Both use the host's DVD drive, which one running machine holds at a time: starting the second is refused, and its log says so.
    for (const n of [1, 2]) engine.handle('updateSettings', { id: id(n), patch: { optical: { kind: 'host' } } });
    startAndWait(engine, id(1));
    engine.takeChanges();
    const error = refusal(() => engine.handle('lifecycle', { id: id(2), action: 'start' }));
    const refusals = engine.takeChanges()!.events.filter((e) => e.kind === 'refusal');
    expect(refusals).toEqual([expect.objectContaining({ machineId: id(2), message: error.message })]);
  });
});
