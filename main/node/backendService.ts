// The backend: implements every AppApi method once and dispatches validated calls from any transport.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { apiMethods, isMethodName } from '../../shared/api/methods.ts';
import type { AppApi, ApiMethods, MethodName, MethodOutput } from '../../shared/api/methods.ts';
import { fail, ok } from '../../shared/api/result.ts';
import type { ApiResult } from '../../shared/api/result.ts';
import { AppError, toAppErrorData, validationErrorFrom } from '../../shared/errors.ts';
import type { AppErrorData } from '../../shared/errors.ts';
import { osTypes } from '../../shared/domain/osTypes.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { LifecycleAction } from '../../shared/domain/machineState.ts';
import { ApplianceService } from './appliance/applianceService.ts';
import { applicationApi } from './applicationApi.ts';
import type { BeginImport } from './appliance/importCommit.ts';
import { ClientSession } from './clientSession.ts';
import type { EventSink } from './clientSession.ts';
import type { EnginePort } from './enginePort.ts';
import { assertSafeInput } from './inputGuard.ts';
import { logToStderr } from './logText.ts';
import { IndexedBatch } from './telemetry/indexedBatch.ts';
import type { TelemetryHistoryStore } from './telemetry/telemetryHistory.ts';
import { inMemoryLedger } from './ledger/managerLedger.ts';
import type { ManagerLedger } from './ledger/managerLedger.ts';
import { managerHandlers } from './managerHandlers.ts';
import type { SimEvent } from '../../shared/domain/machineMetrics.ts';
import { inMemoryLibraryStatus } from './library/libraryStatusTracker.ts';
import type { LibraryStatusSource } from './library/libraryStatusTracker.ts';

export interface BackendServiceOptions {
  readonly engine: EnginePort;
  readonly transport: 'electron' | 'web';
  readonly version: string;
  /** The library the engine's machines are saved to; without one the status says "(in memory)". */
  readonly library?: LibraryStatusSource;
  /** Where unexpected (non-AppError) failures are reported; stderr by default. */
  readonly log?: (line: string) => void;
  /** Event journal, usage, telemetry history (kept in the library); in memory when omitted. */
  readonly ledger?: ManagerLedger;
  /** The library's import transactions (see ApplianceService); absent when nothing is saved. */
  readonly beginImport?: BeginImport;
}

type ParsedInput<M extends MethodName> = z.output<ApiMethods[M]['input']>;
type Handlers = { [M in MethodName]: (input: ParsedInput<M>, client: ClientSession) => Promise<MethodOutput<M>> };

/** Messages may quote input (e.g. unknown field names); keep what goes back to clients readable and small. */
function boundedError(error: AppErrorData): AppErrorData {
  const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const bounded: AppErrorData = { code: error.code, message: clip(error.message, 300) };
  if (error.field !== undefined) bounded.field = clip(error.field, 200);
  return bounded;
}

// One collator for the whole sort: localeCompare with options builds one per comparison (seconds for 10,000 names).
const nameCollator = new Intl.Collator('en', { sensitivity: 'base' });
const byName = (a: Machine, b: Machine): number => nameCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class BackendService {
  readonly #engine: EnginePort;
  readonly #options: BackendServiceOptions;
  readonly #log: (line: string) => void;
  readonly #clients = new Set<ClientSession>();
  readonly #unsubscribe: (() => void)[];
  readonly #handlers: Handlers;
  readonly #appliances: ApplianceService;
  #nextClientId = 0;
  /** Lives here, not in the engine, so a machine's past survives engine restarts (and, with a library, app restarts). */
  readonly #history: TelemetryHistoryStore;
  readonly #ledger: ManagerLedger;

  constructor(options: BackendServiceOptions) {
    this.#options = options;
    this.#engine = options.engine;
    this.#log = options.log ?? logToStderr;
    this.#appliances = new ApplianceService({
      engine: this.#engine,
      log: this.#log,
      ...(options.beginImport ? { beginImport: options.beginImport } : {}),
    });
    this.#ledger = options.ledger ?? inMemoryLedger();
    this.#history = this.#ledger.history;
    this.#handlers = this.#createHandlers();
    const engine = this.#engine;
    this.#unsubscribe = [
      engine.on('changes', (changes) => {
        this.#logEvents(changes.events);
        this.#ledger.usage.observe(changes.machines, changes.removed);
        for (const id of changes.removed) this.#history.forget(id);
        const datacenter = changes.datacenter;
        if (datacenter) this.#broadcast((c) => c.send('datacenterChanged', datacenter));
        const applications = changes.applications ?? [];
        const removedApplications = changes.removedApplications ?? [];
        if (applications.length > 0 || removedApplications.length > 0) this.#broadcast((c) => c.send('applicationsChanged', { applications, removed: removedApplications }));
        if (changes.removed.length > 0) this.#ledger.forget(changes.removed);
        if (changes.inventory) this.#broadcast((c) => c.send('inventoryChanged', {}));
        if (changes.machines.length === 0 && changes.removed.length === 0 && changes.records.length === 0) return;
        const batch = { machines: changes.machines, configChanged: changes.records.map((record) => record.id), removed: changes.removed };
        this.#broadcast((c) => c.send('machinesChanged', batch));
      }),
      engine.on('telemetry', (batch) => {
        this.#history.record(batch);
        this.#ledger.usage.record(batch);
        const indexed = new IndexedBatch(batch);
        this.#broadcast((c) => c.addTelemetry(indexed));
      }),
      engine.on('status', (status) => this.#broadcast((c) => c.send('engineStatus', status))),
      options.library?.onChange((status) => this.#broadcast((c) => c.send('libraryStatus', status))) ?? (() => undefined),
    ];
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /** Registers a client; every event it may see goes through `sink`. Call `disconnect` when it goes away. */
  connect(sink: EventSink): ClientSession {
    const session = new ClientSession(++this.#nextClientId, sink);
    this.#clients.add(session);
    return session;
  }

  disconnect(session: ClientSession): void {
    session.close();
    this.#clients.delete(session);
    this.#appliances.clientGone(session);
  }

  /**
   * The single entry point of both transports: validates `rawParams` against the method's schema and
   * answers an envelope. Never throws; bad input gets a VALIDATION error and changes nothing.
   */
  async dispatch(method: string, rawParams: unknown, client: ClientSession): Promise<ApiResult<unknown>> {
    try {
      if (!isMethodName(method)) throw new AppError('BAD_REQUEST', `Unknown method "${method.slice(0, 100)}".`);
      // Methods without input may be called with no params at all.
      const raw = rawParams === undefined ? {} : rawParams;
      assertSafeInput(raw);
      const parsed = apiMethods[method].input.safeParse(raw);
      if (!parsed.success) throw validationErrorFrom(parsed.error);
      const handler = this.#handlers[method] as (input: unknown, client: ClientSession) => Promise<unknown>;
      return ok(await handler(parsed.data, client));
    } catch (error) {
      if (!(error instanceof AppError)) this.#log(`[backend] ${method} failed unexpectedly: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fail(boundedError(toAppErrorData(error)));
    }
  }

  /** The AppApi as seen by one client, in-process (throws AppError like a transport client would). */
  apiFor(client: ClientSession): AppApi {
    const api: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
    for (const method of Object.keys(apiMethods) as MethodName[]) {
      api[method] = async (input: unknown) => {
        const result = await this.dispatch(method, input, client);
        if (!result.ok) throw AppError.fromData(result.error);
        return result.value;
      };
    }
    return api as AppApi;
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    for (const client of this.#clients) client.close();
    this.#clients.clear();
    void this.#appliances.dispose().catch((error: unknown) => this.#log(`[import] could not remove upload files: ${String(error)}`));
  }

  #broadcast(deliver: (client: ClientSession) => void): void {
    for (const client of this.#clients) {
      try {
        deliver(client);
      } catch (error) {
        // A client whose transport broke must not stop the others from receiving events.
        this.#log(`[backend] could not deliver an event to client ${client.id}: ${String(error)}`);
      }
    }
  }

  /** Keeps the engine's events in the journal and tells clients whose logs they concern. */
  #logEvents(events: readonly SimEvent[]): void {
    const logged = this.#ledger.journal.append(events);
    const last = logged.at(-1);
    if (!last) return;
    const machineIds = [...new Set(logged.flatMap((e) => (e.machineId === undefined ? [] : [e.machineId])))];
    const hostIds = [...new Set(logged.map((e) => e.hostId))];
    this.#broadcast((c) => c.send('eventsLogged', { lastSeq: last.seq, machineIds, hostIds }));
  }

  #lifecycle(action: LifecycleAction) {
    return ({ id }: { id: string }): Promise<Machine> => this.#engine.request('lifecycle', { id, action });
  }

  #createHandlers(): Handlers {
    const engine = this.#engine;
    return {
      getAppInfo: async () => ({ name: 'Virtlab', version: this.#options.version, transport: this.#options.transport }),
      getEngineStatus: async () => {
        const status = engine.status();
        if (status.state !== 'running') return status;
        const clock = await engine.request('getClock', {});
        return { ...status, simTimeMs: clock.simTimeMs, speed: clock.speed };
      },
      listOsTypes: async () => osTypes.map((os) => ({ ...os, recommended: { ...os.recommended } })),
      listHosts: () => engine.request('listHosts', {}),
      listMachines: async () => [...(await engine.request('listMachines', {}))].sort(byName),
      getMachine: ({ id }) => engine.request('getMachine', { id }),
      createMachine: ({ diskAllocation, ...spec }) =>
        engine.request('createMachine', { id: randomUUID(), spec, ...(diskAllocation === undefined ? {} : { options: { diskAllocation } }) }),
      checkFit: (input) => engine.request('checkFit', input),
      getMachineMetrics: ({ id }) => engine.request('getMetrics', { id }),
      listEvents: async ({ limit, ...filter }) => this.#ledger.journal.query({ ...filter, limit: limit ?? 100 }).events,
      startMachine: this.#lifecycle('start'),
      pauseMachine: this.#lifecycle('pause'),
      resumeMachine: this.#lifecycle('resume'),
      stopMachine: this.#lifecycle('stop'),
      powerOffMachine: this.#lifecycle('powerOff'),
      resetMachine: this.#lifecycle('reset'),
      saveMachineState: this.#lifecycle('saveState'),
      discardSavedState: this.#lifecycle('discardState'),
      deleteMachine: ({ id, mode }) => engine.request('deleteMachine', { id, ...(mode === undefined ? {} : { mode }) }),
      planRemoval: ({ id }) => engine.request('planRemoval', { id }),
      getMachineConfig: ({ id }) => engine.request('getMachineConfig', { id }),
      getSettingsRules: ({ id }) => engine.request('getSettingsRules', { id }),
      checkSettings: ({ id, patch }) => engine.request('checkSettings', { id, patch }),
      updateSettings: ({ id, patch }) => engine.request('updateSettings', { id, patch }),
      listSnapshots: ({ id }) => engine.request('listSnapshots', { id }),
      takeSnapshot: ({ id, spec }) => engine.request('takeSnapshot', { id, snapshotId: randomUUID(), spec }),
      restoreSnapshot: ({ id, snapshotId }) => engine.request('restoreSnapshot', { id, snapshotId }),
      deleteSnapshot: ({ id, snapshotId }) => engine.request('deleteSnapshot', { id, snapshotId }),
      cloneMachine: ({ id, options }) => engine.request('cloneMachine', { id, cloneId: randomUUID(), options }),
      listStorage: () => engine.request('listStorage', {}),
      listNetworks: () => engine.request('listNetworks', {}),
      createNetwork: (spec) => engine.request('createNetwork', { networkId: `net-${randomUUID()}`, spec }),
      updateNetwork: ({ networkId, spec }) => engine.request('updateNetwork', { networkId, spec }),
      deleteNetwork: ({ networkId }) => engine.request('deleteNetwork', { networkId }),
      checkStaticIp: ({ networkId, ip, machineId }) => engine.request('checkStaticIp', { networkId, ip, ...(machineId === undefined ? {} : { machineId }) }),
      installPlatform: (spec) => engine.request('installPlatform', { platformId: `platform-${randomUUID()}`, spec }),
      listMedia: () => engine.request('listMedia', {}),
      addIsoImage: (spec) => engine.request('addIsoImage', { spec }),
      removeMedium: ({ mediumId }) => engine.request('removeMedium', { mediumId }),
      releaseMedium: ({ mediumId }) => engine.request('releaseMedium', { mediumId }),
      compactDisk: ({ diskId }) => engine.request('compactDisk', { diskId }),
      listKinds: () => engine.request('listKinds', {}),
      checkMigration: ({ id, platformId }) => engine.request('checkMigration', { id, platformId }),
      migrateMachine: ({ id, platformId }) => engine.request('migrateMachine', { id, platformId }),
      getDatacenter: () => engine.request('getDatacenter', {}),
      planMigration: ({ id }) => engine.request('planMigration', { id }),
      startMigration: (input) => engine.request('startMigration', input),
      cancelMigration: (input) => engine.request('cancelMigration', input),
      planConsolidation: (input) => engine.request('planConsolidation', input),
      consolidateCluster: (input) => engine.request('consolidate', input),
      balanceCluster: (input) => engine.request('balanceCluster', input),
      hostAction: (input) => engine.request('hostAction', input),
      updateCluster: (input) => engine.request('updateCluster', input),
      setHostLink: (input) => engine.request('setHostLink', input),
      setRestartPriority: (input) => engine.request('setRestartPriority', input),
      getRunReport: (input) => engine.request('getRunReport', input),
      setTelemetrySubscription: async ({ groups }, client) => client.setTelemetrySubscription(groups),
      getTelemetryHistory: async ({ machineId, range, metrics, maxPoints }) => {
        // A machine that never ran has no history yet; one that does not exist gets NOT_FOUND from the engine.
        if (!this.#history.has(machineId)) await engine.request('getMachine', { id: machineId });
        return this.#history.query(machineId, range, metrics, maxPoints);
      },
      getHostActivity: () => engine.request('getHostActivity', {}),
      getLibraryStatus: async () => this.#options.library?.status() ?? inMemoryLibraryStatus(),
      exportMachines: (input, client) => this.#appliances.export(input, client),
      beginImport: (input, client) => this.#appliances.beginImport(input, client),
      uploadImportChunk: (input, client) => this.#appliances.uploadChunk(input, client),
      readImport: (input, client) => this.#appliances.readImport(input, client),
      commitImport: (input, client) => this.#appliances.commitImport(input, client),
      cancelImport: (input, client) => this.#appliances.cancelImport(input, client),
      ...applicationApi(engine),
      ...managerHandlers(engine, this.#ledger),
    };
  }
}
