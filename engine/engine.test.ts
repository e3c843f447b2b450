// Tests for the Engine facade: creating machines, per-kind timed life cycle, telemetry, determinism and init.
import { describe, expect, it } from 'vitest';
import type { EngineNotification } from '../shared/engine/protocol.ts';
import { telemetryMetrics } from '../shared/domain/telemetry.ts';
import type { TelemetryMetric } from '../shared/domain/telemetry.ts';
import { Engine } from './engine.ts';
import { toMachineRecord } from '../shared/domain/machineRecord.ts';
import { id, refusal, sampleOf, snapshot, spec, statesOf, telemetryOf } from './facadeTestKit.ts';

describe('Engine: creating machines', () => {
  it('creates a powered-off machine on the default platform with a MAC of its kind (type 1: 00:50:56) and announces it', () => {
    const engine = new Engine({ seed: 1 });
    engine.advance(1500);
    const machine = engine.handle('createMachine', { id: id(1), spec: spec({ name: '  web-01 ' }) });
    expect(machine).toMatchObject({
      id: id(1),
      name: 'web-01',
      osType: 'ubuntu64',
      hostId: 'host-1',
      platformId: 'esx-atlas',
      kind: 'type1',
      workload: 'web',
      chain: ['Atlas hardware (x86_64)', 'Type 1: Atlas ESX', 'web-01'],
      vcpus: 2,
      memoryMiB: 2048,
      diskGiB: 25,
      state: 'PoweredOff',
      stateSinceMs: 1500,
      createdAtMs: 1500,
    });
    expect(machine.nic).toEqual({ mac: expect.stringMatching(/^00:50:56(:[0-9A-F]{2}){3}$/), network: 'nat', ip: '10.0.2.15' });
    // The creation's changes: the machine's view and its full record (with disk and adapter), no removal.
    const changes = engine.takeChanges()!;
    expect(changes.machines).toEqual([machine]);
    expect(changes.records).toEqual([toMachineRecord(machine, expect.objectContaining({ currentImageId: expect.any(String) }))]);
    expect(changes.removed).toEqual([]);
    expect(changes.events.map((e) => e.message)).toEqual([expect.stringMatching(/^Created on type 1/)]);
    expect(engine.handle('getMachine', { id: id(1) })).toEqual(machine);
  });

  it("places a machine on the named platform, or on the named host's default platform", () => {
    const engine = new Engine({ seed: 1 });
    const lpar = engine.handle('createMachine', { id: id(1), spec: spec({ name: 'lpar-a', platformId: 'lpar-fw', workload: 'database' }) });
    expect(lpar).toMatchObject({ hostId: 'host-2', kind: 'type0', workload: 'database', chain: ['Mainframe hardware (x86_64)', 'Type 0: Mainframe partitions', 'lpar-a'] });
    const dev = engine.handle('createMachine', { id: id(2), spec: spec({ name: 'dev-box', hostId: 'host-5' }) });
    expect(dev).toMatchObject({ platformId: 'ws-vbox', kind: 'type2' });
    expect(dev.chain).toEqual(['Workstation hardware (x86_64)', 'Host OS: Workstation Linux', 'Type 2: Desktop VMM (no admin)', 'dev-box']);
  });

  it('gives every machine a different MAC', () => {
    const engine = new Engine({ seed: 2 });
    const macs = new Set<string>();
    for (let i = 0; i < 200; i++) macs.add(engine.handle('createMachine', { id: id(i), spec: spec({ name: `vm-${i}`, diskGiB: 1, memoryMiB: 64, vcpus: 1 }) }).nic.mac);
    expect(macs.size).toBe(200);
  });

  it('refuses each invalid creation with a code, field and message, and changes nothing', () => {
    const engine = new Engine({ seed: 4 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    engine.takeChanges();
    const before = snapshot(engine);
    const cases: Array<[Parameters<Engine['createMachine']>, { code: string; field: string; message: string | RegExp }]> = [
      [[id(2), spec({ name: ' WEB-01 ' })], { code: 'CONFLICT', field: 'name', message: 'A machine named "WEB-01" already exists' }],
      [[id(1), spec({ name: 'other' })], { code: 'CONFLICT', field: 'id', message: /already exists/ }],
      [[id(2), spec({ name: 'b', hostId: 'host-9' })], { code: 'NOT_FOUND', field: 'hostId', message: /no host with id "host-9".*Atlas \(host-1\)/ }],
      [[id(2), spec({ name: 'b', platformId: 'nope' })], { code: 'NOT_FOUND', field: 'platformId', message: /no platform with id "nope"/ }],
      [[id(2), spec({ name: 'b', platformId: 'esx-atlas', hostId: 'host-2' })], { code: 'VALIDATION', field: 'hostId', message: 'Platform "Atlas ESX" runs on host "Atlas", not on "Mainframe"; choose one of that host\'s platforms' }],
      [[id(2), spec({ name: 'b', vcpus: 17 })], { code: 'INSUFFICIENT_RESOURCES', field: 'vcpus', message: '17 vCPUs is more than the 16 cores Atlas ESX can schedule on' }],
      [[id(2), spec({ name: 'b', memoryMiB: 70_000 })], { code: 'INSUFFICIENT_RESOURCES', field: 'memoryMiB', message: /70000 MiB is more than/ }],
      [[id(2), spec({ name: 'b', diskGiB: 2024 })], { code: 'INSUFFICIENT_RESOURCES', field: 'diskGiB', message: /2023 GiB of storage free/ }],
      [[id(2), spec({ name: 'b', osType: 'irix-mips' })], { code: 'VALIDATION', field: 'osType', message: /only an emulator can run another instruction set/ }],
      [[id(2), spec({ name: 'b', platformId: 'ws-linux' })], { code: 'VALIDATION', field: 'platformId', message: /is a host OS/ }],
      [[id(2), spec({ name: 'b', platformId: 'ws-lxc', osType: 'windows11' })], { code: 'VALIDATION', field: 'osType', message: /share the host kernel/ }],
    ];
    for (const [[machineId, machineSpec], expected] of cases) {
      const error = refusal(() => engine.handle('createMachine', { id: machineId, spec: machineSpec }));
      expect(error.code, machineSpec.name).toBe(expected.code);
      expect(error.field).toBe(expected.field);
      expect(error.message).toMatch(expected.message);
      expect(snapshot(engine)).toEqual(before);
      // Nothing changed: at most the refusal was logged.
      const changes = engine.takeChanges();
      expect([changes?.machines, changes?.records, changes?.removed]).toEqual(changes ? [[], [], []] : [undefined, undefined, undefined]);
    }
  });

  it('rejects malformed input with VALIDATION naming the field', () => {
    const engine = new Engine({ seed: 5 });
    const error = refusal(() => engine.handle('createMachine', { id: id(1), spec: { ...spec(), vcpus: 0 } }));
    expect(error.toData()).toEqual({ code: 'VALIDATION', field: 'spec.vcpus', message: 'vCPUs must be at least 1' });
    expect(refusal(() => engine.handle('getMachine', {} as { id: string })).code).toBe('VALIDATION');
    expect(refusal(() => engine.handle('listEvents', { limit: 0 })).field).toBe('limit');
    expect(engine.handle('listMachines', {})).toEqual([]);
  });

  it('lists machines ordered by name', () => {
    const engine = new Engine({ seed: 6 });
    for (const [i, name] of ['delta', 'Alpha', 'charlie', 'bravo'].entries()) engine.handle('createMachine', { id: id(i), spec: spec({ name, diskGiB: 1 }) });
    expect(engine.handle('listMachines', {}).map((m) => m.name)).toEqual(['Alpha', 'bravo', 'charlie', 'delta']);
  });
});

describe('Engine: life cycle', () => {
  // Durations come from each kind's module: VMs boot in seconds, slower by what their boot's events cost on the kind
  // (binary translation, world switches, emulation), partitions slowest (firmware), process VMs and containers fastest.
  const durations: Array<[platformId: string, osType: string, startMs: number, stopMs: number]> = [
    ['esx-atlas', 'ubuntu64', 8629, 3000],
    ['lpar-fw', 'ubuntu64', 25_000, 5000],
    ['kvm-hyperion', 'ubuntu64', 8644, 3000],
    ['xen-xenon', 'debian64', 8378, 3000],
    ['ws-vbox', 'ubuntu64', 10_287, 3000],
    ['ws-qemu', 'debian-ppc', 16_025, 3000],
    ['ws-jvm', 'other64', 600, 100],
    ['ws-lxc', 'alpine64', 120, 50],
  ];

  it.each(durations)('on %s starts and stops in exactly the per-kind durations', (platformId, osType, startMs, stopMs) => {
    const engine = new Engine({ seed: 7 });
    engine.handle('createMachine', { id: id(1), spec: spec({ platformId, osType: osType as never, memoryMiB: 1024 }) });
    engine.advance(1000);
    engine.takeChanges();
    // A command's changes come with it; what simulated time changes comes with the advance that got there.
    const commandStates = () => statesOf([{ kind: 'changes', changes: engine.takeChanges()! }], id(1));
    expect(engine.handle('lifecycle', { id: id(1), action: 'start' })).toMatchObject({ state: 'Starting', stateSinceMs: 1000 });
    expect(commandStates()).toEqual([['Starting', 1000]]);
    expect(statesOf(engine.advance(startMs - 100), id(1))).toEqual([]);
    expect(statesOf(engine.advance(2100), id(1))).toEqual([['Running', 1000 + startMs]]);
    const stopAt = engine.simTimeMs;
    expect(engine.handle('lifecycle', { id: id(1), action: 'stop' })).toMatchObject({ state: 'Stopping', stateSinceMs: stopAt });
    expect(commandStates()).toEqual([['Stopping', stopAt]]);
    expect(statesOf(engine.advance(stopMs + 1000), id(1))).toEqual([['PoweredOff', stopAt + stopMs]]);
  });

  it('pauses and resumes instantly, updating stateSinceMs each time', () => {
    const engine = new Engine({ seed: 8 });
    engine.handle('createMachine', { id: id(1), spec: spec({ platformId: 'ws-lxc', osType: 'alpine64', memoryMiB: 512 }) });
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.advance(1000);
    expect(engine.handle('lifecycle', { id: id(1), action: 'pause' })).toMatchObject({ state: 'Paused', stateSinceMs: 1000 });
    engine.advance(500);
    expect(engine.handle('lifecycle', { id: id(1), action: 'resume' })).toMatchObject({ state: 'Running', stateSinceMs: 1500 });
  });

  it('refuses actions that do not apply and leaves everything unchanged', () => {
    const engine = new Engine({ seed: 9 });
    engine.handle('createMachine', { id: id(1), spec: spec() });
    const before = snapshot(engine);
    for (const action of ['pause', 'resume', 'stop'] as const) {
      const error = refusal(() => engine.handle('lifecycle', { id: id(1), action }));
      expect(error.toData()).toEqual({ code: 'INVALID_STATE', field: 'state', message: `Cannot ${action} "web-01": it is Powered Off` });
    }
    expect(refusal(() => engine.handle('lifecycle', { id: id(2), action: 'start' })).code).toBe('NOT_FOUND');
    expect(snapshot(engine)).toEqual(before);
  });
});

describe('Engine: telemetry', () => {
  it('emits exactly one batch per simulated second, however time is sliced', () => {
    const engine = new Engine({ seed: 10 });
    const batches = [...telemetryOf(engine.advance(2550)), ...telemetryOf(engine.advance(450)), ...telemetryOf(engine.advance(1000))];
    expect(batches.map((b) => b.simTimeMs)).toEqual([1000, 2000, 3000, 4000]);
  });

  it('covers machines that are not powered off, with every metric from the same second getMetrics reports', () => {
    const engine = new Engine({ seed: 11 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'busy', platformId: 'ws-lxc', osType: 'alpine64', memoryMiB: 512, workload: 'cpuBatch' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'off' }) });
    engine.handle('createMachine', { id: id(3), spec: spec({ name: 'db', workload: 'database' }) });
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.handle('lifecycle', { id: id(3), action: 'start' });
    const batches = telemetryOf(engine.advance(30_000));
    const last = batches.at(-1)!;
    expect(last.machineIds).toEqual([id(1), id(3)]);
    expect(last.values).toBeInstanceOf(Float32Array);
    expect(last.values).toHaveLength(2 * telemetryMetrics.length);
    for (const machine of [id(1), id(3)]) {
      const m = engine.handle('getMetrics', { id: machine });
      const vcpus = 2;
      const at = (metric: TelemetryMetric) => sampleOf(last, machine, metric)!;
      expect(at('cpuPct')).toBeCloseTo((m.cpu.grantedCores / vcpus) * 100, 1);
      expect(at('cpuGuestPct')).toBeCloseTo((m.cpu.guestCores / vcpus) * 100, 1);
      expect(at('cpuOverheadPct')).toBeCloseTo((m.cpu.overheadCores / vcpus) * 100, 1);
      expect(at('cpuGuestPct') + at('cpuOverheadPct')).toBeCloseTo(at('cpuPct'), 3);
      expect(at('cpuReadyPct')).toBeCloseTo(m.cpu.readyPerVcpu * 100, 1);
      expect(Math.round(at('memUsedMiB'))).toBe(m.memory.usedMiB);
      expect(Math.round(at('memBalloonedMiB'))).toBe(m.memory.balloonedMiB);
      expect(Math.round(at('memSharedMiB'))).toBe(m.memory.sharedMiB);
      expect(Math.round(at('memSwappedMiB'))).toBe(m.memory.swappedMiB);
      expect(at('diskReadMBps')).toBeCloseTo(m.disk.readMBps, 1);
      expect(at('diskWriteMBps')).toBeCloseTo(m.disk.writeMBps, 1);
      expect(at('netRxMBps')).toBeCloseTo(m.net.rxMBps, 1);
      expect(at('netTxMBps')).toBeCloseTo(m.net.txMBps, 1);
    }
    expect(sampleOf(last, id(1), 'cpuPct')).toBeGreaterThan(80);
    expect(sampleOf(last, id(3), 'diskReadMBps')! + sampleOf(last, id(3), 'diskWriteMBps')!).toBeGreaterThan(0);
  });
});

describe('Engine: determinism', () => {
  const script = (seed: number, slices: number[]): EngineNotification[] => {
    const engine = new Engine({ seed });
    const out: EngineNotification[] = [];
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'a' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'b', platformId: 'ws-qemu', osType: 'debian-ppc', workload: 'compile' }) });
    engine.handle('lifecycle', { id: id(1), action: 'start' });
    engine.handle('lifecycle', { id: id(2), action: 'start' });
    const changes = engine.takeChanges();
    if (changes) out.push({ kind: 'changes', changes });
    for (const slice of slices) out.push(...engine.advance(slice));
    return out;
  };

  /** What happened, independent of how changes were batched: every telemetry batch and every logged event, in order. */
  const history = (notes: EngineNotification[]) => ({
    telemetry: telemetryOf(notes),
    events: notes.flatMap((n) => (n.kind === 'changes' ? n.changes.events : [])),
  });

  it('produces identical telemetry and events for the same seed and commands, however time is sliced', () => {
    const whole = history(script(42, [60_000]));
    expect(history(script(42, Array.from({ length: 600 }, () => 100)))).toEqual(whole);
    expect(history(script(42, [33, 67, 1234, 58_666]))).toEqual(whole);
    expect(whole.events.some((e) => e.message.startsWith('Running'))).toBe(true);
    expect(whole.telemetry).toHaveLength(60);
  });

  it('produces different numbers and MACs for a different seed', () => {
    const a = script(42, [20_000]);
    const b = script(43, [20_000]);
    expect(telemetryOf(a).map((t) => t.values)).not.toEqual(telemetryOf(b).map((t) => t.values));
    const macs = (notes: EngineNotification[]) => notes.flatMap((n) => (n.kind === 'changes' ? n.changes.machines.map((m) => m.nic.mac) : []));
    expect(macs(a)).not.toEqual(macs(b));
  });

  it("keeps one machine's numbers independent of other machines on other hosts", () => {
    const trace = (withNeighbour: boolean) => {
      const engine = new Engine({ seed: 77 });
      if (withNeighbour) engine.handle('createMachine', { id: id(9), spec: spec({ name: 'neighbour', platformId: 'xen-xenon' }) });
      const mac = engine.handle('createMachine', { id: id(1), spec: spec({ name: 'a' }) }).nic.mac;
      engine.handle('lifecycle', { id: id(1), action: 'start' });
      const batches = telemetryOf(engine.advance(15_000));
      return { mac, cpu: batches.map((b) => sampleOf(b, id(1), 'cpuPct')) };
    };
    expect(trace(true)).toEqual(trace(false));
  });
});

describe('Engine: init', () => {
  it('restores machine records powered off onto their platforms, with a fresh clock, seed and speed', () => {
    const first = new Engine({ seed: 1 });
    first.handle('createMachine', { id: id(1), spec: spec({ name: 'a' }) });
    first.handle('createMachine', { id: id(2), spec: spec({ name: 'lpar-a', platformId: 'lpar-fw', vcpus: 14 }) });
    first.handle('createMachine', { id: id(3), spec: spec({ name: 'box', platformId: 'ws-lxc', osType: 'alpine64', memoryMiB: 256 }) });
    first.handle('lifecycle', { id: id(1), action: 'start' });
    first.advance(9000);
    const records = first.handle('listMachines', {}).map(({ state: _s, stateSinceMs: _t, chain: _c, kind: _k, ...record }) => record);

    const engine = new Engine({ seed: 99 });
    engine.handle('createMachine', { id: id(5), spec: spec({ name: 'gone' }) });
    engine.advance(3000);
    expect(engine.handle('init', { seed: 1, speed: 4, machines: records })).toEqual({ simTimeMs: 0 });
    expect(engine.handle('getClock', {})).toEqual({ simTimeMs: 0, speed: 4 });
    expect(engine.takeChanges()).toBeUndefined();
    const restored = engine.handle('listMachines', {});
    expect(restored.map((m) => [m.name, m.platformId, m.kind, m.state, m.stateSinceMs])).toEqual([
      ['a', 'esx-atlas', 'type1', 'PoweredOff', 0],
      ['box', 'ws-lxc', 'containers', 'PoweredOff', 0],
      ['lpar-a', 'lpar-fw', 'type0', 'PoweredOff', 0],
    ]);
    const before = first.handle('getMachine', { id: id(2) });
    // Records without a configuration lease addresses afresh, in restore order.
    expect(restored.find((m) => m.id === id(2))).toEqual({ ...before, stateSinceMs: 0, nic: { ...before.nic, ip: expect.stringMatching(/^10\.0\.2\.\d+$/) } });
    expect(refusal(() => engine.handle('createMachine', { id: id(6), spec: spec({ name: 'A' }) })).code).toBe('CONFLICT');
    const lpar = engine.handle('listHosts', {}).find((h) => h.id === 'host-2')!.platforms[0]!;
    // A dedicated platform counts what running partitions hold; the powered-off one is defined, not holding cores.
    expect(lpar).toMatchObject({ guests: 1, committed: { vcpus: 0 }, settings: { definedCores: 14 } });
  });

  it('refuses inconsistent records as a whole and keeps the current state', () => {
    const engine = new Engine({ seed: 3 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'keep' }) });
    const before = snapshot(engine);
    const { state: _s, stateSinceMs: _t, chain: _c, kind: _k, ...base } = engine.handle('getMachine', { id: id(1) });
    const twin = { ...base, id: id(2), name: 'KEEP', nic: { mac: '08:00:27:00:00:01', network: 'nat' as const } };
    expect(refusal(() => engine.handle('init', { seed: 3, speed: 1, machines: [base, twin] })).toData()).toMatchObject({ code: 'CONFLICT', field: 'machines.1.name' });
    expect(refusal(() => engine.handle('init', { seed: 3, speed: 1, machines: [{ ...base, platformId: 'nope' }] })).toData()).toMatchObject({ code: 'NOT_FOUND', field: 'machines.0.platformId' });
    expect(refusal(() => engine.handle('init', { seed: 3, speed: 1, machines: [{ ...base, hostId: 'host-2' }] })).toData()).toMatchObject({ code: 'VALIDATION', field: 'machines.0.hostId' });
    expect(refusal(() => engine.handle('init', { seed: 3, speed: 0, machines: [] })).toData()).toMatchObject({ code: 'VALIDATION', field: 'speed' });
    expect(snapshot(engine)).toEqual(before);
  });
});
