// Engine facade: answers the worker protocol's commands on the simulation core and reports exactly what each one changed.
import { AppError } from '../shared/errors.ts';
import { machineNameKey } from '../shared/domain/machine.ts';
import type { FitCheckInput, Machine, NewMachineSpec } from '../shared/domain/machine.ts';
import type { FitVerdict } from '../shared/domain/fitCheck.ts';
import { isPoweredDown } from '../shared/domain/machineState.ts';
import type { LifecycleAction } from '../shared/domain/machineState.ts';
import type { EngineChanges, EngineInput, EngineInventory, EngineNotification, EngineOutput } from '../shared/engine/protocol.ts';
import type { RemovalMode } from '../shared/domain/removal.ts';
import { ChangeRecorder } from './changeRecorder.ts';
import type { ChangeSources } from './changeRecorder.ts';
import { parseEngineInput } from './commandSchemas.ts';
import type { EngineCoreCommand } from './commandSchemas.ts';
import { importConfigs } from './configRecords.ts';
import type { Datacenter } from './datacenter/datacenter.ts';
import { createDatacenter, datacenterHandlers } from './datacenterCommands.ts';
import { buildWorld, defaultDirectory } from './defaultWorld.ts';
import type { WorldDirectory } from './defaultWorld.ts';
import { listEvents, toContractEvent } from './eventsView.ts';
import { guestInputFor, toContractError } from './fitView.ts';
import { kindDescriptions } from './kinds/registry.ts';
import { MachineConfigStore } from './machineConfigStore.ts';
import { toMachine, toRecord } from './machineView.ts';
import { labelFields } from '../shared/domain/machineLabels.ts';
import { labelMachines } from './labels.ts';
import { runBatch } from './batch.ts';
import { noteRefusal } from './refusals.ts';
import { defaultNetworks } from './network/networkCatalog.ts';
import { rehomeAdapters } from './network/rehome.ts';
import { engineInventory } from './inventoryView.ts';
import { libraryHandlers } from './libraryCommands.ts';
import { defaultIsoImages } from './media/isoStore.ts';
import { commitRemoval, removalSet } from './removal/removalOps.ts';
import { kindModule } from './kinds/registry.ts';
import { opsContext } from './opsContext.ts';
import { Operations } from './operations.ts';
import type { FacadePort } from './operations.ts';
import { choosePlatform } from './platformChoice.ts';
import { restoreMachines } from './restore.ts';
import { runLifecycle } from './power/lifecycleOps.ts';
import { stepMs } from './sim/clock.ts';
import type { SimWorld } from './sim/world.ts';
import { gib } from './storage/diskMath.ts';
import { planProvision } from './storage/provision.ts';
import { ThinGrowth } from './storage/thinGrowth.ts';
import { ContainerRuntime } from './containers/containerRuntime.ts';
import { checkContainerFit, containerGuestPlan } from './containers/containerCreation.ts';
import type { ContainerSources } from './containers/containerCreation.ts';
import { noDiskOperation } from './containers/hostProcessRules.ts';
import { planHostProcessProvision } from './containers/hostProcessProvision.ts';
import { withApplicationChanges } from './orchestration/appChanges.ts';
import { applicationHandlers } from './orchestration/applicationHandlers.ts';
import { worldCluster } from './orchestration/cluster.ts';
import { Orchestrator } from './orchestration/orchestrator.ts';
import { newDiskNote } from './storage/diskNotes.ts';

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

/** Commands that may change the inventory (networks, installed platforms, ISO images, kept disk files). */
const inventoryCommands: ReadonlySet<EngineCoreCommand> = new Set([
  'createMachine',
  'updateSettings',
  'deleteMachine',
  'createNetwork',
  'updateNetwork',
  'deleteNetwork',
  'installPlatform',
  'addIsoImage',
  'removeMedium',
  'compactDisk',
]);

export class Engine {
  private seedValue: number;
  private speedValue: number;
  private readonly directory: WorldDirectory;
  private world: SimWorld;
  /** Disks, snapshots, adapters and leases of every machine. */
  private configs: MachineConfigStore;
  /** Clusters, migrations, host power, balancing, HA and energy around the world. */
  private datacenter: Datacenter;
  private growth = new ThinGrowth();
  /** Standalone containers' settings and restart policies; its layer cache is shared with the orchestrator. */
  private containers = new ContainerRuntime();
  /** Applications of replicated containers across the container hosts. */
  private apps: Orchestrator = this.freshApps(this.containers);
  private readonly port: FacadePort = this.makePort();
  private readonly ops = new Operations(this.port);
  private readonly changes = new ChangeRecorder();
  /** Simulated time handed to advance() that does not yet fill a whole step. */
  private carryMs = 0;
  /** The inventory as last handed out, to tell when a command changed it. */
  private inventoryJson = '';

  private readonly handlers: Handlers = {
    init: (input) => this.init(input),
    listHosts: () => this.world.listHosts(),
    getHostActivity: () => {
      const pools = this.ops.listStorage();
      return this.world.hostActivity().map((activity) => {
        const own = pools.filter((pool) => pool.hostId === activity.hostId);
        const capacityMiB = own.reduce((sum, pool) => sum + pool.capacityMiB, 0);
        const usedMiB = own.reduce((sum, pool) => sum + pool.usedMiB, 0);
        return { ...activity, storage: { capacityGiB: round2(capacityMiB / 1024), usedGiB: round2(usedMiB / 1024) } };
      });
    },
    listMachines: () => this.listMachines(),
    getMachine: ({ id }) => this.machine(id),
    createMachine: ({ id, spec, options }) => this.createMachine(id, spec, options),
    lifecycle: ({ id, action }) => this.lifecycle(id, action),
    deleteMachine: ({ id, mode }) => this.deleteMachine(id, mode),
    checkFit: (input) => this.checkFit(input),
    getMetrics: ({ id }) => this.world.metrics(id),
    listEvents: (input) => listEvents(this.world.events(), input),
    getClock: () => ({ simTimeMs: this.world.nowMs, speed: this.speedValue }),
    getMachineConfig: ({ id }) => this.ops.machineConfig(this.requireMachine(id)),
    listKinds: () => kindDescriptions(),
    takeSnapshot: (input) => this.withFamily(input.id, () => (this.requireDisk(input.id, 'snapshot'), this.ops.takeSnapshot(input))),
    restoreSnapshot: (input) => this.withFamily(input.id, () => this.ops.restoreSnapshot(input)),
    deleteSnapshot: (input) => this.withFamily(input.id, () => this.ops.deleteSnapshot(input)),
    listSnapshots: ({ id }) => this.ops.listSnapshots(this.requireMachine(id)),
    cloneMachine: (input) => {
      this.requireDisk(input.id, 'clone');
      this.ops.cloneMachine(input);
      // The clone is new; only machines sharing its disk images changed with it (a linked clone's source gained the base
      // snapshot both build on). A full clone leaves its source as it was.
      this.changes.configChanged(input.cloneId, ...this.configs.relatedMachines(input.cloneId));
      return this.machine(input.cloneId);
    },
    updateSettings: (input) => this.withFamily(input.id, () => (this.ops.updateSettings(input), this.machine(input.id))),
    getSettingsRules: ({ id }) => this.ops.settingsRules(this.requireMachine(id)),
    checkSettings: (input) => this.ops.checkSettings(input),
    checkMigration: (input) => {
      this.requireMachine(input.id);
      return this.ops.checkMigration(input);
    },
    migrateMachine: (input) => this.withFamily(input.id, () => (this.ops.migrateMachine(input), this.machine(input.id))),
    listStorage: () => this.ops.listStorage(),
    listNetworks: () => this.ops.listNetworks(),
    labelMachines: ({ ids, patch }) => {
      for (const id of ids) this.requireMachine(id);
      labelMachines(this.configs, ids, patch);
      this.changes.configChanged(...ids);
      return ids.map((id) => this.machine(id));
    },
    batch: ({ steps }) => runBatch(steps, (command, input) => this.handle(command, input)),
    ...libraryHandlers(this.port, this.changes),
    ...datacenterHandlers(
      () => this.datacenter,
      () => this.world,
    ),
    ...applicationHandlers({
      world: () => this.world,
      containers: () => this.containers,
      apps: () => this.apps,
      configs: () => this.configs,
      requireMachine: (id) => this.requireMachine(id),
    }),
  };

  constructor(options: EngineOptions) {
    this.seedValue = options.seed >>> 0;
    this.speedValue = options.speed ?? 1;
    this.directory = options.directory ?? defaultDirectory;
    this.world = this.freshWorld(this.seedValue, 0);
    this.configs = this.freshConfigs(this.world);
    this.datacenter = this.newDatacenter(this.world);
    this.changes.reset(this.world.eventCount());
    this.inventoryJson = JSON.stringify(engineInventory(this.configs));
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
    const handler = this.handlers[command] as (input: EngineInput<C>) => EngineOutput<C>;
    const eventsBefore = this.world.eventCount();
    let result: EngineOutput<C>;
    try {
      result = handler(parsed);
    } catch (error) {
      // Every refusal of an operation on a machine is in its log, also those refused before the core saw them.
      noteRefusal(this.world, command, parsed, error, eventsBefore);
      throw error;
    }
    if (inventoryCommands.has(command)) this.noteInventory();
    return result;
  }

  /** Marks the inventory changed when it differs from what was last handed out. */
  private noteInventory(): void {
    const json = JSON.stringify(engineInventory(this.configs));
    if (json === this.inventoryJson) return;
    this.inventoryJson = json;
    this.changes.inventoryChanged();
  }

  /** What commands and simulated time changed since the last call (machines, records, removals, events). */
  takeChanges(): EngineChanges | undefined {
    // A machine that changed host (migration, HA restart) has a new record to save.
    for (const id of this.datacenter.takeMoved()) this.changes.configChanged(id);
    return withApplicationChanges(this.changes.take(this.sources), this.apps.takeChanges());
  }

  /** Moves simulated time forward in fixed steps and returns the telemetry and changes produced meanwhile. */
  advance(ms: number): EngineNotification[] {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() needs a finite, non-negative duration (got ${ms})`);
    const out: EngineNotification[] = [];
    this.carryMs += ms;
    // The tolerance absorbs float drift from fractional speeds (e.g. 100 ms × 1/3 each tick).
    while (this.carryMs >= substepMs - 1e-6) {
      this.carryMs -= substepMs;
      this.world.advance(substepMs);
      this.containers.tick(this.world);
      this.apps.tick();
      if (this.world.nowMs % telemetryPeriodMs === 0) {
        this.growth.settle(this.port);
        out.push({ kind: 'telemetry', batch: this.world.telemetryBatch() });
      }
    }
    const changes = this.takeChanges();
    if (changes) out.push({ kind: 'changes', changes });
    return out;
  }

  /** Starts afresh with a new seed and speed in a new default world, restoring machines as powered off. All or nothing. */
  init(input: EngineInput<'init'>): EngineOutput<'init'> {
    const seed = input.seed >>> 0;
    const world = this.freshWorld(seed, input.machines.length);
    // A restarted engine carries on from where the crashed one stopped, so time never runs backwards for the backend.
    world.startAt(input.startMs ?? 0);
    const inventory = input.inventory;
    const containers = new ContainerRuntime();
    const restoredSet = restoreMachines(world, input.machines, input.skipInvalid === true, inventory?.platforms ?? [], (record) => containers.restoredGuest(record));
    const configs = this.freshConfigs(world, inventory);
    configs.platforms = restoredSet.platforms;
    importConfigs(configs, restoredSet.restored, inventory?.keptImages ?? []);
    const rehomed = rehomeAdapters(configs);
    for (const record of restoredSet.restored) if (kindModule(world.guest(record.id).kind).guestRuntime === 'container') containers.restoreRecord(record);
    const apps = new Orchestrator(worldCluster(() => world), containers.layers);
    const skippedApplications = apps.restore(input.applications ?? [], input.skipInvalid === true);
    this.seedValue = seed;
    this.speedValue = input.speed;
    this.world = world;
    this.configs = configs;
    this.datacenter = this.newDatacenter(world);
    if (input.datacenter) this.datacenter.applySettings(input.datacenter);
    this.containers = containers;
    this.apps = apps;
    this.growth = new ThinGrowth();
    this.carryMs = 0;
    this.changes.reset(world.eventCount());
    this.changes.configChanged(...rehomed);
    // The backend saves what init started from (getInventory) when the library's differs; later commands report changes.
    this.inventoryJson = JSON.stringify(engineInventory(configs));
    const out: EngineOutput<'init'> = { simTimeMs: world.nowMs };
    if (restoredSet.skipped.length > 0) out.skipped = restoredSet.skipped;
    if (restoredSet.skippedPlatforms.length > 0) out.skippedPlatforms = restoredSet.skippedPlatforms;
    if (skippedApplications.length > 0) out.skippedApplications = skippedApplications;
    return out;
  }

  /** Ordered by name, as the API promises. */
  listMachines(): Machine[] {
    return this.world.guestIds().map((id) => this.machine(id)).sort(compareByName);
  }

  createMachine(id: string, spec: NewMachineSpec, options: EngineInput<'createMachine'>['options'] = {}): Machine {
    if (this.world.has(id)) throw new AppError('CONFLICT', `A machine with id "${id}" already exists`, 'id');
    const name = spec.name.trim();
    if (this.world.idByName(name) !== undefined) throw new AppError('CONFLICT', `A machine named "${name}" already exists`, 'name');
    const platformId = choosePlatform(this.world, this.directory, spec);
    const hostId = this.world.platform(platformId).hostId;
    const nameOf = (machineId: string) => this.port.nameOf(machineId);
    const nics = options.nics?.map((nic) => ({ ...nic, ipMode: nic.ipMode ?? 'dhcp' }));
    const labels = labelFields({ group: spec.group, owner: spec.owner, purpose: spec.purpose, tags: spec.tags, expiresOn: spec.expiresOn });
    const runtime = kindModule(this.world.platform(platformId).kind).guestRuntime ?? 'machine';
    const container = containerGuestPlan(this.containerSources(), runtime, hostId, spec);
    const macPrefix = kindModule(this.world.platform(platformId).kind).description.macPrefix;
    const provision =
      runtime === 'machine'
        ? planProvision(this.port, { machineId: id, hostId, macPrefix, osType: spec.osType, diskGiB: spec.diskGiB, labels, options: { ...options, nics } }, nameOf)
        : planHostProcessProvision(this.port, { machineId: id, hostId, diskGiB: spec.diskGiB, labels });
    this.addGuest(id, platformId, name, { ...spec, osType: container?.os ?? spec.osType }, container?.guest);
    provision();
    if (container) this.containers.add(id, hostId, container.settings, container.image);
    this.changes.configChanged(id);
    return this.machine(id);
  }

  /** Creates the simulated guest; a refusal changes nothing. */
  private addGuest(id: string, platformId: string, name: string, spec: Parameters<typeof guestInputFor>[2], extras: Parameters<typeof guestInputFor>[5] = {}): void {
    try {
      this.world.addGuest(guestInputFor(platformId, name, spec, id, undefined, extras));
    } catch (error) {
      throw error instanceof AppError ? toContractError(error) : error;
    }
  }

  lifecycle(id: string, action: LifecycleAction): Machine {
    this.requireMachine(id);
    // Noted first: a power-off ends a container at once, and that exit must not count as a failure to restart from.
    const undoNote = this.containers.noteCommand(id, action);
    try {
      if (action === 'start') this.datacenter.checkPowerOn(id);
      const wasAborted = this.world.stateOf(id) === 'Aborted';
      // A saved state written or used up changes the record (and the pool), so does leaving Aborted; the core announced
      // the state change itself.
      if (runLifecycle(this.port, id, action) || wasAborted) this.changes.configChanged(id);
    } catch (error) {
      undoNote();
      throw error instanceof AppError ? toContractError(error) : error;
    }
    return this.machine(id);
  }

  /**
   * Storage first (disks, memory states, leases), then the guests; refused, changing nothing, while a machine concerned
   * runs. Machines sharing images with those removed (linked clones, their sources) get new records.
   */
  deleteMachine(id: string, mode: RemovalMode = 'deleteAll'): { id: string; freedMiB: number; removed: string[] } {
    this.requireMachine(id);
    const concerned = removalSet(this.port, id, mode);
    for (const machineId of concerned) this.assertNotMigrating(machineId, 'deleting it');
    const before = new Set(concerned.flatMap((machineId) => this.configs.relatedMachines(machineId)));
    const { freedMiB, removed } = commitRemoval(this.port, id, mode);
    for (const machineId of removed) {
      this.growth.forget(machineId);
      this.containers.forget(machineId);
      this.world.deleteGuest(machineId);
      this.datacenter.forget(machineId);
      this.changes.removed(machineId);
    }
    for (const machineId of before) if (!removed.includes(machineId)) this.changes.configChanged(machineId);
    return { id, freedMiB, removed };
  }

  checkFit(input: FitCheckInput): FitVerdict {
    return { ...checkContainerFit(this.world, this.directory, this.containerSources(), input), disk: newDiskNote(input.osType, input.diskGiB, input.diskAllocation ?? 'dynamic') };
  }

  private machine(id: string): Machine {
    return toMachine(this.world, this.configs, this.requireMachine(id));
  }

  private readonly sources: ChangeSources = {
    machine: (id) => toMachine(this.world, this.configs, id),
    record: (id) => this.containers.withSettings(toRecord(this.world, this.configs, id)),
    eventsSince: (cursor) => ({ events: this.world.eventsSince(cursor).map(toContractEvent), cursor: this.world.eventCount() }),
    inventory: () => engineInventory(this.configs),
    datacenter: () => this.datacenter.takeChanges(),
    datacenterSettings: () => this.datacenter.takeSettings(),
  };

  /**
   * Runs a configuration change of `id` and marks it, and every machine sharing disk images with it before or after
   * (linked clones and their sources), as changed: their records carry those images.
   */
  private withFamily<T>(id: string, run: () => T): T {
    this.requireMachine(id);
    this.assertNotMigrating(id, 'changing it');
    const before = this.configs.relatedMachines(id);
    const result = run();
    this.changes.configChanged(id, ...before, ...this.configs.relatedMachines(id));
    return result;
  }

  private freshWorld(seed: number, machines: number): SimWorld {
    const world = buildWorld(seed, this.directory, 32 + machines);
    world.onStateChange((id) => {
      if (world !== this.world) return;
      this.containers.onStateChange(world, id);
      // Powering off (or saving) settles what a run changed (thin disks grown, leases): the record is saved then, not every second.
      if (isPoweredDown(world.stateOf(id))) this.changes.configChanged(id);
      else this.changes.viewChanged(id);
    });
    return world;
  }

  private freshApps(containers: ContainerRuntime): Orchestrator {
    return new Orchestrator(worldCluster(() => this.world), containers.layers);
  }

  /** What creating a container needs: its settings checked against images and the host ports replicas hold. */
  private containerSources() {
    return { runtime: this.containers, portHolder: (hostId: string, port: number) => this.apps.portHolder(hostId, port) } satisfies ContainerSources;
  }

  /** Snapshots and clones are of virtual disks: containers and process VMs have none. */
  private requireDisk(id: string, operation: 'snapshot' | 'clone'): void {
    this.requireMachine(id);
    const guest = this.world.guest(id);
    const refusal = noDiskOperation(guest.kind, guest.name, operation);
    if (refusal) throw new AppError('INVALID_STATE', refusal, 'id');
  }

  /** Pools of the directory's hosts; networks and ISO images from the library's inventory, or the defaults. */
  private freshConfigs(world: SimWorld, inventory?: EngineInventory): MachineConfigStore {
    const pools = this.directory.hosts.map((host) => ({ hostId: host.id, name: `${host.name} storage`, capacityMiB: gib(host.storageGiB ?? 2048) }));
    const hostIds = this.directory.hosts.map((host) => host.id);
    const networks = inventory && inventory.networks.length > 0 ? inventory.networks : defaultNetworks(hostIds);
    const isos = inventory ? inventory.isoImages : defaultIsoImages;
    return new MachineConfigStore(pools, networks, isos, (hostId) => world.host(hostId)?.name ?? hostId);
  }

  /** The facade as the operation modules see it; getters follow `init` replacing the world and configurations. */
  private makePort(): FacadePort {
    const context = opsContext(
      () => this.world,
      () => this.configs,
      () => this.seedValue,
    );
    return Object.assign(context, {
      nameHolder: (name: string) => this.world.idByName(name),
      createGuest: (cloneId: string, sourceId: string, name: string, settings: { osType: string; vcpus: number; memoryMiB: number; diskGiB: number }) => {
        const source = this.world.guest(sourceId);
        this.addGuest(cloneId, source.platformId, name, { ...settings, workload: source.workload });
      },
    });
  }

  private newDatacenter(world: SimWorld): Datacenter {
    const config = { clusters: this.directory.clusters ?? [], ...(this.directory.hostSpecs ? { hosts: this.directory.hostSpecs } : {}) };
    return createDatacenter(world, config, this.port);
  }

  /** A machine moving between hosts (disks, memory) cannot be changed or deleted until it arrives or is cancelled. */
  private assertNotMigrating(id: string, what: string): void {
    const migration = this.world.cluster.migrationOf(id);
    if (migration) throw new AppError('INVALID_STATE', `"${migration.machineName}" is migrating to another host; wait for it to finish (or cancel it) before ${what}`, 'state');
  }

  private requireMachine(id: string): string {
    if (!this.world.has(id)) throw new AppError('NOT_FOUND', `There is no machine with id "${id}"; it may have been deleted`, 'id');
    return id;
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Names sort case-insensitively, ids break ties, so lists are the same on every run. */
function compareByName(a: Machine, b: Machine): number {
  const ka = machineNameKey(a.name);
  const kb = machineNameKey(b.name);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
