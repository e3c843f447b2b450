// Fuzz: hundreds of malformed payloads per method over a real WebSocket to the real backend and engine worker.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../shared/api/methods.ts';
import { errorCodes } from '../../shared/errors.ts';
import type { WsResultFrame } from '../../shared/transport/wsProtocol.ts';
import { startWebMode } from './webMain.ts';
import type { WebMode } from './webMain.ts';
import { malformedFrames, malformedParams, unknownMethods } from './testing/malformedPayloads.ts';
import { WsTestClient } from './testing/wsTestClient.ts';

let mode: WebMode;
let client: WsTestClient;
let libraryDir: string;
const logs: string[] = [];

beforeAll(async () => {
  libraryDir = await mkdtemp(path.join(os.tmpdir(), 'virtlab-fuzz-'));
  mode = await startWebMode(
    { port: 0, host: '127.0.0.1', seed: 3, speed: 20, testHooks: false, newToken: false, help: false, libraryDir },
    { print: () => undefined, log: (l) => logs.push(l), staticDir: '/nonexistent' },
  );
  client = await WsTestClient.connect(`ws://127.0.0.1:${mode.port}/api?token=${mode.token}`);
});
afterAll(async () => {
  await client.close();
  await mode.close();
  await rm(libraryDir, { recursive: true, force: true });
});

function expectTypedError(frame: WsResultFrame, context: string): string {
  expect(frame.ok, context).toBe(false);
  if (frame.ok) return '';
  expect(errorCodes, context).toContain(frame.error.code);
  expect(typeof frame.error.message, context).toBe('string');
  expect(frame.error.message.length, context).toBeGreaterThan(0);
  // Messages are for people: bounded, never a dump of the payload.
  expect(frame.error.message.length, context).toBeLessThan(400);
  return frame.error.code;
}

describe('malformed WebSocket payloads', () => {
  it.each(methodNames)('%s: every malformed params payload gets a typed error', async (method) => {
    const payloads = malformedParams(method);
    expect(payloads.length).toBeGreaterThanOrEqual(100);
    expect(payloads.some((p) => p.includes('"__proto__"'))).toBe(true);
    const replies = await Promise.all(payloads.map((params) => client.callRaw(method, params)));
    const codes = replies.map((frame, i) => expectTypedError(frame, `${method} ${payloads[i]!.slice(0, 120)}`));
    const validation = codes.filter((c) => c === 'VALIDATION').length;
    // Everything the schema refuses must be refused as VALIDATION, before reaching the engine.
    expect(validation).toBe(payloads.length);
  });

  it('answers BAD_REQUEST to frames that are not calls, and to unknown methods', async () => {
    for (const frame of malformedFrames()) {
      const before = client.frames.length;
      client.socket.send(frame);
      const reply = (await client.waitFor((f) => f.kind === 'result' && client.frames.indexOf(f) >= before)) as WsResultFrame;
      expect(expectTypedError(reply, frame.slice(0, 80))).toBe('BAD_REQUEST');
    }
    for (const method of unknownMethods) {
      const reply = await client.call(method, {});
      expect(expectTypedError(reply, method)).toBe('BAD_REQUEST');
    }
    const before = client.frames.length;
    client.socket.send(Buffer.from([0xff, 0x00, 0x7b]), { binary: true });
    const reply = (await client.waitFor((f) => f.kind === 'result' && client.frames.indexOf(f) >= before)) as WsResultFrame;
    expect(reply).toMatchObject({ id: null, ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('still works afterwards: no pollution, no engine restart, create and start a machine', async () => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const status = await client.call('getEngineStatus');
    expect(status).toMatchObject({ ok: true, value: { state: 'running', restarts: 0 } });
    const list = await client.call('listMachines');
    expect(list).toEqual({ kind: 'result', id: list.id, ok: true, value: [] });

    const created = await client.call('createMachine', { name: 'after-fuzz', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8 });
    expect(created).toMatchObject({ ok: true, value: { name: 'after-fuzz', state: 'PoweredOff' } });
    const id = created.ok ? (created.value as { id: string }).id : '';
    const subscribed = await client.call('setTelemetrySubscription', { groups: [{ machineIds: [id], metrics: ['cpuPct', 'memUsedMiB'] }] });
    expect(subscribed).toMatchObject({ ok: true, value: { groups: [{ machineIds: [id], metrics: ['cpuPct', 'memUsedMiB'] }] } });
    const running = client.waitForEvent('machinesChanged', (batch) => batch.machines.some((m) => m.id === id && m.state === 'Running'));
    // Binary frames: one group, 2 values per sample, a number (not NaN) once the machine runs.
    const telemetry = client.waitForEvent('telemetry', (frame) => frame.groups[0]!.length >= 2 && !Number.isNaN(frame.groups[0]![0]));
    expect(await client.call('startMachine', { id })).toMatchObject({ ok: true, value: { state: 'Starting' } });
    await running;
    const frame = await telemetry;
    expect(frame.groups[0]).toBeInstanceOf(Float32Array);
    expect(frame.groups[0]![1]).toBeGreaterThan(0);
    // The machine operations fuzzed above work too, with their event.
    const configChanged = client.waitForEvent('machinesChanged', (batch) => batch.configChanged.includes(id));
    const taken = await client.call('takeSnapshot', { id, spec: { name: 'after fuzz', withMemory: true } });
    expect(taken).toMatchObject({ ok: true, value: { machineId: id, snapshots: [{ name: 'after fuzz', withMemory: true }] } });
    await configChanged;
    const storage = await client.call('listStorage');
    expect(storage.ok && (storage.value as { name: string; usedMiB: number }[])[0]).toMatchObject({ name: 'Atlas storage', usedMiB: expect.any(Number) });
    expect(logs.filter((l) => l.includes('[engine]'))).toEqual([]);
  });
});
