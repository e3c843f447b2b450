// Backend service: validation envelopes, guards, method mapping and per-client event delivery.
import { describe, expect, it, vi } from 'vitest';
import { apiMethods, methodNames } from '../../shared/api/methods.ts';
import type { EventName } from '../../shared/api/events.ts';
import { errorCodes } from '../../shared/errors.ts';
import { osTypes } from '../../shared/domain/osTypes.ts';
import type { SnapshotTree } from '../../shared/domain/snapshot.ts';
import type { EngineInput } from '../../shared/engine/protocol.ts';
import { telemetryMetrics } from '../../shared/domain/telemetry.ts';
import type { TelemetryBatch, TelemetryFrame, TelemetryHistory } from '../../shared/domain/telemetry.ts';
import { BackendService } from './backendService.ts';
import { FakeEngine } from './testing/fakeEngine.ts';

const spec = { name: 'web-01', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 20 };

/** A batch where machine m's metric k is value(m, k). */
function batchOf(simTimeMs: number, machineIds: string[], value: (m: number, k: number) => number): TelemetryBatch {
  const k = telemetryMetrics.length;
  return { simTimeMs, machineIds, values: Float32Array.from({ length: machineIds.length * k }, (_, i) => value(Math.floor(i / k), i % k)) };
}

function setup() {
  const engine = new FakeEngine();
  const logs: string[] = [];
  const backend = new BackendService({ engine, transport: 'web', version: '1.2.3', log: (l) => logs.push(l) });
  const received: { event: EventName; payload: unknown }[] = [];
  const client = backend.connect((event, payload) => received.push({ event, payload }));
  return { engine, backend, client, received, logs };
}

describe('BackendService.dispatch', () => {
  it('answers valid calls with ok envelopes matching the output schema', async () => {
    const { backend, client } = setup();
    const info = await backend.dispatch('getAppInfo', undefined, client);
    expect(info).toEqual({ ok: true, value: { name: 'Virtlab', version: '1.2.3', transport: 'web' } });
    const created = await backend.dispatch('createMachine', { ...spec, name: '  web-01  ' }, client);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(apiMethods.createMachine.output.safeParse(created.value).success).toBe(true);
    const machine = created.value as { id: string; name: string };
    expect(machine.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(machine.name).toBe('web-01');
    const oses = await backend.dispatch('listOsTypes', {}, client);
    expect(oses).toEqual({ ok: true, value: osTypes.map((os) => ({ ...os })) });
  });

  it('assigns a fresh UUID per created machine and maps lifecycle methods to engine actions', async () => {
    const { backend, client, engine } = setup();
    const a = await backend.dispatch('createMachine', spec, client);
    const b = await backend.dispatch('createMachine', { ...spec, name: 'web-02' }, client);
    const idA = a.ok ? (a.value as { id: string }).id : '';
    expect(idA).not.toBe(b.ok ? (b.value as { id: string }).id : '');
    for (const method of ['startMachine', 'pauseMachine', 'resumeMachine', 'stopMachine'] as const) {
      await backend.dispatch(method, { id: idA }, client);
    }
    expect(engine.calls.filter((c) => c.command === 'lifecycle').map((c) => (c.input as { action: string }).action)).toEqual(['start', 'pause', 'resume', 'stop']);
  });

  it('refuses invalid input with VALIDATION naming the field, and calls no engine command', async () => {
    const { backend, client, engine } = setup();
    const cases: [string, unknown, string | undefined, RegExp][] = [
      ['createMachine', { ...spec, vcpus: 0 }, 'vcpus', /vCPUs must be at least 1/],
      ['createMachine', { ...spec, name: '' }, 'name', /Enter a name/],
      ['createMachine', { ...spec, extra: 1 }, 'extra', /Unknown field/],
      ['getMachine', { id: 'nope' }, 'id', /UUID/],
      ['getMachine', null, undefined, /./],
      ['listMachines', { x: 1 }, 'x', /Unknown field/],
      ['setTelemetrySubscription', { groups: [{ machineIds: 'all', metrics: ['cpuPct'] }] }, 'groups.0.machineIds', /./],
      ['setTelemetrySubscription', { groups: [{ machineIds: [], metrics: ['cpuMhz'] }] }, 'groups.0.metrics.0', /Unknown telemetry metric/],
    ];
    for (const [method, params, field, message] of cases) {
      const result = await backend.dispatch(method, params, client);
      expect(result.ok, method).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.field).toBe(field);
      expect(result.error.message).toMatch(message);
    }
    expect(engine.calls).toEqual([]);
  });

  it('refuses prototype-pollution keys, over-deep and oversized input before the schema', async () => {
    const { backend, client } = setup();
    const proto = await backend.dispatch('createMachine', JSON.parse(`{"__proto__":{"polluted":true},"name":"x"}`), client);
    expect(proto).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: '__proto__', message: 'Field name "__proto__" is not allowed.' } });
    const ctor = await backend.dispatch('listHosts', { constructor: { prototype: { polluted: true } } }, client);
    expect(ctor).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'constructor' } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const tooDeep = await backend.dispatch('getMachine', { id: deep }, client);
    expect(tooDeep).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('nested too deeply') } });
    const tooBig = await backend.dispatch('setTelemetrySubscription', { machineIds: new Array(50_000).fill('x') }, client);
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('too large') } });
    const map = await backend.dispatch('listMachines', new Map(), client);
    expect(map).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('plain data') } });
  });

  it('answers BAD_REQUEST for unknown or prototype method names', async () => {
    const { backend, client } = setup();
    for (const method of ['nope', '__proto__', 'constructor', 'toString']) {
      const result = await backend.dispatch(method, {}, client);
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('passes engine AppErrors through and hides unexpected errors behind INTERNAL', async () => {
    const { backend, client, engine, logs } = setup();
    const missing = await backend.dispatch('getMachine', { id: crypto.randomUUID() }, client);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
    engine.handle('listHosts', () => {
      throw new TypeError('secret internals');
    });
    const broken = await backend.dispatch('listHosts', {}, client);
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.error.code).toBe('INTERNAL');
    expect(broken.error.message).not.toContain('secret');
    expect(logs.join('\n')).toContain('secret internals');
    expect(errorCodes).toContain(broken.error.code);
  });

  it('lists machines ordered by name and refreshes the clock in getEngineStatus', async () => {
    const { backend, client } = setup();
    for (const name of ['zeta', 'Alpha', 'beta']) await backend.dispatch('createMachine', { ...spec, name }, client);
    const list = await backend.dispatch('listMachines', {}, client);
    expect(list.ok && (list.value as { name: string }[]).map((m) => m.name)).toEqual(['Alpha', 'beta', 'zeta']);
    expect(await backend.dispatch('getEngineStatus', {}, client)).toEqual({ ok: true, value: { state: 'running', restarts: 0, simTimeMs: 1234, speed: 1 } });
  });

  it('forwards checkFit and getMachineMetrics to the engine, answers listEvents from the journal, all schema-valid', async () => {
    const { backend, client, engine } = setup();
    const fit = await backend.dispatch('checkFit', { osType: 'ubuntu64', vcpus: 16, memoryMiB: 2048, diskGiB: 20, platformId: 'esx-atlas' }, client);
    expect(fit).toMatchObject({ ok: true, value: { verdict: 'refused', reasons: [{ field: 'vcpus' }] } });
    expect(apiMethods.checkFit.output.safeParse(fit.ok && fit.value).success).toBe(true);
    const created = await backend.dispatch('createMachine', spec, client);
    const id = created.ok ? (created.value as { id: string }).id : '';
    const metrics = await backend.dispatch('getMachineMetrics', { id }, client);
    expect(metrics).toMatchObject({ ok: true, value: { machineId: id } });
    expect(apiMethods.getMachineMetrics.output.safeParse(metrics.ok && metrics.value).success).toBe(true);
    const events = await backend.dispatch('listEvents', { hostId: 'host-1', limit: 5 }, client);
    expect(apiMethods.listEvents.output.safeParse(events.ok && events.value).success).toBe(true);
    expect(engine.calls.map((c) => c.command)).toEqual(['checkFit', 'createMachine', 'getMetrics']);
    const bad = await backend.dispatch('listEvents', { limit: 501 }, client);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'limit', message: 'Limit must be at most 500' } });
    const unknown = await backend.dispatch('getMachineMetrics', { id: '3f1c2b7e-8a4d-4e6f-9b0a-1c2d3e4f5a6b' }, client);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('exposes every method through apiFor, throwing AppError on failure', async () => {
    const { backend, client } = setup();
    const api = backend.apiFor(client);
    expect(Object.keys(api).sort()).toEqual([...methodNames].sort());
    await expect(api.getAppInfo({})).resolves.toMatchObject({ name: 'Virtlab' });
    await expect(api.getMachine({ id: 'bad' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'id' });
  });
});

describe('BackendService events', () => {
  it('broadcasts machine and status events to every client', () => {
    const { backend, engine, received } = setup();
    const other: EventName[] = [];
    backend.connect((event) => other.push(event));
    engine.events.emit('changes', { machines: [], records: [], removed: ['a'], events: [] });
    engine.events.emit('status', { state: 'restarting', restarts: 1, simTimeMs: 0, speed: 1 });
    expect(received.map((r) => r.event)).toEqual(['machinesChanged', 'engineStatus']);
    expect(received[0]!.payload).toEqual({ machines: [], configChanged: [], removed: ['a'] });
    expect(other).toEqual(['machinesChanged', 'engineStatus']);
  });

  it('streams each client only its subscribed machines and metrics, as typed-array frames laid out by version', async () => {
    const { backend, engine, client, received } = setup();
    const otherReceived: { event: EventName; payload: unknown }[] = [];
    const other = backend.connect((event, payload) => otherReceived.push({ event, payload }));
    const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const reply = await backend.dispatch('setTelemetrySubscription', { groups: [{ machineIds: [a, c, a], metrics: ['memUsedMiB', 'cpuPct', 'cpuPct'] }] }, client);
    expect(reply).toEqual({ ok: true, value: { version: 1, groups: [{ machineIds: [a, c], metrics: ['memUsedMiB', 'cpuPct'] }] } });
    await backend.dispatch('setTelemetrySubscription', { groups: [{ machineIds: [b], metrics: ['cpuReadyPct'] }] }, other);
    expect(engine.calls).toEqual([]);
    engine.events.emit('telemetry', batchOf(1000, [a, b], (m, k) => 100 * m + k));
    expect(otherReceived.map((r) => Array.from((r.payload as TelemetryFrame).groups[0]!))).toEqual([[103]]);
    expect(received).toHaveLength(1);
    const frame = received[0]!.payload as TelemetryFrame;
    expect(frame.version).toBe(1);
    expect(frame.simTimeMs).toEqual([1000]);
    // a: memUsedMiB (column 4), cpuPct (column 0); c has no sample this second.
    expect(Array.from(frame.groups[0]!)).toEqual([4, 0, Number.NaN, Number.NaN]);
    expect(JSON.stringify(Object.keys(frame))).not.toContain('machineIds');
  });

  it('keeps the frames of a deleted machine laid out (NaN) and forgets its history', async () => {
    const { backend, engine, client, received } = setup();
    const created = await backend.dispatch('createMachine', spec, client);
    const id = created.ok ? (created.value as { id: string }).id : '';
    await backend.dispatch('setTelemetrySubscription', { groups: [{ machineIds: [id], metrics: ['cpuPct'] }] }, client);
    engine.events.emit('telemetry', batchOf(1000, [id], () => 42));
    const before = await backend.dispatch('getTelemetryHistory', { machineId: id, range: '1m' }, client);
    expect(before.ok && (before.value as TelemetryHistory).series.cpuPct!.avg.at(-1)).toBe(42);
    engine.machines.delete(id);
    engine.events.emit('changes', { machines: [], records: [], removed: [id], events: [] });
    const after = await backend.dispatch('getTelemetryHistory', { machineId: id, range: '1m' }, client);
    expect(after).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    vi.useFakeTimers();
    try {
      engine.events.emit('telemetry', batchOf(2000, [], () => 0));
      vi.advanceTimersByTime(100);
    } finally {
      vi.useRealTimers();
    }
    const frames = received.filter((r) => r.event === 'telemetry').map((r) => r.payload as TelemetryFrame);
    expect(frames.map((f) => Array.from(f.groups[0]!))).toEqual([[42], [Number.NaN]]);
  });

  it('answers history with gaps as null for a machine that has not run, and NOT_FOUND for one that does not exist', async () => {
    const { backend, engine, client } = setup();
    const created = await backend.dispatch('createMachine', spec, client);
    const id = created.ok ? (created.value as { id: string }).id : '';
    engine.events.emit('telemetry', batchOf(5000, [], () => 0));
    const idle = await backend.dispatch('getTelemetryHistory', { machineId: id, range: '1m', metrics: ['cpuPct'], maxPoints: 20 }, client);
    // Never ran: the range's buckets are all gaps, ending at the newest sample any machine has.
    expect(idle).toMatchObject({ ok: true, value: { machineId: id, range: '1m', resolutionMs: 3000, oldestMs: null, series: { cpuPct: { avg: new Array(20).fill(null) } } } });
    expect(idle.ok && (idle.value as TelemetryHistory).simTimeMs.at(-1)).toBe(5000);
    expect(apiMethods.getTelemetryHistory.output.safeParse(idle.ok && idle.value).success).toBe(true);
    const missing = await backend.dispatch('getTelemetryHistory', { machineId: crypto.randomUUID(), range: '1h' }, client);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await backend.dispatch('getTelemetryHistory', { machineId: id, range: '2h' }, client);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'range', message: 'Range must be 1m, 10m, 1h or all' } });
  });

  it('gets host activity from the engine', async () => {
    const { backend, engine, client } = setup();
    expect(await backend.dispatch('getHostActivity', {}, client)).toEqual({ ok: true, value: [] });
    expect(engine.calls.map((call) => call.command)).toEqual(['getHostActivity']);
  });

  it('stops delivering to disconnected clients and survives a throwing sink', () => {
    const { backend, engine, client, received, logs } = setup();
    backend.connect(() => {
      throw new Error('socket gone');
    });
    const late: unknown[] = [];
    backend.connect((e) => late.push(e));
    backend.disconnect(client);
    engine.events.emit('changes', { machines: [], records: [], removed: ['x'], events: [] });
    expect(received).toEqual([]);
    expect(late).toEqual(['machinesChanged']);
    expect(logs.join('\n')).toContain('socket gone');
    expect(backend.clientCount).toBe(2);
  });
});

describe('BackendService machine operations (snapshots, clones, settings, storage, networks)', () => {
  async function created(backend: BackendService, client: ReturnType<BackendService['connect']>, name = 'web-01') {
    const result = await backend.dispatch('createMachine', { ...spec, name }, client);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { id: string; name: string };
  }
  const configEvents = (received: { event: EventName; payload: unknown }[]) =>
    received.filter((r) => r.event === 'machinesChanged').flatMap((r) => (r.payload as { configChanged: string[] }).configChanged.map((id) => ({ id })));

  it('passes diskAllocation to the engine as a creation option, and only when given', async () => {
    const { backend, client, engine } = setup();
    await backend.dispatch('createMachine', { ...spec, diskAllocation: 'fixed' }, client);
    await backend.dispatch('createMachine', { ...spec, name: 'web-02' }, client);
    const inputs = engine.calls.filter((c) => c.command === 'createMachine').map((c) => c.input as { spec: Record<string, unknown>; options?: unknown });
    expect(inputs[0]!.options).toEqual({ diskAllocation: 'fixed' });
    expect(inputs[0]!.spec).not.toHaveProperty('diskAllocation');
    expect(inputs[1]).not.toHaveProperty('options');
  });

  it('answers every read method with schema-valid values', async () => {
    const { backend, client } = setup();
    const { id } = await created(backend, client);
    for (const [method, params] of [
      ['getMachineConfig', { id }],
      ['getSettingsRules', { id }],
      ['listSnapshots', { id }],
      ['listStorage', {}],
      ['listNetworks', {}],
    ] as const) {
      const result = await backend.dispatch(method, params, client);
      expect(result.ok, method).toBe(true);
      expect(apiMethods[method].output.safeParse(result.ok && result.value).success, method).toBe(true);
    }
  });

  it('gives each snapshot and clone a fresh UUID and tells every client the configuration changed', async () => {
    const { backend, client, engine, received } = setup();
    const other: { event: EventName; payload: unknown }[] = [];
    backend.connect((event, payload) => other.push({ event, payload }));
    const { id } = await created(backend, client);
    const first = await backend.dispatch('takeSnapshot', { id, spec: { name: ' clean install ' } }, client);
    const second = await backend.dispatch('takeSnapshot', { id, spec: { name: 'updated', description: 'apt upgrade' } }, client);
    expect(first.ok && second.ok).toBe(true);
    const takes = engine.calls.filter((c) => c.command === 'takeSnapshot').map((c) => c.input as EngineInput<'takeSnapshot'>);
    expect(takes[0]!.snapshotId).toMatch(/^[0-9a-f-]{36}$/);
    expect(takes[1]!.snapshotId).not.toBe(takes[0]!.snapshotId);
    // Defaults come from the contract's schema; the name is trimmed.
    expect(takes[0]!.spec).toEqual({ name: 'clean install', description: '', withMemory: false });
    const tree = second.ok ? (second.value as SnapshotTree) : undefined;
    expect(apiMethods.takeSnapshot.output.safeParse(tree).success).toBe(true);
    expect(tree?.currentSnapshotId).toBe(takes[1]!.snapshotId);

    expect(await backend.dispatch('restoreSnapshot', { id, snapshotId: takes[0]!.snapshotId }, client)).toMatchObject({ ok: true, value: { currentSnapshotId: takes[0]!.snapshotId } });
    const deleted = await backend.dispatch('deleteSnapshot', { id, snapshotId: takes[1]!.snapshotId }, client);
    expect(deleted).toMatchObject({ ok: true, value: { freedMiB: 0 } });
    expect(apiMethods.deleteSnapshot.output.safeParse(deleted.ok && deleted.value).success).toBe(true);
    const renamed = await backend.dispatch('updateSettings', { id, patch: { name: 'web-01b', memoryMiB: 4096 } }, client);
    expect(renamed).toMatchObject({ ok: true, value: { name: 'web-01b', memoryMiB: 4096 } });

    const clone = await backend.dispatch('cloneMachine', { id, options: { name: 'web-01-clone', mode: 'linked' } }, client);
    expect(clone.ok).toBe(true);
    const cloneId = clone.ok ? (clone.value as { id: string }).id : '';
    const cloneCall = engine.calls.find((c) => c.command === 'cloneMachine')!.input as EngineInput<'cloneMachine'>;
    expect(cloneCall).toEqual({ id, cloneId, options: { name: 'web-01-clone', mode: 'linked', states: 'currentState', macPolicy: 'generateNew' } });
    expect(cloneId).toMatch(/^[0-9a-f-]{36}$/);
    expect(cloneId).not.toBe(id);

    // One batch per change, naming the machines whose configuration changed (the clone with its source), to every client.
    expect(configEvents(received)).toEqual([{ id }, { id }, { id }, { id }, { id }, { id }, { id }, { id: cloneId }]);
    expect(configEvents(other)).toEqual(configEvents(received));
  });

  it('passes a refusal through, sends no event and changes nothing', async () => {
    const { backend, client, engine, received } = setup();
    const { id } = await created(backend, client);
    await backend.dispatch('takeSnapshot', { id, spec: { name: 'one' } }, client);
    const snapshotId = (engine.calls.at(-1)!.input as EngineInput<'takeSnapshot'>).snapshotId;
    await backend.dispatch('startMachine', { id }, client);
    received.length = 0;
    const before = await backend.dispatch('listSnapshots', { id }, client);
    const refused = await backend.dispatch('restoreSnapshot', { id, snapshotId }, client);
    expect(refused).toEqual({ ok: false, error: { code: 'INVALID_STATE', message: 'Power off "web-01" before restoring a snapshot' } });
    expect(await backend.dispatch('listSnapshots', { id }, client)).toEqual(before);
    const missing = await backend.dispatch('deleteSnapshot', { id, snapshotId: 'nope' }, client);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'snapshotId' } });
    expect(configEvents(received)).toEqual([]);
  });

  it('refuses malformed operation input with VALIDATION before the engine', async () => {
    const { backend, client, engine } = setup();
    const id = crypto.randomUUID();
    const cases: [string, unknown, string, RegExp][] = [
      ['takeSnapshot', { id, spec: { name: '   ' } }, 'spec.name', /Enter a name for the snapshot/],
      ['takeSnapshot', { id, spec: { name: 'x', description: 'd'.repeat(2001) } }, 'spec.description', /at most 2000/],
      ['restoreSnapshot', { id, snapshotId: '' }, 'snapshotId', /Choose a snapshot/],
      ['cloneMachine', { id, options: { name: 'c', mode: 'thin' } }, 'options.mode', /full or linked/],
      ['cloneMachine', { id, options: { name: 'c', ip: { mode: 'static', address: '10.0.2.300' } } }, 'options.ip.address', /IPv4 address/],
      ['updateSettings', { id, patch: { nics: [{ attachment: 'nat', ipMode: 'static' }] } }, 'patch.nics.0.staticIp', /Enter the static IP address/],
      ['updateSettings', { id, patch: { nics: [] } }, 'patch.nics', /at least one network adapter/],
      ['listStorage', { hostId: 'host-1' }, 'hostId', /Unknown field/],
      ['createMachine', { ...spec, diskAllocation: 'sparse' }, 'diskAllocation', /dynamic or fixed/],
    ];
    for (const [method, params, field, message] of cases) {
      const result = await backend.dispatch(method, params, client);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'VALIDATION', field } });
      expect(!result.ok && result.error.message, method).toMatch(message);
    }
    expect(engine.calls).toEqual([]);
  });
});
