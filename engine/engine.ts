// Engine facade: owns the simulated clock, hosts and machines; answers commands and steps the world in fixed substeps.
import { AppError } from '../shared/errors.ts';
import type { Host } from '../shared/domain/host.ts';
import type { Machine, NewMachineSpec } from '../shared/domain/machine.ts';
import type { LifecycleAction } from '../shared/domain/machineState.ts';
import type { EngineInput, EngineNotification, EngineOutput, MachineRecord } from '../shared/engine/protocol.ts';
import { parseEngineInput } from './commandSchemas.ts';
import type { EngineCoreCommand } from './commandSchemas.ts';
import { createDefaultHost } from './defaultHost.ts';
import type { HostSpec } from './defaultHost.ts';
import { HostRegistry } from './hostRegistry.ts';
import { applyAction, assertDeletable, defaultTimings, settleIfDue } from './lifecycle.ts';
import type { LifecycleTimings } from './lifecycle.ts';
import { generateMac } from './macAddress.ts';
import { compareByName, MachineRegistry, toMachine } from './machineRegistry.ts';
import type { MachineEntity } from './machineRegistry.ts';
import { checkPlacement, committedOn } from './placement.ts';
import { restoreMachines } from './restore.ts';
import { deriveSeed, Rng } from './rng.ts';
import { SimClock } from './simClock.ts';
import { TelemetrySampler } from './telemetrySampler.ts';
import type { SampleSource } from './telemetrySampler.ts';
import { MachineWorkload } from './workload.ts';

/** Fixed simulation step: results never depend on how callers slice time into advance() calls. */
export const substepMs = 100;
/** One telemetry batch per this much simulated time. */
export const telemetryPeriodMs = 1000;

export interface EngineOptions {
  readonly seed: number;
  readonly speed?: number;
  /** Physical hosts; the default single host "Atlas" when omitted. */
  readonly hosts?: readonly HostSpec[];
  readonly timings?: LifecycleTimings;
}

type Handlers = { [C in EngineCoreCommand]: (input: EngineInput<C>) => EngineOutput<C> };

export class Engine {
  private seedValue: number;
  private speedValue: number;
  private clock = new SimClock();
  private machines = new MachineRegistry();
  private sampler = new TelemetrySampler();
  private readonly hosts: HostRegistry;
  private readonly timings: LifecycleTimings;
  /** Simulated time handed to advance() that does not yet fill a whole substep. */
  private carryMs = 0;
  private outbox: EngineNotification[] = [];

  private readonly handlers: Handlers = {
    init: (input) => this.init(input),
    listHosts: () => this.listHosts(),
    listMachines: () => this.listMachines(),
    getMachine: ({ id }) => this.getMachine(id),
    createMachine: ({ id, spec }) => this.createMachine(id, spec),
    lifecycle: ({ id, action }) => this.lifecycle(id, action),
    deleteMachine: ({ id }) => this.deleteMachine(id),
    getClock: () => this.getClock(),
  };

  constructor(options: EngineOptions) {
    this.seedValue = options.seed >>> 0;
    this.speedValue = options.speed ?? 1;
    this.hosts = new HostRegistry(options.hosts ?? [createDefaultHost()]);
    this.timings = options.timings ?? defaultTimings;
  }

  get seed(): number {
    return this.seedValue;
  }

  /** Simulated milliseconds per real millisecond, for whoever drives the clock. */
  get speed(): number {
    return this.speedValue;
  }

  get simTimeMs(): number {
    return this.clock.nowMs;
  }

  /** Runs one command after checking its input; throws AppError when refused, in which case nothing changed. */
  handle<C extends EngineCoreCommand>(command: C, input: EngineInput<C>): EngineOutput<C> {
    const parsed = parseEngineInput(command, input);
    const handler: (input: EngineInput<C>) => EngineOutput<C> = this.handlers[command];
    return handler(parsed);
  }

  /** Moves simulated time forward in fixed substeps and returns every notification produced since the last call. */
  advance(ms: number): EngineNotification[] {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() needs a finite, non-negative duration (got ${ms})`);
    this.carryMs += ms;
    // The tolerance absorbs float drift from fractional speeds (e.g. 100 ms × 1/3 each tick).
    while (this.carryMs >= substepMs - 1e-6) {
      this.carryMs -= substepMs;
      this.step();
    }
    return this.takeNotifications();
  }

  /** Notifications from commands and steps not yet handed out, oldest first. */
  takeNotifications(): EngineNotification[] {
    const taken = this.outbox;
    this.outbox = [];
    return taken;
  }

  /** Starts afresh with a new seed and speed, restoring machines as powered off. All or nothing. */
  init(input: EngineInput<'init'>): EngineOutput<'init'> {
    const seed = input.seed >>> 0;
    const machines = restoreMachines(input.machines, this.hosts, (record) => this.entityFrom(record, seed, 0));
    this.seedValue = seed;
    this.speedValue = input.speed;
    this.clock = new SimClock();
    this.machines = machines;
    this.sampler = new TelemetrySampler();
    this.carryMs = 0;
    this.outbox = [];
    return { simTimeMs: this.clock.nowMs };
  }

  listHosts(): Host[] {
    return this.hosts.list().map((host) => ({
      ...host,
      hardwareAssist: { ...host.hardwareAssist },
      platform: { ...host.platform },
      committed: committedOn(host.id, this.machines.values()),
    }));
  }

  /** Ordered by name, as the API promises. */
  listMachines(): Machine[] {
    return [...this.machines.values()].sort(compareByName).map(toMachine);
  }

  getMachine(id: string): Machine {
    return toMachine(this.machines.require(id));
  }

  createMachine(id: string, spec: NewMachineSpec): Machine {
    if (this.machines.has(id)) throw new AppError('CONFLICT', `A machine with id "${id}" already exists`, 'id');
    const name = spec.name.trim();
    if (this.machines.findByName(name)) {
      throw new AppError('CONFLICT', `A machine named "${name}" already exists`, 'name');
    }
    const host = this.hosts.require(spec.hostId ?? this.hosts.defaultHostId);
    checkPlacement(host, committedOn(host.id, this.machines.values()), spec);

    const macRng = new Rng(deriveSeed(this.seedValue, `mac:${id}`));
    const mac = generateMac(macRng, (candidate) => this.machines.isMacTaken(candidate));
    const record: MachineRecord = {
      id,
      name,
      osType: spec.osType,
      hostId: host.id,
      vcpus: spec.vcpus,
      memoryMiB: spec.memoryMiB,
      diskGiB: spec.diskGiB,
      nic: { mac, network: 'nat' },
      createdAtMs: this.clock.nowMs,
    };
    const entity = this.entityFrom(record, this.seedValue, this.clock.nowMs);
    this.machines.add(entity);
    return this.notifyUpsert(entity);
  }

  lifecycle(id: string, action: LifecycleAction): Machine {
    const entity = this.machines.require(id);
    applyAction(entity, action, this.clock.nowMs, this.timings);
    return this.notifyUpsert(entity);
  }

  deleteMachine(id: string): { id: string } {
    const entity = this.machines.require(id);
    assertDeletable(entity);
    this.machines.remove(id);
    this.outbox.push({ kind: 'machineRemoved', id });
    return { id };
  }

  getClock(): { simTimeMs: number; speed: number } {
    return { simTimeMs: this.clock.nowMs, speed: this.speedValue };
  }

  private step(): void {
    const nowMs = this.clock.advance(substepMs);
    for (const machine of this.machines.values()) {
      if (machine.state === 'PoweredOff') continue;
      // The workload covers the substep just ended, spent in the state the machine was in.
      machine.workload.step(substepMs, machine.state);
      this.sampler.record(machine.id, machine.workload.cpuPct);
      if (settleIfDue(machine, nowMs, this.timings)) this.onSettled(machine);
    }
    if (nowMs % telemetryPeriodMs === 0) {
      this.outbox.push({ kind: 'telemetry', batch: this.sampler.flush(nowMs, this.activeSources()) });
    }
  }

  private onSettled(machine: MachineEntity): void {
    if (machine.state === 'PoweredOff') machine.workload.reset();
    this.notifyUpsert(machine);
  }

  private *activeSources(): Generator<SampleSource> {
    for (const machine of this.machines.values()) {
      if (machine.state === 'PoweredOff') continue;
      yield { id: machine.id, cpuPct: machine.workload.cpuPct, memoryUsedMiB: machine.workload.memoryUsedMiB };
    }
  }

  private entityFrom(record: MachineRecord, seed: number, stateSinceMs: number): MachineEntity {
    return {
      id: record.id,
      name: record.name,
      osType: record.osType,
      hostId: record.hostId,
      vcpus: record.vcpus,
      memoryMiB: record.memoryMiB,
      diskGiB: record.diskGiB,
      mac: record.nic.mac,
      createdAtMs: record.createdAtMs,
      state: 'PoweredOff',
      stateSinceMs,
      settlesAtMs: undefined,
      workload: new MachineWorkload(seed, record.id, record.memoryMiB),
    };
  }

  private notifyUpsert(entity: MachineEntity): Machine {
    const machine = toMachine(entity);
    this.outbox.push({ kind: 'machineUpserted', machine });
    // A separate snapshot so a caller mutating the reply cannot alter the queued notification.
    return toMachine(entity);
  }
}
