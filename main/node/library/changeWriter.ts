// Saves the engine's change batches to the library: exactly the documents that changed, retried with back-off on failure.
import type { MachineRecord } from '../../../shared/domain/machineRecord.ts';
import type { EngineChanges, EngineInventory } from '../../../shared/engine/protocol.ts';
import { mapLimited } from './keyedQueue.ts';

/** What the writer needs from the library: write one machine's document, remove one, write the engine's inventory. */
export interface DocumentStore {
  saveMachine(record: MachineRecord): Promise<void>;
  removeMachine(id: string): Promise<boolean>;
  saveEngineInventory(inventory: EngineInventory): Promise<void>;
}

export interface ChangeWriterOptions {
  /** Told after every attempt: the error of a failed one (undefined once saving works) and how many documents wait. */
  readonly onOutcome: (error: unknown, unsaved: number) => void;
  /** Waits between retries of a failed save; the last one repeats. */
  readonly retryMs?: readonly number[];
}

const removed = Symbol('removed');
/** Pending key of the inventory (machine ids are UUIDs, so they never clash with it). */
const inventoryKey = '\u0000inventory';
/** Documents written at once: enough to hide file system latency, few enough for any descriptor limit. */
const writeConcurrency = 32;
type Pending = MachineRecord | typeof removed | { readonly inventory: EngineInventory };

/**
 * Keeps the latest wanted state of every changed document until it is on disk. A failed write (disk full, permissions)
 * leaves it pending and retries with back-off, so nothing is dropped; a newer change of the same machine replaces the
 * older one before it is written.
 */
export class ChangeWriter {
  readonly #store: DocumentStore;
  readonly #options: ChangeWriterOptions;
  readonly #pending = new Map<string, Pending>();
  #running: Promise<void> | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #failures = 0;
  #lastError: unknown;
  #waiters: (() => void)[] = [];

  constructor(store: DocumentStore, options: ChangeWriterOptions) {
    this.#store = store;
    this.#options = options;
  }

  get unsaved(): number {
    return this.#pending.size;
  }

  /**
   * Queues the records and removals of a batch and resolves when an attempt that includes them is over: written, or
   * failed (then they stay pending, the failure is reported, and retries continue). Never rejects.
   */
  persist(changes: Pick<EngineChanges, 'records' | 'removed' | 'inventory'>): Promise<void> {
    for (const record of changes.records) this.#pending.set(record.id, record);
    for (const id of changes.removed) this.#pending.set(id, removed);
    if (changes.inventory) this.#pending.set(inventoryKey, { inventory: changes.inventory });
    const done = new Promise<void>((resolve) => this.#waiters.push(resolve));
    // A new change is answered by an attempt of its own, not after the back-off of an earlier failure.
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#kick();
    return done;
  }

  /** Writes everything pending now (not waiting for a scheduled retry); rejects with the error when that attempt fails. */
  async flush(): Promise<void> {
    let attempted = false;
    for (;;) {
      while (this.#running) await this.#running;
      if (this.#pending.size === 0) return;
      if (attempted) throw this.#lastError instanceof Error ? this.#lastError : new Error(String(this.#lastError));
      clearTimeout(this.#retryTimer);
      this.#retryTimer = undefined;
      this.#kick();
      attempted = true;
    }
  }

  /** Stops retrying (shutdown); what is pending stays unsaved. */
  dispose(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  #kick(): void {
    if (this.#running || this.#retryTimer) return;
    this.#running = this.#attempt().finally(() => {
      this.#running = undefined;
      // Changes that arrived during the attempt get an attempt of their own at once.
      if (this.#waiters.length > 0) {
        clearTimeout(this.#retryTimer);
        this.#retryTimer = undefined;
        this.#kick();
      }
    });
  }

  async #attempt(): Promise<void> {
    const waiters = this.#waiters;
    this.#waiters = [];
    const batch = [...this.#pending];
    let error: unknown;
    await mapLimited(
      batch,
      writeConcurrency,
      async ([id, wanted]) => {
        try {
          if (wanted === removed) await this.#store.removeMachine(id);
          else if ('inventory' in wanted) await this.#store.saveEngineInventory(wanted.inventory);
          else await this.#store.saveMachine(wanted);
          // Only what was written leaves the queue; a newer change queued meanwhile stays.
          if (this.#pending.get(id) === wanted) this.#pending.delete(id);
        } catch (failure) {
          error ??= failure;
        }
      },
    );
    this.#lastError = error;
    this.#failures = error === undefined ? 0 : this.#failures + 1;
    this.#options.onOutcome(error, this.#pending.size);
    for (const resolve of waiters) resolve();
    if (error !== undefined) this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    const delays = this.#options.retryMs ?? [250, 1000, 5000, 15_000];
    const delay = delays[Math.min(this.#failures - 1, delays.length - 1)]!;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#kick();
    }, delay);
    // A pending retry must not keep a shutting-down process alive.
    this.#retryTimer.unref();
  }
}
