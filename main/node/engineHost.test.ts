// Engine host: request/reply, timeouts, start failures, and crash supervision against fake and real workers.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import type { EngineStatus } from '../../shared/domain/engineStatus.ts';
import { telemetryMetrics } from '../../shared/domain/telemetry.ts';
import { EngineHost } from './engineHost.ts';
import type { EngineHostOptions } from './engineHost.ts';
import { nextEvent, nextMachine } from './testing/events.ts';
import { stateWait } from './testing/waitUntil.ts';

const realWorkerUrl = new URL('../../engine/worker.ts', import.meta.url);
const tempDir = mkdtempSync(path.join(tmpdir(), 'virtlab-enginehost-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function writeWorker(name: string, source: string): URL {
  const file = path.join(tempDir, name);
  writeFileSync(file, source);
  return pathToFileURL(file);
}

// Answers init/listMachines, echoes the init input from listHosts, never answers getClock, crashes on request.
const fakeWorkerUrl = writeWorker(
  'fakeWorker.mjs',
  `import { parentPort } from 'node:worker_threads';
let initInput;
const reply = (id, value) => parentPort.postMessage({ kind: 'reply', id, ok: true, value });
parentPort.on('message', (m) => {
  if (m.command === 'init') { initInput = m.input; reply(m.id, { simTimeMs: 0 }); return; }
  if (m.command === 'listMachines') { reply(m.id, []); return; }
  if (m.command === 'listHosts') { reply(m.id, { initInput, id: m.id }); return; }
  if (m.command === 'getMachine') { parentPort.postMessage({ kind: 'reply', id: m.id, ok: false, error: { code: 'NOT_FOUND', message: 'no such machine', field: 'id' } }); return; }
  if (m.command === 'crash') { setTimeout(() => { throw new Error(m.input.reason); }, 0); }
});
parentPort.postMessage({ kind: 'ready' });
`,
);

const hosts: EngineHost[] = [];
function makeHost(options: Partial<EngineHostOptions> & { log?: (line: string) => void }): EngineHost {
  const host = new EngineHost({ workerUrl: fakeWorkerUrl, seed: 7, speed: 20, restart: { backoffMs: [10] }, log: () => undefined, ...options });
  hosts.push(host);
  return host;
}
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
});

const spec = { name: 'web-01', osType: 'ubuntu64' as const, vcpus: 2, memoryMiB: 2048, diskGiB: 20 };

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('EngineHost with a fake worker', () => {
  it('sends init with seed, speed and machines after ready, then correlates replies by id', async () => {
    const record = { id: randomUUID(), name: 'a', osType: 'ubuntu64', hostId: 'host-1', platformId: 'esx-atlas', workload: 'web' as const, vcpus: 1, memoryMiB: 512, diskGiB: 8, nic: { mac: '02:00:00:00:00:02', network: 'nat' as const }, createdAtMs: 0 };
    const host = makeHost({ machines: [record] });
    await host.start();
    expect(host.status()).toMatchObject({ state: 'running', restarts: 0, speed: 20 });
    const [a, b] = (await Promise.all([host.request('listHosts', {}), host.request('listHosts', {})])) as unknown as { initInput: unknown; id: number }[];
    expect(a!.initInput).toEqual({ seed: 7, speed: 20, startMs: 0, skipInvalid: true, machines: [record] });
    expect(b!.id).toBe(a!.id + 1);
  });

  it('turns engine error replies into AppErrors with code and field', async () => {
    const host = makeHost({});
    await host.start();
    const error = await rejection(host.request('getMachine', { id: 'x' }));
    expect(error.toData()).toEqual({ code: 'NOT_FOUND', message: 'no such machine', field: 'id' });
  });

  it('rejects a request the worker never answers with TIMEOUT', async () => {
    const host = makeHost({ requestTimeoutMs: 150 });
    await host.start();
    const error = await rejection(host.request('getClock', {}));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('getClock');
    // The worker is still usable afterwards.
    await expect(host.request('listMachines', {})).resolves.toEqual([]);
  });

  it('rejects in-flight requests with ENGINE_UNAVAILABLE when the worker crashes, then restarts', async () => {
    const logs: string[] = [];
    const host = makeHost({ log: (l) => logs.push(l) });
    await host.start();
    const inFlight = host.request('getClock', {});
    const restarted = nextEvent(host, 'status', (s) => s.state === 'running');
    host.crash('fake failure');
    const error = await rejection(inFlight);
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    expect(error.message).toContain('fake failure');
    expect((await restarted).restarts).toBe(1);
    expect(logs).toEqual(['[engine] worker crashed: fake failure; restarting (restart #1); 0 running machines powered off']);
  });

  it('fails start clearly (state down) when the worker cannot even load', async () => {
    const logs: string[] = [];
    const host = makeHost({ workerUrl: writeWorker('broken.mjs', `throw new Error('broken at load');`), log: (l) => logs.push(l) });
    const error = await rejection(host.start());
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    expect(error.message).toContain('broken at load');
    expect(host.status().state).toBe('down');
    expect(logs).toEqual(['[engine] worker failed to start: broken at load']);
    expect((await rejection(host.request('listMachines', {}))).code).toBe('ENGINE_UNAVAILABLE');
  });

  it('treats a worker that never reports ready as failed to start', async () => {
    const host = makeHost({ workerUrl: writeWorker('silent.mjs', `setInterval(() => {}, 1000);`), startTimeoutMs: 200 });
    const error = await rejection(host.start());
    expect(error.message).toContain('did not report ready');
  });
});

describe('EngineHost with the real engine worker', () => {
  it('creates and runs machines, relaying notifications and telemetry', async () => {
    const host = makeHost({ workerUrl: realWorkerUrl });
    await host.start();
    const created = await host.request('createMachine', { id: randomUUID(), spec });
    expect(created).toMatchObject({ name: 'web-01', state: 'PoweredOff', hostId: 'host-1' });
    const running = nextMachine(host, (m) => m.id === created.id && m.state === 'Running');
    const sampled = nextEvent(host, 'telemetry', (b) => b.machineIds.includes(created.id));
    await host.request('lifecycle', { id: created.id, action: 'start' });
    await running;
    const batch = await sampled;
    expect(batch.values).toBeInstanceOf(Float32Array);
    expect(batch.values).toHaveLength(batch.machineIds.length * telemetryMetrics.length);
    expect(host.machines().map((m) => m.state)).toEqual(['Running']);
  });

  it('restarts after a crash, re-seeds machines powered off and reports the crash once', async () => {
    const logs: string[] = [];
    const host = makeHost({ workerUrl: realWorkerUrl, log: (l) => logs.push(l) });
    await host.start();
    const machine = await host.request('createMachine', { id: randomUUID(), spec });
    await host.request('createMachine', { id: randomUUID(), spec: { ...spec, name: 'idle-01', platformId: 'ws-lxc', osType: 'alpine64', memoryMiB: 256 } });
    const running = nextMachine(host, (m) => m.id === machine.id && m.state === 'Running');
    await host.request('lifecycle', { id: machine.id, action: 'start' });
    await running;
    const beforeCrashMs = (await nextEvent(host, 'telemetry')).simTimeMs;

    const statuses: EngineStatus[] = [];
    host.on('status', (s) => statuses.push(s));
    const back = nextEvent(host, 'status', (s) => s.state === 'running');
    const poweredOff = nextMachine(host, (m) => m.id === machine.id && m.state === 'PoweredOff');
    const restarting = nextEvent(host, 'status', (s) => s.state === 'restarting');
    host.crash('supervision test');
    await restarting;
    // A request made during the restart waits for the new worker instead of failing.
    const duringRestart = host.request('listMachines', {});
    await back;
    await poweredOff;

    expect(statuses[0]).toMatchObject({
      state: 'restarting',
      restarts: 1,
      lastCrash: { reason: expect.stringContaining('supervision test'), machinesPoweredOff: 1 },
    });
    expect(Date.parse(statuses[0]!.lastCrash!.atIso)).not.toBeNaN();
    expect(statuses.at(-1)).toMatchObject({ state: 'running', restarts: 1 });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^\[engine\] worker crashed: .*supervision test; restarting \(restart #1\); 1 running machine powered off$/);
    const after = await duringRestart;
    // Each machine comes back on its own platform, with its kind and chain recomputed.
    expect(after.map((m) => [m.name, m.state, m.platformId, m.kind])).toEqual([
      ['idle-01', 'PoweredOff', 'ws-lxc', 'containers'],
      ['web-01', 'PoweredOff', 'esx-atlas', 'type1'],
    ]);
    expect(after.find((m) => m.name === 'idle-01')?.chain.at(-2)).toBe('Containers: LXC containers');
    expect(after.find((m) => m.id === machine.id)?.nic.mac).toBe(machine.nic.mac);
    // The new worker is fully functional, and its simulated time carries on instead of starting again at zero.
    await expect(host.request('lifecycle', { id: machine.id, action: 'start' })).resolves.toMatchObject({ state: 'Starting' });
    expect((await host.request('getClock', {})).simTimeMs).toBeGreaterThan(beforeCrashMs);
  });

  it('keeps full records so a restarted worker gets snapshots, clone origin, disk chain and NICs back', async () => {
    const host = makeHost({ workerUrl: realWorkerUrl });
    await host.start();
    const source = await host.request('createMachine', { id: randomUUID(), spec, options: { diskAllocation: 'fixed' } });
    const [s1, s2] = [randomUUID(), randomUUID()];
    await host.request('takeSnapshot', { id: source.id, snapshotId: s1, spec: { name: 'installed' } });
    await host.request('updateSettings', { id: source.id, patch: { nics: [{ attachment: 'nat', ipMode: 'static', staticIp: '10.0.2.50' }, { attachment: 'hostOnly' }], optical: { kind: 'iso', image: 'tools.iso' } } });
    await host.request('takeSnapshot', { id: source.id, snapshotId: s2, spec: { name: 'configured' } });
    const linked = await host.request('cloneMachine', { id: source.id, cloneId: randomUUID(), options: { name: 'web-01-linked', mode: 'linked' } });
    // Keeping every MAC is legitimate for clones: the restart must accept the shared MAC.
    const twin = await host.request('cloneMachine', { id: source.id, cloneId: randomUUID(), options: { name: 'web-01-twin', mode: 'full', macPolicy: 'keepAll' } });
    expect(twin.nic.mac).toBe(source.nic.mac);
    // The mirror holds full records right after each successful mutating request.
    expect(host.records().map((r) => [r.name, r.config?.snapshots.length])).toEqual([
      ['web-01', 3],
      ['web-01-linked', 0],
      ['web-01-twin', 0],
    ]);
    // A run grows the clone's thin disk; stopping (and then powering off) refreshes the records, so that growth survives too.
    const linkedRuns = nextMachine(host, (m) => m.id === linked.id && m.state === 'Running');
    await host.request('lifecycle', { id: linked.id, action: 'start' });
    await linkedRuns;
    // Let it write for a few simulated seconds (thin growth settles once per second).
    for (let i = 0; i < 3; i += 1) await nextEvent(host, 'telemetry', (b) => b.machineIds.includes(linked.id));
    const linkedOff = nextMachine(host, (m) => m.id === linked.id && m.state === 'PoweredOff');
    await host.request('lifecycle', { id: linked.id, action: 'stop' });
    await linkedOff;
    const grown = (await host.request('listSnapshots', { id: linked.id })).currentState;
    expect(grown.diskMiB).toBeGreaterThan(0);
    const mirrored = host.records().find((r) => r.id === linked.id)!.config!;
    expect(mirrored.images.find((image) => image.id === grown.diskImageId)?.allocatedMiB).toBe(grown.diskMiB);

    const ids = [source.id, linked.id, twin.id];
    const snapshot = async () => ({
      trees: await Promise.all(ids.map((id) => host.request('listSnapshots', { id }))),
      configs: await Promise.all(ids.map((id) => host.request('getMachineConfig', { id }))),
      storage: await host.request('listStorage', {}),
    });
    const before = await snapshot();
    // The twin runs at the crash: it comes back powered off (what it wrote since its last operation is lost, as in a power cut).
    const twinRuns = nextMachine(host, (m) => m.id === twin.id && m.state === 'Running');
    await host.request('lifecycle', { id: twin.id, action: 'start' });
    await twinRuns;
    expect(before.trees[0]!.snapshots.map((s) => s.name)).toEqual(['installed', 'configured', 'Linked Base for web-01 and web-01-linked']);
    expect(before.configs[1]!.origin).toMatchObject({ machineId: source.id, mode: 'linked' });
    expect(before.configs[1]!.disk.chain.length).toBeGreaterThan(1);

    const back = nextEvent(host, 'status', (s) => s.state === 'running');
    host.crash('records test');
    await back;
    const after = await snapshot();
    expect(after.trees).toEqual(before.trees);
    expect(after.configs).toEqual(before.configs);
    expect(after.configs[0]!.nics.map((n) => [n.attachment, n.ipMode, n.ip])).toEqual([
      ['nat', 'static', '10.0.2.50'],
      ['hostOnly', 'dhcp', expect.any(String)],
    ]);
    expect(after.configs[0]!.optical).toEqual({ kind: 'iso', image: 'tools.iso' });
    expect(after.storage).toEqual(before.storage);
    expect(host.status().lastCrash?.machinesPoweredOff).toBe(1);
    expect((await host.request('listMachines', {})).map((m) => [m.name, m.state])).toEqual([
      ['web-01', 'PoweredOff'],
      ['web-01-linked', 'PoweredOff'],
      ['web-01-twin', 'PoweredOff'],
    ]);
    // Still consistent after the restart: the shared base stays while the linked clone needs it.
    await host.request('deleteMachine', { id: source.id });
    expect((await host.request('getMachineConfig', { id: linked.id })).disk.chain).toEqual(before.configs[1]!.disk.chain);
  });

  it('gives up after too many restarts in a minute and reports the engine down', async () => {
    const logs: string[] = [];
    const host = makeHost({ workerUrl: realWorkerUrl, log: (l) => logs.push(l), restart: { backoffMs: [10], maxRestarts: 1 } });
    await host.start();
    const back = nextEvent(host, 'status', (s) => s.state === 'running');
    host.crash('first');
    await back;
    const down = nextEvent(host, 'status', (s) => s.state === 'down');
    host.crash('second');
    expect(await down).toMatchObject({ state: 'down', restarts: 1, lastCrash: { reason: expect.stringContaining('second') } });
    expect(logs[1]).toMatch(/^\[engine\] worker crashed: .*second; not restarting after 1 restart in 1 minute; engine is down/);
    const error = await rejection(host.request('listMachines', {}));
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    expect(error.message).toContain('restart Virtlab');
  });
});

describe('EngineHost worker output', () => {
  it('keeps stdout clean by sending whatever the worker prints to stderr', async () => {
    const chatty = writeWorker(
      'chatty.mjs',
      `import { parentPort } from 'node:worker_threads';
console.log('worker says hello');
parentPort.on('message', (m) => parentPort.postMessage({ kind: 'reply', id: m.id, ok: true, value: m.command === 'init' ? { simTimeMs: 0 } : [] }));
parentPort.postMessage({ kind: 'ready' });
`,
    );
    const written: string[] = [];
    const stdoutSpy = vi.spyOn(process.stdout, 'write');
    const stderrSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const host = makeHost({ workerUrl: chatty });
      await host.start();
      await vi.waitFor(() => expect(written.join('')).toContain('worker says hello'), stateWait);
      expect(stdoutSpy.mock.calls.map((c) => String(c[0])).join('')).not.toContain('worker says hello');
    } finally {
      stdoutSpy.mockRestore();
      stderrSpy.mockRestore();
    }
  });
});
