// Tests for the Engine facade: commands, refusals, timed life cycle, accounting, telemetry and determinism.
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import type { NewMachineSpec } from '../shared/domain/machine.ts';
import type { EngineNotification } from '../shared/engine/protocol.ts';
import type { TelemetryBatch } from '../shared/domain/telemetry.ts';
import { Engine } from './engine.ts';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const spec = (overrides: Partial<NewMachineSpec> = {}): NewMachineSpec => ({
  name: 'web-01',
  osType: 'ubuntu64',
  vcpus: 2,
  memoryMiB: 2048,
  diskGiB: 25,
  ...overrides,
});

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the engine to refuse');
}

const telemetryOf = (notes: EngineNotification[]): TelemetryBatch[] =>
  notes.flatMap((n) => (n.kind === 'telemetry' ? [n.batch] : []));
const statesOf = (notes: EngineNotification[]) =>
  notes.flatMap((n) => (n.kind === 'machineUpserted' ? [[n.machine.state, n.machine.stateSinceMs] as const] : []));

/** Everything observable about the engine, to prove a refused command changed nothing. */
const snapshot = (engine: Engine) => ({
  machines: engine.handle('listMachines', {}),
  hosts: engine.handle('listHosts', {}),
  clock: engine.handle('getClock', {}),
});

describe('Engine: creating machines', () => {
  it('creates a powered-off machine with a VirtualBox MAC and announces it', () => {
    const engine = new Engine({ seed: 1 });
    engine.advance(1500);
    const machine = engine.handle('createMachine', { id: id(1), spec: spec({ name: '  web-01 ' }) });
    expect(machine).toMatchObject({
      id: id(1),
      name: 'web-01',
      osType: 'ubuntu64',
      hostId: 'host-1',
      vcpus: 2,
      memoryMiB: 2048,
      diskGiB: 25,
      state: 'PoweredOff',
      stateSinceMs: 1500,
      createdAtMs: 1500,
    });
    expect(machine.nic).toEqual({ mac: expect.stringMatching(/^08:00:27(:[0-9A-F]{2}){3}$/), network: 'nat' });
    expect(engine.takeNotifications()).toEqual([{ kind: 'machineUpserted', machine }]);
    expect(engine.handle('getMachine', { id: id(1) })).toEqual(machine);
  });

  it('gives every machine a different MAC', () => {
    const engine = new Engine({ seed: 2 });
    const macs = new Set<string>();
    for (let i = 0; i < 200; i++) {
      macs.add(engine.handle('createMachine', { id: id(i), spec: spec({ name: `vm-${i}`, diskGiB: 1 }) }).nic.mac);
    }
    expect(macs.size).toBe(200);
  });

  it('allows vCPU and memory overcommit across machines but not disk', () => {
    const engine = new Engine({ seed: 3 });
    for (let i = 0; i < 3; i++) {
      engine.handle('createMachine', { id: id(i), spec: spec({ name: `big-${i}`, vcpus: 16, memoryMiB: 65_536, diskGiB: 600 }) });
    }
    const [host] = engine.handle('listHosts', {});
    expect(host?.committed).toEqual({ vcpus: 48, memoryMiB: 196_608, storageGiB: 1800 });
    const error = refusal(() => engine.handle('createMachine', { id: id(9), spec: spec({ name: 'x', diskGiB: 249 }) }));
    expect(error.toData()).toEqual({
      code: 'INSUFFICIENT_RESOURCES',
      field: 'diskGiB',
      message: 'Host Atlas has only 248 GiB of storage free (of 2048 GiB); choose a disk of at most 248 GiB',
    });
  });

  it('refuses each invalid creation with a code, field and message, and changes nothing', () => {
    const engine = new Engine({ seed: 4 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    engine.takeNotifications();
    const before = snapshot(engine);

    const cases: Array<[Parameters<Engine['createMachine']>, { code: string; field: string; message: string | RegExp }]> = [
      [[id(2), spec({ name: ' WEB-01 ' })], { code: 'CONFLICT', field: 'name', message: 'A machine named "WEB-01" already exists' }],
      [[id(1), spec({ name: 'other' })], { code: 'CONFLICT', field: 'id', message: /already exists/ }],
      [[id(2), spec({ name: 'b', hostId: 'host-9' })], { code: 'NOT_FOUND', field: 'hostId', message: /no host with id "host-9".*Atlas \(host-1\)/ }],
      [
        [id(2), spec({ name: 'b', vcpus: 17 })],
        { code: 'INSUFFICIENT_RESOURCES', field: 'vcpus', message: 'Host Atlas has 16 cores; a machine cannot have more vCPUs than that' },
      ],
      [[id(2), spec({ name: 'b', memoryMiB: 70_000 })], { code: 'INSUFFICIENT_RESOURCES', field: 'memoryMiB', message: /65536 MiB/ }],
      [[id(2), spec({ name: 'b', diskGiB: 2024 })], { code: 'INSUFFICIENT_RESOURCES', field: 'diskGiB', message: /only 2023 GiB/ }],
    ];
    for (const [[machineId, machineSpec], expected] of cases) {
      const error = refusal(() => engine.handle('createMachine', { id: machineId, spec: machineSpec }));
      expect(error.code).toBe(expected.code);
      expect(error.field).toBe(expected.field);
      expect(error.message).toMatch(expected.message);
      expect(snapshot(engine)).toEqual(before);
      expect(engine.takeNotifications()).toEqual([]);
    }
  });

  it('rejects malformed input with VALIDATION naming the field', () => {
    const engine = new Engine({ seed: 5 });
    const bad = { id: id(1), spec: { ...spec(), vcpus: 0 } };
    const error = refusal(() => engine.handle('createMachine', bad));
    expect(error.toData()).toEqual({ code: 'VALIDATION', field: 'spec.vcpus', message: 'vCPUs must be at least 1' });
    expect(refusal(() => engine.handle('getMachine', {} as { id: string })).code).toBe('VALIDATION');
    expect(engine.handle('listMachines', {})).toEqual([]);
  });

  it('lists machines ordered by name', () => {
    const engine = new Engine({ seed: 6 });
    for (const [i, name] of ['delta', 'Alpha', 'charlie', 'bravo'].entries()) {
      engine.handle('createMachine', { id: id(i), spec: spec({ name, diskGiB: 1 }) });
    }
    expect(engine.handle('listMachines', {}).map((m) => m.name)).toEqual(['Alpha', 'bravo', 'charlie', 'delta']);
  });
});

describe('Engine: life cycle', () => {
  it('starts in exactly 3 simulated seconds and stops in exactly 2', () => {
    const engine = new Engine({ seed: 7 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    engine.advance(1234); // clock at 1200 ms, 34 ms carried
    expect(engine.handle('lifecycle', { id: id(1), action: 'start' })).toMatchObject({ state: 'Starting', stateSinceMs: 1200 });
    engine.takeNotifications();

    // 34 carried + 2965 = 2999 ms: 29 whole substeps, so the clock reaches 4100 and the boot is not over yet.
    expect(statesOf(engine.advance(2965))).toEqual([]);
    expect(statesOf(engine.advance(1))).toEqual([['Running', 4200]]);
    expect(engine.handle('getMachine', { id: id(1) })).toMatchObject({ state: 'Running', stateSinceMs: 4200 });

    const engine2 = new Engine({ seed: 7 });
    engine2.handle('createMachine', { id: id(1), spec: spec() });
    engine2.handle('lifecycle', { id: id(1), action: 'start' });
    expect(statesOf(engine2.takeNotifications())).toEqual([['PoweredOff', 0], ['Starting', 0]]);
    expect(statesOf(engine2.advance(2900))).toEqual([]);
    expect(statesOf(engine2.advance(100))).toEqual([['Running', 3000]]);
    engine2.handle('lifecycle', { id: id(1), action: 'stop' });
    // advance() also hands out what commands announced since the last call.
    expect(statesOf(engine2.advance(1900))).toEqual([['Stopping', 3000]]);
    expect(engine2.handle('getMachine', { id: id(1) }).state).toBe('Stopping');
    expect(statesOf(engine2.advance(100))).toEqual([['PoweredOff', 5000]]);
  });

  it('pauses and resumes instantly, updating stateSinceMs each time', () => {
    const engine = new Engine({ seed: 8 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.advance(4000);
    expect(engine.handle('lifecycle', { id: id(1), action: 'pause' })).toMatchObject({ state: 'Paused', stateSinceMs: 4000 });
    engine.advance(500);
    expect(engine.handle('lifecycle', { id: id(1), action: 'resume' })).toMatchObject({ state: 'Running', stateSinceMs: 4500 });
  });

  it('refuses actions that do not apply and leaves everything unchanged', () => {
    const engine = new Engine({ seed: 9 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    engine.takeNotifications();
    const before = snapshot(engine);
    const error = refusal(() => engine.handle('lifecycle', { id: id(1), action: 'pause' }));
    expect(error.toData()).toEqual({ code: 'INVALID_STATE', message: 'Cannot pause "web-01": it is Powered Off' });
    expect(refusal(() => engine.handle('lifecycle', { id: id(1), action: 'resume' })).code).toBe('INVALID_STATE');
    expect(refusal(() => engine.handle('lifecycle', { id: id(1), action: 'stop' })).code).toBe('INVALID_STATE');
    expect(refusal(() => engine.handle('lifecycle', { id: id(2), action: 'start' })).toData()).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(snapshot(engine)).toEqual(before);
    expect(engine.takeNotifications()).toEqual([]);

    engine.handle('lifecycle', { id: id(1), action: 'start' });
    expect(refusal(() => engine.handle('lifecycle', { id: id(1), action: 'start' })).message).toBe('Cannot start "web-01": it is Starting');
  });
});

describe('Engine: deleting and host accounting', () => {
  it('commits resources on create and frees them on delete', () => {
    const engine = new Engine({ seed: 10 });
    const committed = () => engine.handle('listHosts', {})[0]?.committed;
    expect(committed()).toEqual({ vcpus: 0, memoryMiB: 0, storageGiB: 0 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'a', vcpus: 2, memoryMiB: 1024, diskGiB: 10 }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'b', vcpus: 4, memoryMiB: 4096, diskGiB: 40 }) });
    expect(committed()).toEqual({ vcpus: 6, memoryMiB: 5120, storageGiB: 50 });
    engine.takeNotifications();
    expect(engine.handle('deleteMachine', { id: id(1) })).toEqual({ id: id(1) });
    expect(engine.takeNotifications()).toEqual([{ kind: 'machineRemoved', id: id(1) }]);
    expect(committed()).toEqual({ vcpus: 4, memoryMiB: 4096, storageGiB: 40 });
    // The name is free again once its machine is gone.
    expect(engine.handle('createMachine', { id: id(3), spec: spec({ name: 'A' }) }).name).toBe('A');
  });

  it('refuses to delete a machine that is not powered off, or one that does not exist', () => {
    const engine = new Engine({ seed: 11 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.takeNotifications();
    const before = snapshot(engine);
    expect(refusal(() => engine.handle('deleteMachine', { id: id(1) })).toData()).toEqual({
      code: 'INVALID_STATE',
      message: 'Stop "web-01" before deleting it',
    });
    expect(refusal(() => engine.handle('deleteMachine', { id: id(5) })).code).toBe('NOT_FOUND');
    expect(snapshot(engine)).toEqual(before);
    expect(engine.takeNotifications()).toEqual([]);
  });
});

describe('Engine: telemetry', () => {
  it('emits exactly one batch per simulated second, however time is sliced', () => {
    const engine = new Engine({ seed: 12 });
    const batches = telemetryOf([...engine.advance(250), ...engine.advance(730), ...engine.advance(20), ...engine.advance(9000)]);
    expect(batches.map((b) => b.simTimeMs)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
    expect(batches[0]).toEqual({ simTimeMs: 1000, machineIds: [], cpuPct: [], memoryUsedMiB: [] });
  });

  it('covers Starting, Running, Paused and Stopping machines but not powered-off ones', () => {
    const engine = new Engine({ seed: 13 });
    for (const [i, name] of ['off', 'starting', 'running', 'paused', 'stopping'].entries()) {
      engine.handle('createMachine', { id: id(i), spec: spec({ name, memoryMiB: 1024 }) });
    }
    for (const i of [2, 3, 4]) engine.handle('lifecycle', { id: id(i), action: 'start' });
    engine.advance(5000);
    engine.handle('lifecycle', { id: id(3), action: 'pause' });
    engine.handle('lifecycle', { id: id(4), action: 'stop' });
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    const [batch] = telemetryOf(engine.advance(1000));
    expect(batch?.machineIds).toEqual([id(1), id(2), id(3), id(4)]);
    expect(batch?.cpuPct).toHaveLength(4);
    expect(batch?.memoryUsedMiB).toHaveLength(4);
    const pausedIndex = 2;
    expect(batch?.cpuPct[pausedIndex]).toBe(0);
    for (const cpu of batch?.cpuPct ?? []) expect(cpu).toBeLessThanOrEqual(100);
    for (const mem of batch?.memoryUsedMiB ?? []) expect(mem).toBeLessThanOrEqual(1024);
  });
});

describe('Engine: determinism', () => {
  const script = (seed: number, slices: number[]) => {
    const engine = new Engine({ seed });
    const out: EngineNotification[] = [];
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'a' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'b', memoryMiB: 8192 }) });
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.handle('lifecycle', { id: id(2), action: 'start' });
    out.push(...engine.takeNotifications());
    for (const ms of slices) out.push(...engine.advance(ms));
    engine.handle('lifecycle', { id: id(2), action: 'pause' });
    out.push(...engine.advance(5000));
    engine.handle('lifecycle', { id: id(1), action: 'stop' });
    out.push(...engine.advance(5000));
    return out;
  };

  it('produces identical notifications for the same seed and commands, however time is sliced', () => {
    const whole = script(42, [60_000]);
    expect(script(42, [60_000])).toEqual(whole);
    expect(script(42, Array.from({ length: 600 }, () => 100))).toEqual(whole);
    expect(script(42, [33, 67, 1234, 58_666])).toEqual(whole);
    expect(telemetryOf(whole)).toHaveLength(70);
  });

  it('produces different numbers for a different seed', () => {
    const a = script(42, [20_000]);
    const b = script(43, [20_000]);
    expect(telemetryOf(a).map((t) => t.cpuPct)).not.toEqual(telemetryOf(b).map((t) => t.cpuPct));
    const macs = (notes: EngineNotification[]) => notes.flatMap((n) => (n.kind === 'machineUpserted' ? [n.machine.nic.mac] : []));
    expect(macs(a)).not.toEqual(macs(b));
  });

  it("keeps one machine's numbers independent of other machines created before it", () => {
    const trace = (withNeighbour: boolean) => {
      const engine = new Engine({ seed: 77 });
      if (withNeighbour) engine.handle('createMachine', { id: id(9), spec: spec({ name: 'neighbour' }) });
      const mac = engine.handle('createMachine', { id: id(1), spec: spec({ name: 'a' }) }).nic.mac;
      engine.handle('lifecycle', { id: id(1), action: 'start' });
      const batches = telemetryOf(engine.advance(10_000));
      return { mac, cpu: batches.map((b) => b.cpuPct[b.machineIds.indexOf(id(1))]) };
    };
    expect(trace(true)).toEqual(trace(false));
  });
});

describe('Engine: init', () => {
  it('restores machine records as powered off with a fresh clock, seed and speed', () => {
    const first = new Engine({ seed: 1 });
    first.handle('createMachine', { id: id(1), spec: spec({ name: 'a' }) });
    first.handle('lifecycle', { id: id(1), action: 'start' });
    first.advance(7000);
    const records = first.handle('listMachines', {}).map(({ state: _state, stateSinceMs: _since, ...record }) => record);

    const engine = new Engine({ seed: 99 });
    engine.handle('createMachine', { id: id(5), spec: spec({ name: 'gone' }) });
    engine.advance(3000);
    expect(engine.handle('init', { seed: 1, speed: 4, machines: records })).toEqual({ simTimeMs: 0 });
    expect(engine.handle('getClock', {})).toEqual({ simTimeMs: 0, speed: 4 });
    expect(engine.speed).toBe(4);
    expect(engine.takeNotifications()).toEqual([]);
    const [restored] = engine.handle('listMachines', {});
    expect(engine.handle('listMachines', {})).toHaveLength(1);
    expect(restored).toEqual({ ...records[0], state: 'PoweredOff', stateSinceMs: 0 });
    expect(refusal(() => engine.handle('createMachine', { id: id(2), spec: spec({ name: 'A' }) })).code).toBe('CONFLICT');
  });

  it('refuses inconsistent records as a whole and keeps the current state', () => {
    const engine = new Engine({ seed: 3 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'keep' }) });
    const before = snapshot(engine);
    const record = { ...engine.handle('getMachine', { id: id(1) }), state: undefined, stateSinceMs: undefined };
    const { state: _s, stateSinceMs: _t, ...base } = record;
    const twin = { ...base, id: id(2), name: 'KEEP', nic: { mac: '08:00:27:00:00:01', network: 'nat' as const } };
    const error = refusal(() => engine.handle('init', { seed: 3, speed: 1, machines: [base, twin] }));
    expect(error.toData()).toMatchObject({ code: 'CONFLICT', field: 'machines.1.name' });
    const badHost = refusal(() => engine.handle('init', { seed: 3, speed: 1, machines: [{ ...base, hostId: 'nope' }] }));
    expect(badHost.toData()).toMatchObject({ code: 'NOT_FOUND', field: 'machines.0.hostId' });
    expect(refusal(() => engine.handle('init', { seed: 3, speed: 0, machines: [] })).toData()).toMatchObject({
      code: 'VALIDATION',
      field: 'speed',
    });
    expect(snapshot(engine)).toEqual(before);
  });
});
