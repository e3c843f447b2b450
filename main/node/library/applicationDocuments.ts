// Applications in the library: one atomically written document per application in applications/, next to the machine
// documents, loaded (with .bak recovery and quarantine) at start and written from the engine's change stream.
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { applicationRecordSchema } from '../../../shared/domain/applicationRecord.ts';
import type { ApplicationRecord } from '../../../shared/domain/applicationRecord.ts';
import { AppError } from '../../../shared/errors.ts';
import { removeStrayTemps, removeWithBackup, writeFileAtomic } from './atomicFile.ts';
import { applicationDocumentSchema, applicationDocumentVersion, describeIssues } from './documentSchemas.ts';
import type { ApplicationDocument } from './documentSchemas.ts';
import { KeyedQueue, mapLimited } from './keyedQueue.ts';
import { readWithRecovery } from './recoveringReader.ts';
import type { LibraryProblem, RecoveryContext } from './recoveringReader.ts';

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export interface ApplicationLoad {
  readonly applications: ApplicationRecord[];
  readonly problems: LibraryProblem[];
  readonly notes: string[];
}

/** Lives inside an open (locked) MachineLibrary's folder; the lock covers it. */
export class ApplicationDocuments {
  readonly dir: string;
  readonly #root: string;
  readonly #now: () => Date;
  readonly #queue = new KeyedQueue();

  constructor(root: string, now: () => Date = () => new Date()) {
    this.#root = root;
    this.dir = path.join(root, 'applications');
    this.#now = now;
  }

  /** Every application document, oldest first; damaged ones are quarantined (or their .bak loaded) and reported. */
  async load(): Promise<ApplicationLoad> {
    await mkdir(this.dir, { recursive: true });
    const notes: string[] = [];
    const strays = await removeStrayTemps(this.dir);
    if (strays.length > 0) notes.push(`Removed ${strays.length} unfinished temporary application file${strays.length === 1 ? '' : 's'}`);
    const ids = new Set<string>();
    for (const name of await readdir(this.dir)) {
      const id = /^(.+)\.json(\.bak)?$/.exec(name)?.[1];
      if (id !== undefined && idPattern.test(id)) ids.add(id);
      else if (!name.includes('.tmp')) notes.push(`Ignored applications/${name}: not an application document`);
    }
    const ctx: RecoveryContext = { root: this.#root, quarantineDir: path.join(this.#root, 'quarantine'), now: this.#now };
    const problems: LibraryProblem[] = [];
    const loaded = await mapLimited([...ids].sort(), 16, async (id) => {
      const read = await readWithRecovery(this.#file(id), 'application', applicationDocumentSchema, ctx, (doc) => (doc.record.id === id ? undefined : `record.id: does not match the file name (${id}.json)`));
      problems.push(...read.problems);
      notes.push(...read.notes);
      return read.value?.record;
    });
    const applications = loaded.filter((record): record is ApplicationRecord => record !== undefined).sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1));
    return { applications, problems, notes };
  }

  async saveApplication(record: ApplicationRecord): Promise<void> {
    const parsed = applicationRecordSchema.safeParse(record);
    if (!parsed.success) throw new AppError('VALIDATION', `Application "${record.spec?.name ?? record.id}" was not saved: ${describeIssues(parsed.error)}`);
    const document: ApplicationDocument = { schemaVersion: applicationDocumentVersion, savedAt: this.#now().toISOString(), record: parsed.data };
    await this.#queue.run(record.id, async () => {
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.#file(record.id), `${JSON.stringify(document, null, 2)}\n`);
    });
  }

  async removeApplication(id: string): Promise<boolean> {
    return this.#queue.run(id, () => removeWithBackup(this.#file(id)));
  }

  async idle(): Promise<void> {
    await this.#queue.idle();
  }

  #file(id: string): string {
    if (!idPattern.test(id)) throw new AppError('VALIDATION', `Application id "${id.slice(0, 100)}" cannot be used as a file name`, 'id');
    return path.join(this.dir, `${id}.json`);
  }
}
