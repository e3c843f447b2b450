// The machine library on disk: locked folder, one atomically written document per machine plus the inventory.
import { readdir } from 'node:fs/promises';
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
import { inventoryPartsOf } from './inventoryParts.ts';
import type { EngineInventory } from '../../../shared/domain/engineInventory.ts';
import type { ReadText } from './documentReader.ts';
import { acquireLibraryLock } from './libraryLock.ts';
import type { LockOptions } from './libraryLock.ts';
import { explainUnwritable, prepareLibraryFolder } from './libraryFolder.ts';
import { libraryLayout, machineFile, machineIdOfFile } from './libraryPaths.ts';
import type { LibraryLayout } from './libraryPaths.ts';
import { LockGuard } from './lockGuard.ts';
import { readWithRecovery } from './recoveringReader.ts';
import { restoreOrder } from './restoreOrder.ts';
import type { LibraryProblem, RecoveryContext } from './recoveringReader.ts';
import { ImportTransactions } from './importTransactions.ts';
import type { ImportTransaction } from './importTransactions.ts';
import { recoverStagedImports, stagedFile } from './stagedImports.ts';

export type { ImportTransaction } from './importTransactions.ts';

export interface OpenLibraryOptions extends LockOptions {
  /** Clock for `savedAt` and quarantine notes. */
  readonly now?: () => Date;
  /** Reads documents; tests inject errors here that their user cannot cause for real (root ignores file modes). */
  readonly readText?: ReadText;
  /** Things worth a log line that happen after open (the folder was replaced and locked again). */
  readonly onNote?: (note: string) => void;
}

export interface LibraryLoad {
  /** In creation order, except that clones always follow the machines they came from (creation times may tie). */
  readonly machines: MachineRecord[];
  readonly inventory: Inventory;
  /** Documents that could not be loaded as they were: quarantined, or left in place (from a newer Virtlab, unreadable). */
  readonly problems: LibraryProblem[];
  /** Things worth a log line: stale lock taken over, interrupted saves recovered, temp files removed, migrations. */
  readonly notes: string[];
}

/** Documents read at once while loading; enough to hide file system latency, few enough for any descriptor limit. */
const readConcurrency = 32;
const inventoryKey = '\u0000inventory';

export class MachineLibrary {
  readonly layout: LibraryLayout;
  /** Undefined when opened read-only: nothing may be written. */
  readonly #guard: LockGuard | undefined;
  readonly #now: () => Date;
  readonly #readText: ReadText | undefined;
  readonly #queue = new KeyedQueue();
  /** Serialized record last written or loaded per machine, so `sync` writes only what changed. */
  readonly #written = new Map<string, string>();
  /** Documents from a newer Virtlab that were not loaded: `sync` must never delete them as "gone". */
  readonly #leftInPlace = new Set<string>();
  /** Each machine's place in creation order, written into its document; new machines go last. */
  readonly #sequence = new Map<string, number>();
  #nextSequence = 0;
  readonly #imports: ImportTransactions;
  /** The inventory as last loaded or saved: parts saved later keep the others (hosts, groups, settings). */
  #inventory: Inventory = emptyInventory();
  #openNotes: string[];
  #closed = false;

  private constructor(layout: LibraryLayout, guard: LockGuard | undefined, options: OpenLibraryOptions, notes: string[]) {
    this.layout = layout;
    this.#guard = guard;
    this.#now = options.now ?? (() => new Date());
    this.#readText = options.readText;
    const onNote = options.onNote ?? (() => undefined);
    this.#imports = new ImportTransactions({
      layout,
      inQueue: (id, task) => this.#queue.run(id, task),
      ensureWritable: async () => this.#guard?.ensure(),
      isWritten: (id) => this.#written.has(id),
      forget: (id) => this.#written.delete(id),
      save: (record) => this.saveMachine(record),
      note: onNote,
    });
    this.#openNotes = notes;
  }

  /** Creates the folder layout if needed and locks it; throws LibraryLockedError when another instance has it. */
  static async open(dir: string, options: OpenLibraryOptions = {}): Promise<MachineLibrary> {
    const layout = libraryLayout(dir);
    await prepareLibraryFolder(layout);
    const lock = await acquireLibraryLock(layout.lockFile, options).catch(async (error: unknown) => {
      throw await explainUnwritable(layout.root, error);
    });
    const notes = lock.note === undefined ? [] : [lock.note];
    const onNote = options.onNote ?? (() => undefined);
    const guard = new LockGuard(layout, lock, options, onNote);
    try {
      const strays = [...(await removeStrayTemps(layout.machinesDir)), ...(await removeStrayTemps(layout.root))];
      if (strays.length > 0) notes.push(`Removed ${strays.length} unfinished temporary file${strays.length === 1 ? '' : 's'} of interrupted saves`);
      notes.push(...(await recoverStagedImports(layout)));
    } catch (error) {
      await guard.release();
      throw error;
    }
    return new MachineLibrary(layout, guard, options, notes);
  }

  /**
   * Opens a library without locking or changing it (a read-only folder, or one another instance holds): `load`
   * reports damaged documents without moving them, and every write is refused.
   */
  static async openReadOnly(dir: string, options: OpenLibraryOptions = {}): Promise<MachineLibrary> {
    const layout = libraryLayout(dir);
    await readdir(layout.machinesDir).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    });
    return new MachineLibrary(layout, undefined, options, []);
  }

  get readOnly(): boolean {
    return this.#guard === undefined;
  }

  get dir(): string {
    return this.layout.root;
  }

  async load(): Promise<LibraryLoad> {
    this.#assertOpen();
    await this.#queue.idle();
    const ctx: RecoveryContext = {
      root: this.layout.root,
      quarantineDir: this.layout.quarantineDir,
      now: this.#now,
      readOnly: this.readOnly,
      ...(this.#readText ? { readText: this.#readText } : {}),
    };
    const notes = this.#openNotes;
    this.#openNotes = [];
    const problems: LibraryProblem[] = [];
    const ids = new Set<string>();
    for (const name of await readdir(this.layout.machinesDir).catch(() => [] as string[])) {
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
    this.#inventory = inventoryRead.value ? inventoryOf(inventoryRead.value) : emptyInventory();
    return { machines, inventory: this.#inventory, problems, notes };
  }

  /** A document that loaded but that the engine refused: `sync` must leave it alone (the user may mend it by hand). */
  keepUnloaded(id: string): void {
    this.#leftInPlace.add(id);
    this.#written.delete(id);
  }

  /** Validates and writes one machine's document atomically (the previous version stays as .bak). */
  async saveMachine(record: MachineRecord): Promise<void> {
    this.#assertWritable();
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
    const id = parsed.data.id;
    await this.#queue.run(id, async () => {
      await this.#guard?.ensure();
      // Decided when the write runs, not when it was asked for: an import may have committed in between.
      const staging = this.#imports.folderOf(id);
      await writeFileAtomic(staging ? stagedFile(staging, id) : file, `${JSON.stringify(document, null, 2)}\n`);
      this.#written.set(id, serialized);
    });
  }

  /** Deletes a machine's document and backup; false when there was none. */
  async removeMachine(id: string): Promise<boolean> {
    this.#assertWritable();
    const file = machineFile(this.layout, id);
    return this.#queue.run(id, async () => {
      await this.#guard?.ensure();
      this.#written.delete(id);
      this.#imports.forgetCommitted(id);
      const staging = this.#imports.folderOf(id);
      return removeWithBackup(staging ? stagedFile(staging, id) : file);
    });
  }

  /** Of the records loaded, those whose documents must be written again (migrated from an older version, no sequence yet). */
  outdated(records: readonly MachineRecord[]): MachineRecord[] {
    return records.filter((record) => !this.#written.has(record.id) && !this.#leftInPlace.has(record.id));
  }

  /**
   * Starts an import of machines with these (new) ids: until `commit`, their documents are written to a staging
   * folder that the next start discards; `commit` makes all of them part of the library at once.
   */
  async beginImport(ids: readonly string[]): Promise<ImportTransaction> {
    this.#assertWritable();
    for (const id of ids) machineFile(this.layout, id);
    return this.#imports.begin(ids);
  }

  /**
   * Makes the library hold exactly `records`: writes the new and changed machines, removes the machines that are gone.
   * For bulk use (benchmarks, tools); a running app writes the change stream's documents instead.
   */
  async sync(records: readonly MachineRecord[]): Promise<{ written: number; removed: number }> {
    this.#assertWritable();
    // `records` may predate an import committed while this sync waits: those machines are not gone.
    const commitsSeen = this.#imports.commits;
    await this.#queue.idle();
    const keep = new Set(records.map((record) => record.id));
    const committedLater = (id: string): boolean => this.#imports.committedSince(id, commitsSeen);
    const gone = [...(await readdir(this.layout.machinesDir))]
      .map(machineIdOfFile)
      .filter((id): id is string => id !== undefined && !keep.has(id) && !this.#leftInPlace.has(id) && !committedLater(id));
    const changed = records.filter((record) => {
      const parsed = machineRecordSchema.safeParse(record);
      // An invalid record counts as changed so saveMachine reports what is wrong with it.
      return !parsed.success || this.#written.get(record.id) !== JSON.stringify(parsed.data);
    });
    await mapLimited(changed, readConcurrency, (record) => this.saveMachine(record));
    const removed = await mapLimited([...new Set(gone)], readConcurrency, (id) => this.removeMachine(id));
    return { written: changed.length, removed: removed.filter(Boolean).length };
  }

  /** Saves the engine's inventory (networks, platforms, media) into inventory.json, keeping its other parts. */
  async saveEngineInventory(inventory: EngineInventory): Promise<void> {
    await this.saveInventory({ ...this.#inventory, ...inventoryPartsOf(inventory) });
  }

  async saveInventory(inventory: Inventory): Promise<void> {
    this.#assertWritable();
    this.#inventory = inventory;
    const document: InventoryDocument = inventoryDocumentSchema.parse({
      schemaVersion: inventoryDocumentVersion,
      savedAt: this.#now().toISOString(),
      ...inventory,
    });
    await this.#queue.run(inventoryKey, async () => {
      await this.#guard?.ensure();
      await writeFileAtomic(this.layout.inventoryFile, `${JSON.stringify(document, null, 2)}\n`);
    });
  }

  /** Finishes pending writes and releases the lock. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.idle();
    await this.#guard?.release();
  }

  #assertOpen(): void {
    if (this.#closed) throw new AppError('INTERNAL', `The library ${this.layout.root} is closed`);
  }

  #assertWritable(): void {
    this.#assertOpen();
    if (this.readOnly) throw new AppError('INVALID_STATE', `The library ${this.layout.root} is open read-only; nothing can be saved to it`);
  }
}

function inventoryOf(document: InventoryDocument): Inventory {
  const { schemaVersion: _version, savedAt: _savedAt, ...inventory } = document;
  return inventory;
}
