// The library's import transactions: which machines are staged where, and the commit that adds all of them at once.
import type { MachineRecord } from '../../../shared/engine/protocol.ts';
import { AppError } from '../../../shared/errors.ts';
import { syncDir } from './atomicFile.ts';
import { mapLimited } from './keyedQueue.ts';
import type { LibraryLayout } from './libraryPaths.ts';
import { createStagingFolder, moveIntoLibrary, removeStagingFolder, writeCommitMarker } from './stagedImports.ts';
import type { StagingFolder } from './stagedImports.ts';

/**
 * Machines being imported: their documents go to a staging folder until `commit` makes them part of the library
 * in one durable step; a crash before that leaves none of them, after it all of them.
 */
export interface ImportTransaction {
  /** Writes (or rewrites) the staged documents; the library's saves of these ids also land there until the commit. */
  stage(records: readonly MachineRecord[]): Promise<void>;
  /** Durable once it resolves. Every id must have been staged. */
  commit(): Promise<void>;
  /** Drops the staged documents; nothing of the import remains. */
  abort(): Promise<void>;
}

/** What the transactions need from the library: its per-machine write queue, lock check and saves. */
export interface StagingHost {
  readonly layout: LibraryLayout;
  /** Runs `task` in machine `id`'s write queue, after the writes asked for before. */
  inQueue<T>(id: string, task: () => Promise<T>): Promise<T>;
  ensureWritable(): Promise<void>;
  /** Whether a document of `id` has been written (for staged ids: into the staging folder). */
  isWritten(id: string): boolean;
  forget(id: string): void;
  save(record: MachineRecord): Promise<void>;
  note(text: string): void;
}

const concurrentWrites = 32;

export class ImportTransactions {
  readonly #host: StagingHost;
  readonly #staged = new Map<string, StagingFolder>();
  /** Ids committed by imports, with the count of commits at that time (see `committedSince`). */
  readonly #committedAt = new Map<string, number>();
  #commits = 0;

  constructor(host: StagingHost) {
    this.#host = host;
  }

  /** The staging folder a machine's document goes to, while its import is not committed. */
  folderOf(id: string): StagingFolder | undefined {
    return this.#staged.get(id);
  }

  /** How many imports were committed so far; a sync notes it before it waits. */
  get commits(): number {
    return this.#commits;
  }

  /** Whether `id` came in with an import committed after `commitsSeen`: a sync begun before must not delete it. */
  committedSince(id: string, commitsSeen: number): boolean {
    return (this.#committedAt.get(id) ?? 0) > commitsSeen;
  }

  forgetCommitted(id: string): void {
    this.#committedAt.delete(id);
  }

  async begin(ids: readonly string[]): Promise<ImportTransaction> {
    for (const id of ids) {
      if (this.#staged.has(id) || this.#host.isWritten(id)) throw new AppError('CONFLICT', `Machine ${id} is already in the library or being imported`, 'id');
    }
    await this.#host.ensureWritable();
    const folder = await createStagingFolder(this.#host.layout, [...new Set(ids)]);
    for (const id of folder.ids) this.#staged.set(id, folder);
    let ended = false;
    const end = (): void => {
      if (ended) throw new AppError('INTERNAL', 'This import was already committed or abandoned');
      ended = true;
    };
    return {
      stage: async (records) => {
        const foreign = records.find((record) => this.#staged.get(record.id) !== folder);
        if (foreign) throw new AppError('INTERNAL', `Machine ${foreign.id} is not part of this import`);
        await mapLimited(records, concurrentWrites, (record) => this.#host.save(record));
      },
      commit: async () => {
        end();
        await this.#commit(folder);
      },
      abort: async () => {
        end();
        await this.#abort(folder);
      },
    };
  }

  async #commit(folder: StagingFolder): Promise<void> {
    const host = this.#host;
    // Lets writes already asked for land first, so every document is in the folder before the marker.
    await Promise.all(folder.ids.map((id) => host.inQueue(id, async () => undefined)));
    const unstaged = folder.ids.filter((id) => !host.isWritten(id));
    if (unstaged.length > 0) throw new AppError('INTERNAL', `${unstaged.length} imported machine(s) were not staged before the commit`);
    await host.ensureWritable();
    await writeCommitMarker(folder);
    // Committed: from here on nothing may undo the import; a failed move is finished by the next start.
    this.#commits += 1;
    const commit = this.#commits;
    try {
      await Promise.all(
        folder.ids.map((id) =>
          host.inQueue(id, async () => {
            await moveIntoLibrary(host.layout, folder, id);
            this.#staged.delete(id);
            this.#committedAt.set(id, commit);
          }),
        ),
      );
      await syncDir(host.layout.machinesDir);
      await removeStagingFolder(host.layout, folder);
    } catch (error) {
      host.note(`An import was saved, but moving it into machines/ failed (${error instanceof Error ? error.message : String(error)}); the next start finishes it`);
    }
  }

  async #abort(folder: StagingFolder): Promise<void> {
    await Promise.all(
      folder.ids.map((id) =>
        this.#host.inQueue(id, async () => {
          this.#staged.delete(id);
          this.#host.forget(id);
        }),
      ),
    );
    await removeStagingFolder(this.#host.layout, folder);
  }
}
