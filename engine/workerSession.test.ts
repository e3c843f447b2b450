// Tests for the worker's message handling without a thread: shapes, dispatch, replies, loop and crash.
import { describe, expect, it } from 'vitest';
import type { EngineReply, WorkerToMain } from '../shared/engine/protocol.ts';
import { ManualScheduler } from './testScheduler.ts';
import { unknownRequestId, WorkerSession } from './workerSession.ts';

const machineId = '00000000-0000-4000-8000-000000000001';

function setup() {
  const posted: WorkerToMain[] = [];
  const crashes: string[] = [];
  const scheduler = new ManualScheduler();
  const session = new WorkerSession({ post: (m) => posted.push(m), scheduler, crash: (r) => crashes.push(r) });
  const replies = () => posted.filter((m): m is EngineReply => m.kind === 'reply');
  const lastReply = () => replies().at(-1);
  return { posted, crashes, scheduler, session, replies, lastReply };
}

const request = (id: number, command: string, input: unknown) => ({ kind: 'request', id, command, input });

describe('WorkerSession', () => {
  it('answers malformed messages with BAD_REQUEST and keeps going', () => {
    const { session, replies } = setup();
    for (const bad of [null, 42, 'hello', [], { kind: 'nope', id: 3 }, { kind: 'request', id: 'x', command: 'getClock' }]) {
      expect(() => session.receive(bad)).not.toThrow();
    }
    const all = replies();
    expect(all).toHaveLength(6);
    for (const reply of all) expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(all[0]?.id).toBe(unknownRequestId);
    expect(all[4]?.id).toBe(3);
  });

  it('answers an unknown command with BAD_REQUEST naming it', () => {
    const { session, lastReply } = setup();
    session.receive(request(7, 'formatDisk', {}));
    expect(lastReply()).toMatchObject({
      kind: 'reply',
      id: 7,
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^Unknown engine command "formatDisk"/) },
    });
  });

  it('refuses commands before init, then starts the loop on init', () => {
    const { session, lastReply, scheduler, posted } = setup();
    session.receive(request(1, 'listMachines', {}));
    expect(lastReply()).toMatchObject({ id: 1, ok: false, error: { code: 'ENGINE_UNAVAILABLE' } });
    expect(scheduler.activeCount).toBe(0);

    session.receive(request(2, 'init', { seed: 5, speed: 1, machines: [] }));
    expect(lastReply()).toEqual({ kind: 'reply', id: 2, ok: true, value: { simTimeMs: 0 } });
    expect(scheduler.activeCount).toBe(1);

    session.receive(
      request(3, 'createMachine', { id: machineId, spec: { name: 'web-01', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8 } }),
    );
    // The reply carries what the command changed: the new machine and its full record.
    expect(lastReply()).toMatchObject({ id: 3, ok: true, value: { name: 'web-01', state: 'PoweredOff' }, changes: { machines: [{ id: machineId }], records: [{ id: machineId }] } });

    session.receive(request(4, 'lifecycle', { id: machineId, action: 'start' }));
    // Debian on the default type 1 platform boots in 8.16 s simulated.
    scheduler.fire(90);
    const kinds = posted.map((m) => m.kind);
    expect(kinds.filter((k) => k === 'telemetry')).toHaveLength(9);
    expect(posted.some((m) => m.kind === 'changes' && m.changes.machines.some((machine) => machine.state === 'Running'))).toBe(true);
    session.dispose();
    expect(scheduler.activeCount).toBe(0);
  });

  it('replies with the engine error for refused or invalid commands', () => {
    const { session, lastReply } = setup();
    session.receive(request(1, 'init', { seed: 1, speed: 1, machines: [] }));
    session.receive(request(2, 'getMachine', { id: machineId }));
    expect(lastReply()).toMatchObject({ id: 2, ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
    session.receive(request(3, 'lifecycle', { id: machineId, action: 'explode' }));
    expect(lastReply()).toMatchObject({ id: 3, ok: false, error: { code: 'VALIDATION', field: 'action' } });
    session.receive(request(4, 'init', { seed: 1, speed: -1, machines: [] }));
    expect(lastReply()).toMatchObject({ id: 4, ok: false, error: { code: 'VALIDATION', field: 'speed' } });
  });

  it('hands crash to the crash hook without replying', () => {
    const { session, crashes, posted } = setup();
    session.receive(request(9, 'crash', { reason: 'test' }));
    session.receive(request(10, 'crash', {}));
    expect(crashes).toEqual(['test', 'no reason given']);
    expect(posted).toEqual([]);
  });
});
