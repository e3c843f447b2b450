// The machine library on disk: locked folder, one atomically written document per machine plus the inventory.
import { mkdir, readdir } from 'node:fs/promises';
import type { MachineRecord } from '../../../shared/engine/protocol.ts';
import { AppError } from '../../../shared/errors.ts';
import { removeStrayTemps, removeWithBackup, writeFileAtomic } from './atomicFile.ts';
import {
  describeIssues,
  emptyInventory,
  inventoryDocumentSchema,
  inventoryDocumentVersion,
  machineDocumentSchema,
  machineDocumentVersion,
  machineRecordSchema,
} from './documentSchemas.ts';
import type { Inventory, InventoryDocument, MachineDocument } from './documentSchemas.ts';
import { KeyedQueue, mapLimited } from './keyedQueue.ts';
import { acquireLibraryLock } from './libraryLock.ts';
import type { LibraryLock, LockOptions } from './libraryLock.ts';
import { libraryLayout, machineFile, machineIdOfFile } from './libraryPaths.ts';
import type { LibraryLayout } from './libraryPaths.ts';
import { readWithRecovery } from './recoveringReader.ts';
import { restoreOrder } from './restoreOrder.ts';
import type { LibraryProblem, RecoveryContext } from './recoveringReader.ts';

export interface OpenLibraryOptions extends LockOptions {
  /** Clock for `savedAt` and quarantine notes. */
  readonly now?: () => Date;
}

export interface LibraryLoad {
  /** In creation order, except that clones always follow the machines they came from (creation times may tie). */
  readonly machines: MachineRecord[];
  readonly inventory: Inventory;
  /** Documents that could not be loaded as they were: quarantined or, when from a newer Virtlab, left in place. */
  readonly problems: LibraryProblem[];
  /** Things worth a log line: stale lock taken over, interrupted saves recovered, temp files removed, migrations. */
  readonly notes: string[];
}

/** Documents read at once while loading; enough to hide file system latency, few enough for any descriptor limit. */
const readConcurrency = 32;
const inventoryKey = '\u0000inventory';

export class MachineLibrary {
  readonly layout: LibraryLayout;
  readonly #lock: LibraryLock;
  readonly #now: () => Date;
  readonly #queue = new KeyedQueue();
  /** Serialized record last written or loaded per machine, so `sync` writes only what changed. */
  readonly #written = new Map<string, string>();
  /** Documents from a newer Virtlab that were not loaded: `sync` must never delete them as "gone". */
  readonly #leftInPlace = new Set<string>();
  /** Each machine's place in creation order, written into its document; new machines go last. */
  readonly #sequence = new Map<string, number>();
  #nextSequence = 0;
  #openNotes: string[];
  #closed = false;

  private constructor(layout: LibraryLayout, lock: LibraryLock, now: () => Date, notes: string[]) {
    this.layout = layout;
    this.#lock = lock;
    this.#now = now;
    this.#openNotes = notes;
  }

  /** Creates the folder layout if needed and locks it; throws LibraryLockedError when another instance has it. */
  static async open(dir: string, options: OpenLibraryOptions = {}): Promise<MachineLibrary> {
    const layout = libraryLayout(dir);
    await mkdir(layout.machinesDir, { recursive: true });
    await mkdir(layout.quarantineDir, { recursive: true });
    const lock = await acquireLibraryLock(layout.lockFile, options);
    const notes = lock.note === undefined ? [] : [lock.note];
    const strays = [...(await removeStrayTemps(layout.machinesDir)), ...(await removeStrayTemps(layout.root))];
    if (strays.length > 0) notes.push(`Removed ${strays.length} unfinished temporary file${strays.length === 1 ? '' : 's'} of interrupted saves`);
    return new MachineLibrary(layout, lock, options.now ?? (() => new Date()), notes);
  }

  get dir(): string {
    return this.layout.root;
  }

  async load(): Promise<LibraryLoad> {
    this.#assertOpen();
    await this.#queue.idle();
    const ctx: RecoveryContext = { root: this.layout.root, quarantineDir: this.layout.quarantineDir, now: this.#now };
    const notes = this.#openNotes;
    this.#openNotes = [];
    const problems: LibraryProblem[] = [];
    const ids = new Set<string>();
    for (const name of await readdir(this.layout.machinesDir)) {
      const id = machineIdOfFile(name);
      if (id === undefined) notes.push(`Ignored machines/${name}: not a machine document`);
      else ids.add(id);
    }
    let migrated = 0;
    const stored = new Map<string, number | undefined>();
    const results = await mapLimited([...ids], readConcurrency, async (id) => {
      const read = await readWithRecovery(machineFile(this.layout, id), 'machine', machineDocumentSchema, ctx, (doc) =>
        doc.record.id === id ? undefined : `record.id: does not match the file name (${id}.json)`,
      );
      problems.push(...read.problems);
      notes.push(...read.notes);
      if (read.problems.some((problem) => problem.action === 'leftInPlace')) this.#leftInPlace.add(id);
      if (read.value === undefined) return undefined;
      stored.set(id, read.value.sequence);
      // Documents without a sequence count as changed, so the next save gives them one.
      if (read.fromVersion === machineDocumentVersion && read.value.sequence !== undefined) this.#written.set(id, JSON.stringify(read.value.record));
      else if (read.fromVersion !== machineDocumentVersion) migrated += 1;
      return read.value.record;
    });
    if (migrated > 0) notes.push(`Upgraded ${migrated} machine document${migrated === 1 ? '' : 's'} from an older version (rewritten on next save)`);
    const loadedRecords = results.filter((record): record is MachineRecord => record !== undefined);
    const sequenceOf = (record: MachineRecord): number => stored.get(record.id) ?? Number.POSITIVE_INFINITY;
    loadedRecords.sort(
      (a, b) => sequenceOf(a) - sequenceOf(b) || a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const machines = restoreOrder(loadedRecords);
    // Stored numbers stay (unchanged documents are not rewritten); only documents without one get the next ones.
    this.#sequence.clear();
    this.#nextSequence = [...stored.values()].reduce<number>((max, n) => (n !== undefined && n > max ? n : max), -1) + 1;
    for (const record of machines) this.#sequence.set(record.id, stored.get(record.id) ?? this.#nextSequence++);
    const inventoryRead = await readWithRecovery(this.layout.inventoryFile, 'inventory', inventoryDocumentSchema, ctx);
    problems.push(...inventoryRead.problems);
    notes.push(...inventoryRead.notes);
    problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return { machines, inventory: inventoryRead.value ? inventoryOf(inventoryRead.value) : emptyInventory(), problems, notes };
  }

  /** A document that loaded but that the engine refused: `sync` must leave it alone (the user may mend it by hand). */
  keepUnloaded(id: string): void {
    this.#leftInPlace.add(id);
    this.#written.delete(id);
  }

  /** Validates and writes one machine's document atomically (the previous version stays as .bak). */
  async saveMachine(record: MachineRecord): Promise<void> {
    this.#assertOpen();
    const parsed = machineRecordSchema.safeParse(record);
    if (!parsed.success) throw new AppError('VALIDATION', `Machine "${String(record.name)}" was not saved: ${describeIssues(parsed.error)}`);
    const file = machineFile(this.layout, parsed.data.id);
    let sequence = this.#sequence.get(parsed.data.id);
    if (sequence === undefined) {
      sequence = this.#nextSequence++;
      this.#sequence.set(parsed.data.id, sequence);
    }
    const document: MachineDocument = { schemaVersion: machineDocumentVersion, savedAt: this.#now().toISOString(), sequence, record: parsed.data };
    const serialized = JSON.stringify(parsed.data);
    await this.#queue.run(parsed.data.id, async () => {
      await writeFileAtomic(file, `${JSON.stringify(document, null, 2)}\n`);
      this.#written.set(parsed.data.id, serialized);
    });
  }

  /** Deletes a machine's document and backup; false when there was none. */
  async removeMachine(id: string): Promise<boolean> {
    this.#assertOpen();
    const file = machineFile(this.layout, id);
    return this.#queue.run(id, async () => {
      this.#written.delete(id);
      return removeWithBackup(file);
    });
  }

  /** Of the records loaded, those whose documents must be written again (migrated from an older version, no sequence yet). */
  outdated(records: readonly MachineRecord[]): MachineRecord[] {
    return records.filter((record) => !this.#written.has(record.id) && !this.#leftInPlace.has(record.id));
  }

  /**
   * Makes the library hold exactly `records`: writes the new and changed machines, removes the machines that are gone.
   * For bulk use (benchmarks, tools); a running app writes the change stream's documents instead.
   */
  async sync(records: readonly MachineRecord[]): Promise<{ written: number; removed: number }> {
    this.#assertOpen();
    await this.#queue.idle();
    const keep = new Set(records.map((record) => record.id));
    const gone = [...(await readdir(this.layout.machinesDir))]
      .map(machineIdOfFile)
      .filter((id): id is string => id !== undefined && !keep.has(id) && !this.#leftInPlace.has(id));
    const changed = records.filter((record) => {
      const parsed = machineRecordSchema.safeParse(record);
      // An invalid record counts as changed so saveMachine reports what is wrong with it.
      return !parsed.success || this.#written.get(record.id) !== JSON.stringify(parsed.data);
    });
    await mapLimited(changed, readConcurrency, (record) => this.saveMachine(record));
    const removed = await mapLimited([...new Set(gone)], readConcurrency, (id) => this.removeMachine(id));
    return { written: changed.length, removed: removed.filter(Boolean).length };
  }

  async saveInventory(inventory: Inventory): Promise<void> {
    this.#assertOpen();
    const document: InventoryDocument = inventoryDocumentSchema.parse({
      schemaVersion: inventoryDocumentVersion,
      savedAt: this.#now().toISOString(),
      ...inventory,
    });
    await this.#queue.run(inventoryKey, () => writeFileAtomic(this.layout.inventoryFile, `${JSON.stringify(document, null, 2)}\n`));
  }

  /** Finishes pending writes and releases the lock. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.idle();
    await this.#lock.release();
  }

  #assertOpen(): void {
    if (this.#closed) throw new AppError('INTERNAL', `The library ${this.layout.root} is closed`);
  }
}

function inventoryOf(document: InventoryDocument): Inventory {
  const { schemaVersion: _version, savedAt: _savedAt, ...inventory } = document;
  return inventory;
}
