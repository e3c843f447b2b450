// Starts and supervises the engine worker: typed requests with timeouts, crash restarts, status and notifications.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors.ts';
import type { EngineStatus } from '../../shared/domain/engineStatus.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { DatacenterSettings } from '../../shared/domain/datacenter.ts';
import type {
  EngineCommandName,
  EngineInput,
  EngineOutput,
  EngineChanges,
  MachineRecord,
  MainToWorker,
  SkippedRecord,
  EngineInventory,
} from '../../shared/engine/protocol.ts';
import { deferred, withTimeout } from './deferred.ts';
import { logToStderr, safeLogText } from './logText.ts';
import type { Deferred } from './deferred.ts';
import type { EngineHostEvents, EnginePort } from './enginePort.ts';
import { MachineMirror } from './machineMirror.ts';
import { ApplicationMirror } from './applicationMirror.ts';
import type { ApplicationRecord } from '../../shared/domain/applicationRecord.ts';
import { PendingRequests } from './pendingRequests.ts';
import { RestartPolicy } from './restartPolicy.ts';
import type { RestartPolicyOptions } from './restartPolicy.ts';
import { TypedEmitter } from './typedEmitter.ts';

export interface EngineHostOptions {
  /** The worker entry; engine code is only ever reached through this URL, never imported. */
  readonly workerUrl: URL;
  readonly seed: number;
  readonly speed: number;
  /** Machines to restore at start (e.g. from the library). */
  readonly machines?: readonly MachineRecord[];
  /** Data-center settings (clusters, links, restart priorities) saved by an earlier run. */
  readonly datacenter?: DatacenterSettings;
  /** Applications to restore at start, after the machines. */
  readonly applications?: readonly ApplicationRecord[];
  /** Simulated time to start from (a library's saved clock), so time carries on across app restarts. */
  readonly startMs?: number;
  /** Networks, installed platforms and media to restore at start; the engine's defaults when absent. */
  readonly inventory?: EngineInventory;
  readonly requestTimeoutMs?: number;
  /** Budget for a worker to report ready and finish `init`. */
  readonly startTimeoutMs?: number;
  readonly restart?: RestartPolicyOptions;
  /** Where supervision lines go; stderr by default. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  /**
   * Persists a batch of changes (the library writes the records that changed and removes the machines gone). A command's
   * reply waits for it, so a confirmed change is durable. Must not reject: a failed save is reported and retried by it.
   */
  readonly persist?: (changes: EngineChanges) => Promise<void>;
}

type Phase = 'idle' | 'starting' | 'running' | 'restarting' | 'down' | 'stopped';

interface Slot {
  readonly worker: Worker;
  readonly pending: PendingRequests;
  readonly ready: Deferred<void>;
  dead: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export class EngineHost implements EnginePort {
  readonly #options: EngineHostOptions;
  readonly #events: TypedEmitter<EngineHostEvents>;
  readonly #mirror = new MachineMirror();
  readonly #applications = new ApplicationMirror();
  readonly #policy: RestartPolicy;
  readonly #log: (line: string) => void;
  readonly #now: () => number;
  readonly #requestTimeoutMs: number;
  readonly #startTimeoutMs: number;
  #phase: Phase = 'idle';
  #slot: Slot | undefined;
  #nextId = 0;
  #restarts = 0;
  #lastCrash: EngineStatus['lastCrash'];
  #skipped: SkippedRecord[] | undefined;
  #simTimeMs = 0;
  #running = deferred<void>();
  #restartTimer: NodeJS.Timeout | undefined;
  /** The latest data-center settings: what the first start and every restart are seeded with. */
  #datacenter: DatacenterSettings | undefined;
  /** Saving of each answered request's changes, by request id, until the request hands its reply out. */
  readonly #saving = new Map<number, Promise<void>>();

  constructor(options: EngineHostOptions) {
    this.#options = options;
    this.#log = options.log ?? logToStderr;
    this.#events = new TypedEmitter((error) => this.#log(`[engine] listener failed: ${String(error)}`));
    this.#now = options.now ?? Date.now;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    this.#startTimeoutMs = options.startTimeoutMs ?? 10_000;
    this.#policy = new RestartPolicy(options.restart);
    this.#datacenter = options.datacenter;
    this.#applications.reset(options.applications ?? []);
    this.#simTimeMs = options.startMs ?? 0;
  }

  /** Spawns the worker and initialises it; rejects (state "down") if the very first worker cannot start. */
  async start(): Promise<void> {
    if (this.#phase !== 'idle') throw new Error('EngineHost.start() may only be called once');
    this.#phase = 'starting';
    this.#mirror.seedInventory(this.#options.inventory);
    await this.#boot([...(this.#options.machines ?? [])]);
    await this.#running.promise;
  }

  on<K extends keyof EngineHostEvents>(event: K, listener: (payload: EngineHostEvents[K]) => void): () => void {
    return this.#events.on(event, listener);
  }

  status(): EngineStatus {
    const state = this.#phase === 'running' ? 'running' : this.#phase === 'starting' || this.#phase === 'restarting' ? 'restarting' : 'down';
    const status: EngineStatus = { state, restarts: this.#restarts, simTimeMs: this.#simTimeMs, speed: this.#options.speed };
    if (this.#lastCrash) status.lastCrash = { ...this.#lastCrash };
    return status;
  }

  /** The backend's mirror of the engine's machines (what a restart re-seeds from). */
  machines(): Machine[] {
    return this.#mirror.list();
  }

  async request<C extends EngineCommandName>(command: C, input: EngineInput<C>, timeoutMs = this.#requestTimeoutMs): Promise<EngineOutput<C>> {
    const startedAt = Date.now();
    if (this.#phase === 'starting' || this.#phase === 'restarting') {
      // A request made while the engine restarts waits for it instead of failing needlessly.
      await withTimeout(this.#running.promise, timeoutMs, () => this.#unavailable());
    }
    const slot = this.#slot;
    if (this.#phase !== 'running' || !slot || slot.dead) throw this.#unavailable();
    const remaining = Math.max(1, timeoutMs - (Date.now() - startedAt));
    const { id, reply } = this.#sendTracked(slot, command, input, remaining);
    try {
      const value = (await reply) as EngineOutput<C>;
      // A change is confirmed only once it is durable: wait for its records to be saved.
      await this.#saving.get(id);
      return value;
    } finally {
      this.#saving.delete(id);
    }
  }

  /** Records the engine refused at the first start (e.g. a hand-edited document naming an unknown platform). */
  skippedAtStart(): readonly SkippedRecord[] {
    return this.#skipped ?? [];
  }

  /** The inventory a restart would re-seed from (as last reported), when the engine reported or was given one. */
  inventory(): EngineInventory | undefined {
    return this.#mirror.inventory;
  }

  /** Full records (with disks, snapshots, NICs) a restart would re-seed from; for diagnostics and tests. */
  records(): MachineRecord[] {
    return this.#mirror.records();
  }

  /** Application records a restart would re-seed from. */
  applicationRecords(): ApplicationRecord[] {
    return this.#applications.records();
  }

  /** Applies a batch to the mirror, tells listeners, and starts saving it. */
  #applyChanges(changes: EngineChanges): Promise<void> {
    this.#mirror.apply(changes);
    if (changes.datacenterSettings) this.#datacenter = changes.datacenterSettings;
    this.#applications.apply(changes);
    this.#events.emit('changes', changes);
    const persist = this.#options.persist;
    const applicationsSaved = (changes.applicationRecords?.length ?? 0) + (changes.removedApplications?.length ?? 0) > 0;
    if (!persist || (changes.records.length === 0 && changes.removed.length === 0 && !changes.inventory && !changes.datacenterSettings && !applicationsSaved)) return Promise.resolve();
    return persist(changes).catch((error: unknown) => this.#log(`[engine] saving changes failed: ${String(error)}`));
  }

  crash(reason: string): void {
    const slot = this.#slot;
    if (!slot || slot.dead) return;
    const message: MainToWorker = { kind: 'request', id: ++this.#nextId, command: 'crash', input: { reason } };
    slot.worker.postMessage(message);
  }

  /** Terminates the worker for good (app shutdown); pending requests fail with ENGINE_UNAVAILABLE. */
  async stop(): Promise<void> {
    if (this.#phase === 'stopped') return;
    this.#phase = 'stopped';
    clearTimeout(this.#restartTimer);
    const error = new AppError('ENGINE_UNAVAILABLE', 'The simulation engine has been shut down.');
    this.#running.reject(error);
    const slot = this.#slot;
    if (!slot) return;
    slot.dead = true;
    slot.pending.rejectAll(error);
    slot.ready.reject(error);
    await slot.worker.terminate();
  }

  #unavailable(): AppError {
    if (this.#phase === 'down') return this.#unavailableDown();
    if (this.#phase === 'stopped') return new AppError('ENGINE_UNAVAILABLE', 'The simulation engine has been shut down.');
    return new AppError('ENGINE_UNAVAILABLE', 'The simulation engine is restarting; try again in a moment.');
  }

  #spawn(): Slot {
    // Web mode promises exactly one line on stdout; anything the worker prints goes to stderr instead.
    const worker = new Worker(this.#options.workerUrl, { stdout: true });
    worker.stdout.setEncoding('utf8').on('data', (chunk: string) => process.stderr.write(safeLogText(chunk)));
    const slot: Slot = { worker, pending: new PendingRequests(), ready: deferred<void>(), dead: false };
    worker.on('message', (message: unknown) => this.#onMessage(slot, message));
    worker.on('error', (error: unknown) => this.#onFailure(slot, error instanceof Error ? error.message : String(error)));
    worker.on('messageerror', (error: unknown) => this.#onFailure(slot, `unreadable message from worker (${String(error)})`));
    worker.on('exit', (code: number) => this.#onFailure(slot, `worker exited unexpectedly with code ${code}`));
    this.#slot = slot;
    return slot;
  }

  async #boot(machines: MachineRecord[]): Promise<void> {
    const slot = this.#spawn();
    try {
      const budget = this.#startTimeoutMs;
      await withTimeout(slot.ready.promise, budget, () => new Error(`worker did not report ready within ${budget} ms`));
      // Only the first start (records from the library) tolerates bad records; a restart re-seeds what the engine accepted.
      const firstBoot = this.#restarts === 0 && this.#skipped === undefined;
      const inventory = this.#mirror.inventory;
      const applications = this.#applications.records();
      const init = {
        seed: this.#options.seed,
        speed: this.#options.speed,
        machines,
        startMs: Math.ceil(this.#simTimeMs / 1000) * 1000,
        ...(inventory ? { inventory } : {}),
        ...(applications.length > 0 ? { applications } : {}),
        ...(firstBoot ? { skipInvalid: true } : {}),
        ...(this.#datacenter ? { datacenter: this.#datacenter } : {}),
      };
      const { simTimeMs, skipped = [], skippedPlatforms = [], skippedApplications = [] } = (await this.#send(slot, 'init', init, budget)) as EngineOutput<'init'>;
      for (const platform of skippedPlatforms) this.#log(`[engine] platform "${platform.name}" could not be restored: ${platform.reason}`);
      for (const app of skippedApplications) this.#log(`[library] application "${app.name}" could not be restored (${app.reason}); its file was left in place and not loaded`);
      // What the engine did not take is not re-seeded after a crash either (its document stays untouched on disk).
      if (skippedApplications.length > 0) this.#applications.reset(this.#applications.records().filter((record) => !skippedApplications.some((s) => s.id === record.id)));
      const list = (await this.#send(slot, 'listMachines', {}, budget)) as EngineOutput<'listMachines'>;
      if (slot.dead || slot !== this.#slot) return;
      this.#simTimeMs = simTimeMs;
      if (firstBoot) this.#skipped = skipped;
      const left = new Set(skipped.map((record) => record.id));
      // The worker now holds exactly these records; its change stream updates them from here on.
      const removed = this.#mirror.reset(left.size === 0 ? machines : machines.filter((record) => !left.has(record.id)), list);
      // Tell every view the machines' fresh (powered-off) state after a restart.
      if (list.length > 0 || removed.length > 0) this.#events.emit('changes', { machines: list, records: [], removed, events: [] });
      this.#phase = 'running';
      this.#running.resolve();
      this.#events.emit('status', this.status());
    } catch (error) {
      this.#onFailure(slot, error instanceof Error ? error.message : String(error));
    }
  }

  #send(slot: Slot, command: EngineCommandName, input: unknown, timeoutMs: number): Promise<unknown> {
    return this.#sendTracked(slot, command, input, timeoutMs).reply;
  }

  #sendTracked(slot: Slot, command: EngineCommandName, input: unknown, timeoutMs: number): { id: number; reply: Promise<unknown> } {
    const id = ++this.#nextId;
    const reply = slot.pending.track(id, command, timeoutMs);
    slot.worker.postMessage({ kind: 'request', id, command, input });
    return { id, reply };
  }

  #onMessage(slot: Slot, message: unknown): void {
    if (slot.dead || !isRecord(message)) return;
    switch (message['kind']) {
      case 'ready':
        slot.ready.resolve();
        return;
      case 'reply': {
        const id = message['id'];
        if (typeof id !== 'number') return;
        if (message['ok'] === true) {
          // Applied before the reply settles, and in the order the worker sent it relative to its notifications.
          if (isRecord(message['changes'])) this.#saving.set(id, this.#applyChanges(message['changes'] as unknown as EngineChanges));
          slot.pending.settle(id, { ok: true, value: message['value'] });
        } else slot.pending.settle(id, { ok: false, error: message['error'] as never });
        return;
      }
      case 'changes': {
        if (isRecord(message['changes'])) void this.#applyChanges(message['changes'] as unknown as EngineChanges);
        return;
      }
      case 'telemetry': {
        const batch = message['batch'] as EngineHostEvents['telemetry'];
        if (!isRecord(batch) || !(batch.values instanceof Float32Array) || !Array.isArray(batch.machineIds)) return;
        this.#simTimeMs = batch.simTimeMs;
        this.#events.emit('telemetry', batch);
        return;
      }
      default:
        return;
    }
  }

  #onFailure(slot: Slot, reason: string): void {
    if (slot.dead) return;
    slot.dead = true;
    const lost = new AppError(
      'ENGINE_UNAVAILABLE',
      `The simulation engine stopped unexpectedly (${reason}); the operation was not carried out. Try again in a moment.`,
    );
    slot.pending.rejectAll(lost);
    slot.ready.reject(lost);
    void slot.worker.terminate().catch(() => undefined);
    if (slot !== this.#slot || this.#phase === 'stopped') return;

    if (this.#phase === 'starting' && this.#restarts === 0) {
      this.#goDown(`[engine] worker failed to start: ${reason}`, new AppError('ENGINE_UNAVAILABLE', `The simulation engine could not start: ${reason}`));
      return;
    }
    const poweredOff = this.#mirror.countActive();
    this.#lastCrash = { atIso: new Date(this.#now()).toISOString(), reason, machinesPoweredOff: poweredOff };
    const decision = this.#policy.onCrash(this.#now());
    if (!decision.restart) {
      const minutes = Math.round(this.#policy.windowMs / 60_000);
      this.#goDown(
        `[engine] worker crashed: ${reason}; not restarting after ${plural(decision.recentRestarts, 'restart')} in ${plural(minutes, 'minute')}; engine is down (restart Virtlab)`,
        this.#unavailableDown(),
      );
      return;
    }
    this.#restarts += 1;
    this.#log(`[engine] worker crashed: ${reason}; restarting (restart #${this.#restarts}); ${plural(poweredOff, 'running machine')} powered off`);
    if (this.#phase === 'running') this.#running = deferred<void>();
    this.#phase = 'restarting';
    this.#events.emit('status', this.status());
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = undefined;
      void this.#boot(this.#mirror.records());
    }, decision.delayMs);
  }

  #unavailableDown(): AppError {
    return new AppError('ENGINE_UNAVAILABLE', 'The simulation engine is down after repeated crashes; restart Virtlab.');
  }

  #goDown(logLine: string, error: AppError): void {
    this.#phase = 'down';
    this.#log(logLine);
    this.#running.reject(error);
    this.#events.emit('status', this.status());
  }
}
