// End-to-end test of the real engine worker thread: ready, init, commands, telemetry, bad input, crash.
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import type { EngineReply, MainToWorker, WorkerToMain } from '../shared/engine/protocol.ts';

const machineId = '00000000-0000-4000-8000-0000000000aa';

/** Collects worker messages and lets a test wait for the first one matching a predicate. */
class Mailbox {
  private readonly received: WorkerToMain[] = [];
  private readonly waiters: Array<{ match: (m: WorkerToMain) => boolean; resolve: (m: WorkerToMain) => void }> = [];

  constructor(worker: Worker) {
    worker.on('message', (message: WorkerToMain) => {
      this.received.push(message);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(message)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
  }

  next<T extends WorkerToMain>(match: (m: WorkerToMain) => m is T): Promise<T>;
  next(match: (m: WorkerToMain) => boolean): Promise<WorkerToMain>;
  next(match: (m: WorkerToMain) => boolean): Promise<WorkerToMain> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

let worker: Worker | undefined;

afterEach(async () => {
  await worker?.terminate();
  worker = undefined;
});

function start(): { worker: Worker; mailbox: Mailbox; call: (id: number, command: string, input: unknown) => Promise<EngineReply> } {
  const w = new Worker(new URL('./worker.ts', import.meta.url));
  worker = w;
  const mailbox = new Mailbox(w);
  const call = (id: number, command: string, input: unknown) => {
    w.postMessage({ kind: 'request', id, command, input } as MainToWorker);
    return mailbox.next((m): m is EngineReply => m.kind === 'reply' && m.id === id);
  };
  return { worker: w, mailbox, call };
}

describe('engine worker thread', () => {
  it('announces ready, runs machines in real time and streams telemetry', async () => {
    const { mailbox, call } = start();
    await mailbox.next((m) => m.kind === 'ready');
    // A high speed keeps the test short while still going through the real-time loop.
    expect(await call(1, 'init', { seed: 7, speed: 20, machines: [] })).toEqual({ kind: 'reply', id: 1, ok: true, value: { simTimeMs: 0 } });
    const spec = { name: 'web-01', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25 };
    expect(await call(2, 'createMachine', { id: machineId, spec })).toMatchObject({ ok: true, value: { id: machineId, state: 'PoweredOff' } });
    expect(await call(3, 'lifecycle', { id: machineId, action: 'start' })).toMatchObject({ ok: true, value: { state: 'Starting' } });

    const running = await mailbox.next((m) => m.kind === 'changes' && m.changes.machines.some((machine) => machine.state === 'Running'));
    expect(running.kind === 'changes' && running.changes.machines.find((m) => m.id === machineId)).toMatchObject({ state: 'Running', stateSinceMs: expect.any(Number) });
    const telemetry = await mailbox.next((m) => m.kind === 'telemetry' && m.batch.machineIds.includes(machineId) && m.batch.simTimeMs > 9240);
    // The batch arrives as a real Float32Array (structured clone keeps typed arrays), copied rather than transferred.
    expect(telemetry.kind === 'telemetry' && telemetry.batch.values).toBeInstanceOf(Float32Array);
    expect(telemetry.kind === 'telemetry' && telemetry.batch.values[0]).toBeGreaterThan(0);
  });

  it('answers malformed messages and unknown commands with BAD_REQUEST and stays alive', async () => {
    const { worker: w, mailbox, call } = start();
    await mailbox.next((m) => m.kind === 'ready');
    w.postMessage({ hello: 'world' });
    const malformed = await mailbox.next((m) => m.kind === 'reply' && m.id === -1);
    expect(malformed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call(5, 'reticulateSplines', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call(6, 'init', { seed: 1, speed: 1, machines: [] })).toMatchObject({ ok: true });
    expect(await call(7, 'getClock', {})).toMatchObject({ ok: true, value: { speed: 1 } });
  });

  it('dies with an error event when asked to crash', async () => {
    const { worker: w, mailbox } = start();
    await mailbox.next((m) => m.kind === 'ready');
    const error = new Promise<Error>((resolve) => w.once('error', resolve));
    const exit = new Promise<number>((resolve) => w.once('exit', resolve));
    w.postMessage({ kind: 'request', id: 1, command: 'crash', input: { reason: 'supervision test' } });
    expect((await error).message).toBe('Engine crashed on request: supervision test');
    expect(await exit).toBe(1);
  });
});
