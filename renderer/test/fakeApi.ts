// In-memory ApiClient for store and component tests: a small model of the backend plus call records and event emission.
import { fakeKinds } from './fakeKinds.ts';
import { AppError } from '../../shared/errors.ts';
import { osTypes } from '../../shared/domain/osTypes.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import type { FitCheckInput, Machine, NewMachineSpec } from '../../shared/domain/machine.ts';
import type { Host } from '../../shared/domain/host.ts';
import type { MachineMetrics, SimEvent } from '../../shared/domain/machineMetrics.ts';
import type { EngineStatus } from '../../shared/domain/engineStatus.ts';
import { actionAllowedFrom } from '../../shared/domain/machineState.ts';
import type { LifecycleAction, MachineState } from '../../shared/domain/machineState.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/methods.ts';
import type { EventListener, EventName, EventPayload, Unsubscribe } from '../../shared/api/events.ts';
import { withMethods } from '../api/apiClient.ts';
import type { ApiClient, ApiTransport, ConnectionState } from '../api/apiClient.ts';
import { fakeFitCheck, machineChain, resolvePlacement, worldHosts } from './fakeWorld.ts';
import { FakeMachineOps } from './fakeMachineOps.ts';
import { FakeAppliances } from './fakeAppliances.ts';
import { FakeDatacenter } from './fakeDatacenter.ts';
import { FakeMedia } from './fakeMedia.ts';
import { buildFrame, emptyHistory, fakeHostActivity } from './fakeTelemetry.ts';
import type { SampleValue } from './fakeTelemetry.ts';
import type { CloneOptions, SettingsPatch } from '../../shared/domain/machineConfig.ts';
import type { TakeSnapshotSpec } from '../../shared/domain/snapshot.ts';
import type { ApplicationView } from '../../shared/domain/applicationView.ts';
import { fakeContainerDetails, fakeImageCatalogue, fakeNodes } from './fakeApplications.ts';
import { emptySprawl, exportEvents, labelMachines, queryEvents, runBulk } from './fakeManager.ts';
import type { ManagerHost } from './fakeManager.ts';

/** The default world's first host (Atlas, with Atlas ESX), as listHosts returns it with no machines. */
export const testHost: Host = worldHosts([])[0]!;

let idCounter = 0;
export function makeMachine(overrides: Partial<Machine> = {}): Machine {
  idCounter += 1;
  const hex = idCounter.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    name: `vm-${idCounter}`,
    osType: 'debian64',
    hostId: 'host-1',
    platformId: 'esx-atlas',
    kind: 'type1',
    workload: 'web',
    chain: ['Atlas hardware (x86_64)', 'Type 1: Atlas ESX', `vm-${idCounter}`],
    vcpus: 1,
    memoryMiB: 1024,
    diskGiB: 20,
    nic: { mac: `08:00:27:00:00:${(idCounter % 256).toString(16).padStart(2, '0')}`, network: 'nat' },
    state: 'PoweredOff',
    stateSinceMs: 0,
    createdAtMs: 0,
    ...overrides,
    ...(overrides.name !== undefined && overrides.chain === undefined ? { chain: ['Atlas hardware (x86_64)', 'Type 1: Atlas ESX', overrides.name] } : {}),
  };
}

/** Believable metrics for a running machine of each kind: guest work plus the kind's typical overheads. */
export function fakeMetrics(machine: Machine, simTimeMs: number): MachineMetrics {
  const busy = machine.state === 'Running' ? Math.min(machine.vcpus, 0.6 * machine.vcpus) : 0;
  const share = { vmm: 0.06, translation: 0, hostOs: 0, io: 0.04 };
  if (machine.kind === 'type2') Object.assign(share, { vmm: 0.08, translation: 0.3, hostOs: 0.07 });
  if (machine.kind === 'emulator') Object.assign(share, { vmm: 0.02, translation: 0.8, hostOs: 0.03 });
  if (machine.kind === 'containers') Object.assign(share, { vmm: 0, io: 0.02 });
  if (machine.kind === 'type0') Object.assign(share, { vmm: 0.01, io: 0.02 });
  const guestWork = busy * (1 - share.vmm - share.translation - share.hostOs - share.io);
  const overhead = busy - guestWork;
  const causes = overhead > 0 ? [{ cause: 'interrupts', label: 'interrupts', mechanism: 'VM exit (trap and emulate)', cores: overhead, share: 1 }] : [];
  const breakdown = { guestWork, vmm: busy * share.vmm, translation: busy * share.translation, hostOs: busy * share.hostOs, io: busy * share.io, causes };
  return {
    machineId: machine.id,
    simTimeMs,
    cpu: { grantedCores: busy, guestCores: guestWork, overheadCores: busy - guestWork, readyPerVcpu: 0.031 },
    breakdown,
    usefulCores: machine.kind === 'emulator' ? guestWork / 10 : guestWork,
    memory: { usedMiB: Math.round(machine.memoryMiB * 0.55), balloonedMiB: 128, sharedMiB: 64, swappedMiB: 0 },
    disk: { readMBps: 4.2, writeMBps: 1.1 },
    net: { rxMBps: 0.8, txMBps: 2.4 },
  };
}

type Handler = (input: never) => unknown;
const nextState: Record<LifecycleAction, MachineState> = {
  start: 'Starting',
  pause: 'Paused',
  resume: 'Running',
  stop: 'Stopping',
  powerOff: 'PoweredOff',
  reset: 'Starting',
  saveState: 'Saved',
  discardState: 'PoweredOff',
};

export class FakeBackend implements ApiTransport {
  readonly kind = 'web' as const;
  machines: Machine[] = [];
  engineStatus: EngineStatus = { state: 'running', restarts: 0, simTimeMs: 0, speed: 1 };
  /** Deployed applications (tests put views here or drive them through overrides). */
  applications: ApplicationView[] = [];
  containerNodes = fakeNodes();
  clockMs = 1000;
  events: SimEvent[] = [];
  telemetryVersion = 0;
  readonly calls: { method: MethodName; input: unknown }[] = [];
  /** Replace a method's behaviour; return a value or throw an AppError. */
  readonly overrides: Partial<Record<MethodName, Handler>> = {};
  /** Disks, snapshots, clones, settings and pools (issue 4). */
  readonly ops = new FakeMachineOps(
    () => this.machines,
    () => this.clockMs,
    (id) => this.emit('machinesChanged', { machines: [], configChanged: [id], removed: [] }),
  );
  /** Removal plans, networks and media (issue 14). */
  readonly media = new FakeMedia(() => this.machines);
  /** Library status, export and chunked import (issue 5). */
  readonly appliances = new FakeAppliances({
    machines: () => this.machines,
    create: (spec) => this.#create(spec),
    progress: (progress) => this.emit('operationProgress', progress),
    libraryChanged: (status) => this.emit('libraryStatus', status),
  });
  /** Clusters, host actions, migration and consolidation plans (issue 13). */
  readonly datacenter = new FakeDatacenter(() => this.machines);
  readonly #manager: ManagerHost = {
    machines: () => this.machines,
    events: () => this.events,
    find: (id) => this.#find(id),
    lifecycle: (action, id) => this.#lifecycle(action, id),
    remove: (id) => {
      this.machines = this.machines.filter((m) => m.id !== id);
      this.ops.forget(id);
    },
    progress: (operationId, step, done, total) => this.emit('operationProgress', { operationId, operation: 'bulk', step, done, total }),
  };
  #state: ConnectionState = 'open';
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();
  readonly #stateListeners = new Set<(state: ConnectionState) => void>();

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input);
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    this.calls.push({ method, input });
    const override = this.overrides[method];
    const result = override ? override(input as never) : this.#default(method, input as Record<string, unknown>);
    return structuredClone(await result) as MethodOutput<M>;
  }

  #default(method: MethodName, input: Record<string, unknown>): unknown {
    switch (method) {
      case 'getAppInfo':
        return { name: 'Virtlab', version: '0.0.0-test', transport: 'web' };
      case 'getEngineStatus':
        return this.engineStatus;
      case 'listOsTypes':
        return osTypes;
      case 'listHosts':
        return worldHosts(this.machines);
      case 'listKinds':
        return fakeKinds;
      case 'listMachines':
        return [...this.machines].sort((a, b) => a.name.localeCompare(b.name));
      case 'getMachine':
        return this.#find(String(input.id));
      case 'createMachine':
        return this.#create(input as NewMachineSpec);
      case 'checkFit':
        return fakeFitCheck(input as FitCheckInput, this.machines);
      case 'getMachineMetrics':
        return fakeMetrics(this.#find(String(input.id)), this.clockMs);
      case 'listEvents': {
        const { machineId, hostId, limit = 100 } = input as { machineId?: string; hostId?: string; limit?: number };
        return this.events.filter((e) => (machineId === undefined || e.machineId === machineId) && (hostId === undefined || e.hostId === hostId)).slice(-limit);
      }
      case 'startMachine':
        return this.#lifecycle('start', String(input.id));
      case 'pauseMachine':
        return this.#lifecycle('pause', String(input.id));
      case 'resumeMachine':
        return this.#lifecycle('resume', String(input.id));
      case 'stopMachine':
        return this.#lifecycle('stop', String(input.id));
      case 'powerOffMachine':
        return this.#lifecycle('powerOff', String(input.id));
      case 'resetMachine':
        return this.#lifecycle('reset', String(input.id));
      case 'saveMachineState':
        return this.#lifecycle('saveState', String(input.id));
      case 'discardSavedState':
        return this.#lifecycle('discardState', String(input.id));
      case 'deleteMachine': {
        const machine = this.#find(String(input.id));
        if (machine.state !== 'PoweredOff' && machine.state !== 'Saved') throw new AppError('INVALID_STATE', `"${machine.name}" must be powered off before it is deleted`);
        this.machines = this.machines.filter((m) => m.id !== machine.id);
        this.ops.forget(machine.id);
        return { id: machine.id, freedMiB: 0, removed: [machine.id] };
      }
      case 'planRemoval':
        return this.media.plan(this.#find(String(input.id)));
      case 'createNetwork':
      case 'updateNetwork':
      case 'deleteNetwork':
      case 'checkStaticIp':
        return this.media.network(method, input);
      case 'installPlatform':
        return worldHosts(this.machines);
      case 'listMedia':
      case 'addIsoImage':
      case 'removeMedium':
      case 'releaseMedium':
      case 'compactDisk':
        return this.media.handle(method, input);
      case 'getMachineConfig':
        return this.ops.config(String(input.id));
      case 'getSettingsRules':
        return this.ops.rules(String(input.id));
      case 'checkSettings':
        return this.ops.check(String(input.id), input.patch as SettingsPatch);
      case 'updateSettings':
        return this.ops.update(String(input.id), input.patch as SettingsPatch);
      case 'listSnapshots':
        return this.ops.tree(String(input.id));
      case 'takeSnapshot':
        return this.ops.take(String(input.id), input.spec as TakeSnapshotSpec);
      case 'restoreSnapshot':
        return this.ops.restore(String(input.id), String(input.snapshotId));
      case 'deleteSnapshot':
        return this.ops.remove(String(input.id), String(input.snapshotId));
      case 'cloneMachine':
        return this.ops.clone(String(input.id), input.options as CloneOptions, (source, name) => {
          const { id: _id, nic: _nic, chain, ...rest } = source;
          const clone = makeMachine({ ...rest, name, chain: [...chain.slice(0, -1), name], state: 'PoweredOff', createdAtMs: this.clockMs, stateSinceMs: this.clockMs });
          this.machines.push(clone);
          return clone;
        });
      case 'listStorage':
        return this.ops.pools();
      case 'listNetworks':
        return this.media.networks;
      case 'setTelemetrySubscription':
        this.telemetryVersion += 1;
        return { version: this.telemetryVersion, groups: (input as MethodInput<'setTelemetrySubscription'>).groups };
      case 'getTelemetryHistory':
        return emptyHistory(input as MethodInput<'getTelemetryHistory'>);
      case 'getHostActivity':
        return fakeHostActivity(worldHosts(this.machines), this.machines, this.clockMs);
      case 'getDatacenter':
      case 'planMigration':
      case 'startMigration':
      case 'cancelMigration':
      case 'planConsolidation':
      case 'consolidateCluster':
      case 'balanceCluster':
      case 'hostAction':
      case 'updateCluster':
      case 'setHostLink':
      case 'setRestartPriority':
      case 'getRunReport':
        return this.datacenter.handle(method, input, this.clockMs);
      case 'labelMachines':
        return labelMachines(this.#manager, input as MethodInput<'labelMachines'>);
      case 'runBulkOperation':
        return runBulk(this.#manager, input as MethodInput<'runBulkOperation'>);
      case 'queryEvents':
        return queryEvents(this.#manager, input as MethodInput<'queryEvents'>);
      case 'exportEvents':
        return exportEvents(this.#manager, input as MethodInput<'exportEvents'>);
      case 'getSprawlReport':
        return emptySprawl(this.machines);
      case 'getMachineFamily':
        return { machineId: String(input.id), family: null };
      case 'getLibraryStatus':
      case 'exportMachines':
      case 'beginImport':
      case 'uploadImportChunk':
      case 'readImport':
      case 'commitImport':
      case 'cancelImport':
        return this.appliances.handle(method, input);
      case 'listApplications':
        return this.applications;
      case 'getApplication':
        return this.applications.find((app) => app.id === input.id);
      case 'listContainerNodes':
      case 'failContainerHost':
      case 'recoverContainerHost':
        if (method !== 'listContainerNodes') this.containerNodes = this.containerNodes.map((n) => (n.hostId === input.hostId ? { ...n, ready: method === 'recoverContainerHost' } : n));
        return this.containerNodes;
      case 'listImages':
        return fakeImageCatalogue;
      case 'getRuntimeDetails': {
        const machine = this.#find(String(input.id));
        return machine.kind === 'containers' ? fakeContainerDetails(machine.id) : { shape: 'machine', machineId: machine.id };
      }
      case 'deployApplication':
      case 'removeApplication':
      case 'scaleService':
      case 'rolloutService':
      case 'rollbackService':
      case 'failContainer':
        throw new AppError('INTERNAL', `the fake backend needs an override for ${method}`);
    }
  }

  #create(spec: NewMachineSpec): Machine {
    if (this.machines.some((m) => machineNameKey(m.name) === machineNameKey(spec.name))) {
      throw new AppError('CONFLICT', `A machine named "${spec.name}" already exists`, 'name');
    }
    const placement = resolvePlacement(spec);
    if (!placement) throw new AppError('NOT_FOUND', 'No such platform', 'platformId');
    const refusal = fakeFitCheck(spec, this.machines).reasons.find((r) => r.severity === 'refused');
    if (refusal) throw new AppError(refusal.code, refusal.message, refusal.field);
    const machine = makeMachine({
      ...spec,
      hostId: placement.host.id,
      platformId: placement.platform.id,
      kind: placement.platform.kind,
      workload: spec.workload ?? 'web',
      chain: machineChain(placement, spec.name),
      createdAtMs: this.clockMs,
      stateSinceMs: this.clockMs,
    });
    this.machines.push(machine);
    this.ops.register(machine, spec.diskAllocation);
    this.#log(machine, 'config', `Created on ${placement.platform.name}`);
    return machine;
  }

  #log(machine: Machine, kind: SimEvent['kind'], message: string): void {
    this.logEvents({ atMs: this.clockMs, hostId: machine.hostId, machineId: machine.id, subject: machine.name, kind, message });
  }

  /** Adds events to the journal and tells listeners, as the backend does. */
  logEvents(...events: SimEvent[]): void {
    this.events.push(...events);
    this.emit('eventsLogged', {
      lastSeq: this.events.length - 1,
      machineIds: [...new Set(events.flatMap((e) => (e.machineId ? [e.machineId] : [])))],
      hostIds: [...new Set(events.map((e) => e.hostId))],
    });
  }

  #find(id: string): Machine {
    const machine = this.machines.find((m) => m.id === id);
    if (!machine) throw new AppError('NOT_FOUND', 'No such machine');
    return machine;
  }

  #lifecycle(action: LifecycleAction, id: string): Machine {
    const machine = this.#find(id);
    if (!actionAllowedFrom[action].includes(machine.state)) {
      throw new AppError('INVALID_STATE', `Cannot ${action} "${machine.name}" while it is ${machine.state}`);
    }
    this.clockMs += 1;
    Object.assign(machine, { state: nextState[action], stateSinceMs: this.clockMs });
    this.#log(machine, 'state', `${machine.name} is ${nextState[action]}`);
    return machine;
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** The engine reports a machine as created or changed. */
  emitUpsert(machine: Machine): void {
    this.emit('machinesChanged', { machines: [machine], configChanged: [], removed: [] });
  }

  emitRemoved(id: string): void {
    this.emit('machinesChanged', { machines: [], configChanged: [], removed: [id] });
  }

  emitConfigChanged(id: string): void {
    this.emit('machinesChanged', { machines: [], configChanged: [id], removed: [] });
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) (listener as EventListener<E>)(payload);
  }

  /** Emits one telemetry frame laid out for the last subscription this fake answered. */
  emitSamples(simTimesMs: number[], value?: SampleValue): void {
    const last = this.callsOf('setTelemetrySubscription').at(-1) as MethodInput<'setTelemetrySubscription'> | undefined;
    this.emit('telemetry', buildFrame({ version: this.telemetryVersion, groups: last?.groups ?? [] }, simTimesMs, value));
  }

  listenerCount(event: EventName): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  connectionState(): ConnectionState {
    return this.#state;
  }

  setConnectionState(state: ConnectionState): void {
    this.#state = state;
    for (const listener of [...this.#stateListeners]) listener(state);
  }

  onConnectionChange(listener: (state: ConnectionState) => void): Unsubscribe {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  dispose(): void {}
}

export function createFakeApi(machines: Machine[] = []): { backend: FakeBackend; api: ApiClient } {
  const backend = new FakeBackend();
  backend.machines = machines;
  return { backend, api: withMethods(backend) };
}
