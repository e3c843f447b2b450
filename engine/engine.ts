// Engine facade: answers the worker protocol's commands on a multi-kind SimWorld and turns its steps into notifications.
import { AppError } from '../shared/errors.ts';
import { machineNameKey } from '../shared/domain/machine.ts';
import type { FitCheckInput, Machine, NewMachineSpec } from '../shared/domain/machine.ts';
import type { FitVerdict } from '../shared/domain/fitCheck.ts';
import type { Host } from '../shared/domain/host.ts';
import type { MachineMetrics, SimEvent } from '../shared/domain/machineMetrics.ts';
import type { LifecycleAction } from '../shared/domain/machineState.ts';
import type { EngineInput, EngineNotification, EngineOutput } from '../shared/engine/protocol.ts';
import { parseEngineInput } from './commandSchemas.ts';
import type { EngineCoreCommand } from './commandSchemas.ts';
import { buildWorld, defaultDirectory } from './defaultWorld.ts';
import type { WorldDirectory } from './defaultWorld.ts';
import { listEvents } from './eventsView.ts';
import { checkFit, guestInputFor, toContractError } from './fitView.ts';
import { HostUtilisation, listHosts } from './hostView.ts';
import { ControlForwarding, hostActivities } from './hostActivity.ts';
import { toMachine } from './machineView.ts';
import type { MachineMeta } from './machineView.ts';
import { metricsOf } from './metricsView.ts';
import { buildTelemetryBatch } from './telemetryBatch.ts';
import { restoreMachines } from './restore.ts';
import { stepMs } from './sim/costModel.ts';
import { S_OFF } from './sim/guestArrays.ts';
import type { GuestRec } from './sim/worldModel.ts';
import type { SimWorld } from './sim/world.ts';
import { WorldIndex } from './worldIndex.ts';
import { importConfigs } from './configRecords.ts';
import { MachineLibrary } from './machineLibrary.ts';
import { checkStart } from './network/conflicts.ts';
import { defaultNetworks } from './network/networkCatalog.ts';
import { Operations } from './operations.ts';
import type { FacadePort } from './operations.ts';
import { planProvision } from './storage/provision.ts';
import { gib } from './storage/diskMath.ts';
import { ThinGrowth } from './storage/thinGrowth.ts';
import type { MachineState } from '../shared/domain/machineState.ts';
import { machineStates } from '../shared/domain/machineState.ts';
import type { MachineRecord } from '../shared/engine/protocol.ts';

/** Fixed simulation step: results never depend on how callers slice time into advance() calls. */
export const substepMs = stepMs;
/** One telemetry batch per this much simulated time. */
export const telemetryPeriodMs = 1000;

export interface EngineOptions {
  readonly seed: number;
  readonly speed?: number;
  /** Hosts and platforms; the default world when omitted. */
  readonly directory?: WorldDirectory;
}

type Handlers = { [C in EngineCoreCommand]: (input: EngineInput<C>) => EngineOutput<C> };

export class Engine {
  private seedValue: number;
  private speedValue: number;
  private readonly index: WorldIndex;
  private world: SimWorld;
  /** Facade-side facts per machine id, in creation order (which keeps telemetry columns stable). */
  private metas = new Map<string, MachineMeta>();
  private nameKeys = new Map<string, string>();
  /** Disks, snapshots, adapters and leases of every machine. */
  private library: MachineLibrary;
  private growth = new ThinGrowth();
  private readonly port: FacadePort = this.makePort();
  private readonly ops = new Operations(this.port);
  private utilisation = new HostUtilisation();
  private forwarding = new ControlForwarding();
  /** Simulated time handed to advance() that does not yet fill a whole step. */
  private carryMs = 0;
  private outbox: EngineNotification[] = [];

  private readonly handlers: Handlers = {
    init: (input) => this.init(input),
    listHosts: () => this.listHosts(),
    getHostActivity: () => hostActivities(this.world, this.index, this.utilisation, this.forwarding, this.ops.listStorage()),
    listMachines: () => this.listMachines(),
    getMachine: ({ id }) => this.getMachine(id),
    createMachine: ({ id, spec, options }) => this.createMachine(id, spec, options),
    lifecycle: ({ id, action }) => this.lifecycle(id, action),
    deleteMachine: ({ id }) => this.deleteMachine(id),
    checkFit: (input) => this.checkFit(input),
    getMetrics: ({ id }) => this.getMetrics(id),
    listEvents: (input) => this.listEvents(input),
    getClock: () => this.getClock(),
    getMachineConfig: ({ id }) => this.ops.machineConfig(this.requireMeta(id).id),
    exportRecords: () => this.ops.exportRecords(),
    takeSnapshot: (input) => this.ops.takeSnapshot(input),
    restoreSnapshot: (input) => this.ops.restoreSnapshot(input),
    deleteSnapshot: (input) => this.ops.deleteSnapshot(input),
    listSnapshots: ({ id }) => this.ops.listSnapshots(this.requireMeta(id).id),
    cloneMachine: (input) => this.ops.cloneMachine(input),
    updateSettings: (input) => this.ops.updateSettings(input),
    getSettingsRules: ({ id }) => this.ops.settingsRules(this.requireMeta(id).id),
    listStorage: () => this.ops.listStorage(),
    listNetworks: () => this.ops.listNetworks(),
  };

  constructor(options: EngineOptions) {
    this.seedValue = options.seed >>> 0;
    this.speedValue = options.speed ?? 1;
    this.index = new WorldIndex(options.directory ?? defaultDirectory);
    this.world = this.freshWorld(this.seedValue, 0);
    this.library = this.freshLibrary();
  }

  get seed(): number {
    return this.seedValue;
  }

  /** Simulated milliseconds per real millisecond, for whoever drives the clock. */
  get speed(): number {
    return this.speedValue;
  }

  get simTimeMs(): number {
    return this.world.nowMs;
  }

  /** Runs one command after checking its input; throws AppError when refused, in which case nothing changed. */
  handle<C extends EngineCoreCommand>(command: C, input: EngineInput<C>): EngineOutput<C> {
    const parsed = parseEngineInput(command, input);
    const handler: (input: EngineInput<C>) => EngineOutput<C> = this.handlers[command];
    return handler(parsed);
  }

  /** Moves simulated time forward in fixed steps and returns every notification produced since the last call. */
  advance(ms: number): EngineNotification[] {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() needs a finite, non-negative duration (got ${ms})`);
    this.carryMs += ms;
    // The tolerance absorbs float drift from fractional speeds (e.g. 100 ms × 1/3 each tick).
    while (this.carryMs >= substepMs - 1e-6) {
      this.carryMs -= substepMs;
      this.world.advance(substepMs);
      if (this.world.nowMs % telemetryPeriodMs === 0) this.onSecond();
    }
    return this.takeNotifications();
  }

  /** Notifications from commands and steps not yet handed out, oldest first. */
  takeNotifications(): EngineNotification[] {
    const taken = this.outbox;
    this.outbox = [];
    return taken;
  }

  /** Starts afresh with a new seed and speed in a new default world, restoring machines as powered off. All or nothing. */
  init(input: EngineInput<'init'>): EngineOutput<'init'> {
    const seed = input.seed >>> 0;
    const world = this.freshWorld(seed, input.machines.length);
    // A restarted engine carries on from where the crashed one stopped, so time never runs backwards for the backend.
    world.nowMs = input.startMs ?? 0;
    const restored = restoreMachines(world, this.index, input.machines, input.skipInvalid === true);
    const library = this.freshLibrary();
    importConfigs(library, restored.skipped.length === 0 ? input.machines : input.machines.filter((record) => restored.metas.has(record.id)));
    this.seedValue = seed;
    this.speedValue = input.speed;
    this.world = world;
    this.metas = restored.metas;
    this.nameKeys = restored.nameKeys;
    this.library = library;
    this.growth = new ThinGrowth();
    this.utilisation = new HostUtilisation();
    this.forwarding = new ControlForwarding();
    this.carryMs = 0;
    this.outbox = [];
    return restored.skipped.length === 0 ? { simTimeMs: world.nowMs } : { simTimeMs: world.nowMs, skipped: restored.skipped };
  }

  listHosts(): Host[] {
    return listHosts(this.world, this.index, this.utilisation);
  }

  /** Ordered by name, as the API promises. */
  listMachines(): Machine[] {
    return [...this.metas.values()].map((meta) => this.machineOf(meta)).sort(compareByName);
  }

  getMachine(id: string): Machine {
    return this.machineOf(this.requireMeta(id));
  }

  createMachine(id: string, spec: NewMachineSpec, options: EngineInput<'createMachine'>['options'] = {}): Machine {
    if (this.metas.has(id)) throw new AppError('CONFLICT', `A machine with id "${id}" already exists`, 'id');
    const name = spec.name.trim();
    if (this.nameKeys.has(machineNameKey(name))) throw new AppError('CONFLICT', `A machine named "${name}" already exists`, 'name');
    const platform = this.index.resolvePlatform(spec);
    const nameOf = (machineId: string) => this.port.nameOf(machineId);
    const provision = planProvision(this.port, { machineId: id, hostId: platform.hostId, osType: spec.osType, diskGiB: spec.diskGiB, options: { ...options, nics: options.nics?.map((nic) => ({ ...nic, ipMode: nic.ipMode ?? 'dhcp' })) } }, nameOf);
    this.addGuest(id, platform.id, name, spec);
    if (spec.group !== undefined) this.metas.set(id, { ...this.metas.get(id)!, group: spec.group.trim() });
    provision();
    return this.notifyUpsert(this.metas.get(id)!);
  }

  /** Creates the simulated guest and the facade's record of it; a refusal changes nothing. */
  private addGuest(id: string, platformId: string, name: string, spec: Parameters<typeof guestInputFor>[2]): void {
    const platform = this.index.requirePlatform(platformId);
    try {
      this.world.addGuest(guestInputFor(platform, name, spec, id));
    } catch (error) {
      throw error instanceof AppError ? toContractError(error) : error;
    }
    this.metas.set(id, { id, osType: spec.osType, platformId: platform.id, createdAtMs: this.world.nowMs });
    this.nameKeys.set(machineNameKey(name), id);
  }

  lifecycle(id: string, action: LifecycleAction): Machine {
    const rec = this.requireRec(id);
    if (action === 'start') checkStart(this.port, id);
    // The world announces each state change through onStateChange, so nothing is queued here.
    const run = { start: () => this.world.start(rec.spec.name), pause: () => this.world.pause(rec.spec.name), resume: () => this.world.resume(rec.spec.name), stop: () => this.world.stop(rec.spec.name) };
    try {
      run[action]();
    } catch (error) {
      throw error instanceof AppError ? toContractError(error) : error;
    }
    return this.getMachine(id);
  }

  /** Storage first (disks, memory states, leases), then the configuration; refused while the machine runs. */
  deleteMachine(id: string): { id: string; freedMiB: number } {
    const rec = this.requireRec(id);
    const name = rec.spec.name;
    // The world's own refusals (not powered off, hosting a platform) come before anything is freed.
    if (this.world.g.state[rec.slot] !== S_OFF || rec.hostsPool >= 0) this.world.deleteGuest(name);
    const freed = this.library.forget(id);
    this.growth.forget(id);
    this.world.deleteGuest(name);
    this.metas.delete(id);
    this.nameKeys.delete(machineNameKey(name));
    this.outbox.push({ kind: 'machineRemoved', id });
    return { id, freedMiB: Math.round(freed) };
  }

  checkFit(input: FitCheckInput): FitVerdict {
    return checkFit(this.world, this.index, input, (name) => this.nameKeys.has(machineNameKey(name)));
  }

  getMetrics(id: string): MachineMetrics {
    return metricsOf(this.world, this.requireRec(id), id);
  }

  listEvents(input: EngineInput<'listEvents'>): SimEvent[] {
    return listEvents(this.world, this.index, input);
  }

  getClock(): { simTimeMs: number; speed: number } {
    return { simTimeMs: this.world.nowMs, speed: this.speedValue };
  }

  private freshWorld(seed: number, machines: number): SimWorld {
    const world = buildWorld(seed, this.index.directory, 32 + machines);
    world.onStateChange = (rec) => {
      const meta = rec.id === undefined ? undefined : this.metas.get(rec.id);
      if (meta && world === this.world) this.notifyUpsert(meta);
    };
    return world;
  }

  /** Host utilisation and one telemetry batch from the second that just ended. */
  private onSecond(): void {
    const world = this.world;
    this.utilisation.take(world);
    this.forwarding.take(world);
    this.growth.settle(this.port);
    const batch = buildTelemetryBatch(world, this.metas.keys());
    this.outbox.push({ kind: 'telemetry', batch });
  }

  private machineOf(meta: MachineMeta): Machine {
    const first = this.library.configs.get(meta.id)?.nics[0];
    const nic = { mac: first?.mac ?? '', network: first?.attachment ?? 'nat' };
    return toMachine(this.world, this.index, meta, this.world.guestWithId(meta.id)!, nic);
  }

  private freshLibrary(): MachineLibrary {
    const pools = this.index.directory.hosts.map((host) => ({ hostId: host.id, name: `${host.name} storage`, capacityMiB: gib(host.sim.storageGiB ?? 2048) }));
    return new MachineLibrary(pools, defaultNetworks);
  }

  /** The facade as the operation modules see it; getters follow `init` replacing the world and library. */
  private makePort(): FacadePort {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the port is a view of this facade
    const engine = this;
    return {
      get world() {
        return engine.world;
      },
      get index() {
        return engine.index;
      },
      get library() {
        return engine.library;
      },
      get seed() {
        return engine.seedValue;
      },
      rec: (machineId) => engine.requireRec(machineId),
      nameOf: (machineId) => engine.world.guestWithId(machineId)?.spec.name ?? machineId,
      stateOf: (machineId): MachineState => machineStates[engine.world.g.state[engine.requireRec(machineId).slot]!]!,
      machineIds: () => [...engine.metas.keys()],
      osTypeOf: (machineId) => engine.requireMeta(machineId).osType,
      hostNameOf: (machineId) => engine.world.hostNameOf(engine.requireRec(machineId)),
      log: (machineId, kind, message) => {
        const rec = engine.requireRec(machineId);
        engine.world.events.add(engine.world.nowMs, engine.world.hostNameOf(rec), rec.spec.name, kind, message);
      },
      upsert: (machineId) => engine.notifyUpsert(engine.requireMeta(machineId)),
      nameHolder: (name) => engine.nameKeys.get(machineNameKey(name)),
      hasMachine: (machineId) => engine.metas.has(machineId),
      createGuest: (cloneId, sourceId, name, settings) => {
        const source = engine.requireRec(sourceId);
        const sourceMeta = engine.requireMeta(sourceId);
        engine.addGuest(cloneId, sourceMeta.platformId, name, { ...settings, workload: source.spec.workload });
        // A clone joins its source's group, as in VirtualBox.
        if (sourceMeta.group !== undefined) engine.metas.set(cloneId, { ...engine.requireMeta(cloneId), group: sourceMeta.group });
      },
      renamed: (machineId, oldName) => {
        engine.nameKeys.delete(machineNameKey(oldName));
        engine.nameKeys.set(machineNameKey(engine.requireRec(machineId).spec.name), machineId);
      },
      setOsType: (machineId, osType) => {
        engine.requireMeta(machineId).osType = osType;
      },
      record: (machineId): MachineRecord => {
        const { state: _s, stateSinceMs: _t, chain: _c, kind: _k, ...record } = engine.getMachine(machineId);
        return record;
      },
    };
  }

  private requireMeta(id: string): MachineMeta {
    const meta = this.metas.get(id);
    if (!meta) throw new AppError('NOT_FOUND', `There is no machine with id "${id}"; it may have been deleted`, 'id');
    return meta;
  }

  private requireRec(id: string): GuestRec {
    this.requireMeta(id);
    return this.world.guestWithId(id)!;
  }

  private notifyUpsert(meta: MachineMeta): Machine {
    this.outbox.push({ kind: 'machineUpserted', machine: this.machineOf(meta) });
    // A separate snapshot so a caller mutating the reply cannot alter the queued notification.
    return this.machineOf(meta);
  }
}

/** Names sort case-insensitively, ids break ties, so lists are the same on every run. */
function compareByName(a: Machine, b: Machine): number {
  const ka = machineNameKey(a.name);
  const kb = machineNameKey(b.name);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
