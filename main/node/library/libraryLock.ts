// Exclusive lock file so a second Virtlab instance refuses a library instead of overwriting it; stale locks are taken over.
import { open, readFile, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';

const lockOwnerSchema = z.object({ pid: z.number().int().positive(), hostname: z.string(), startedAt: z.string() });
export type LockOwner = z.infer<typeof lockOwnerSchema>;

/** A lock file too new to judge: its writer may be between creating it and writing its pid. */
const unreadableGraceMs = 5_000;

export class LibraryLockedError extends AppError {
  readonly owner: LockOwner | undefined;

  constructor(message: string, owner: LockOwner | undefined) {
    super('CONFLICT', message);
    this.name = 'LibraryLockedError';
    this.owner = owner;
  }
}

export interface LockOptions {
  readonly pid?: number;
  readonly hostname?: string;
  readonly now?: () => Date;
  /** Whether a process of this computer is running; process.kill(pid, 0) by default. */
  readonly isAlive?: (pid: number) => boolean;
}

export class LibraryLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Set when a stale lock of a dead instance was taken over. */
  readonly note: string | undefined;
  readonly #content: string;
  #released = false;

  constructor(file: string, owner: LockOwner, content: string, note: string | undefined) {
    this.file = file;
    this.owner = owner;
    this.#content = content;
    this.note = note;
  }

  /** Removes the lock file if it is still ours; safe to call twice. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    const current = await readFile(this.file, 'utf8').catch(() => undefined);
    if (current === this.#content) await unlink(this.file).catch(() => undefined);
  }
}

export async function acquireLibraryLock(file: string, options: LockOptions = {}): Promise<LibraryLock> {
  const owner: LockOwner = {
    pid: options.pid ?? process.pid,
    hostname: options.hostname ?? os.hostname(),
    startedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  const isAlive = options.isAlive ?? processIsAlive;
  const content = `${JSON.stringify(owner)}\n`;
  let note: string | undefined;
  // Two rounds: a stale lock is removed once; if another instance wins the race for the free name, we refuse.
  for (let round = 0; round < 2; round += 1) {
    try {
      const handle = await open(file, 'wx', 0o644);
      try {
        await handle.writeFile(content, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return new LibraryLock(file, owner, content, note);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    }
    const existing = await readFile(file, 'utf8').catch(() => undefined);
    if (existing === undefined) continue; // released meanwhile
    const parsed = parseOwner(existing);
    const library = path.dirname(file);
    if (parsed === undefined) {
      const age = Date.now() - (await stat(file).then((s) => s.mtimeMs, () => 0));
      if (age < unreadableGraceMs) throw new LibraryLockedError(`The library ${library} is being opened by another Virtlab instance right now.`, undefined);
      note = `Took over an unreadable lock file in ${library} (left by an instance that did not finish starting).`;
    } else if (parsed.hostname !== owner.hostname) {
      throw new LibraryLockedError(
        `The library ${library} is in use by Virtlab (pid ${parsed.pid}) on computer "${parsed.hostname}" since ${parsed.startedAt}. ` +
          `Close it there first; if it is no longer running, delete ${file}.`,
        parsed,
      );
    } else if (isAlive(parsed.pid)) {
      throw new LibraryLockedError(
        `The library ${library} is in use by another Virtlab instance (pid ${parsed.pid}, since ${parsed.startedAt}). ` +
          'Close that instance first: two instances would overwrite each other\'s changes.',
        parsed,
      );
    } else {
      note = `Took over the lock of a Virtlab instance that is no longer running (pid ${parsed.pid}, since ${parsed.startedAt}).`;
    }
    // Only remove the lock we judged: if it changed meanwhile, another instance took it and the next round refuses.
    const again = await readFile(file, 'utf8').catch(() => undefined);
    if (again === existing) await unlink(file).catch(() => undefined);
  }
  const holder = parseOwner((await readFile(file, 'utf8').catch(() => '')) ?? '');
  throw new LibraryLockedError(
    `The library ${path.dirname(file)} was just locked by another Virtlab instance${holder ? ` (pid ${holder.pid})` : ''}.`,
    holder,
  );
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const parsed = lockOwnerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
