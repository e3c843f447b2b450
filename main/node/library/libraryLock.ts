// Exclusive lock file so a second Virtlab instance refuses a library instead of overwriting it; stale locks are taken over.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import { errorCode } from './fsErrors.ts';

const lockOwnerSchema = z.object({ pid: z.number().int().positive(), hostname: z.string(), startedAt: z.string() });
export type LockOwner = z.infer<typeof lockOwnerSchema>;

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

/** Which library folder a lock was taken in: a folder replaced under the same path has another identity. */
export interface FolderIdentity {
  readonly dev: number;
  readonly ino: number;
}

/** Whether this instance may still write: the folder and the lock file are the ones it locked. */
export type LockCheck = 'held' | 'folderReplaced' | 'lockLost';

export class LibraryLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Set when a stale, empty or unreadable lock was taken over. */
  readonly note: string | undefined;
  readonly folder: FolderIdentity;
  readonly content: string;
  #released = false;

  constructor(file: string, owner: LockOwner, content: string, folder: FolderIdentity, note: string | undefined) {
    this.file = file;
    this.owner = owner;
    this.content = content;
    this.folder = folder;
    this.note = note;
  }

  /** Compares the folder's identity (dev/ino) and the lock file's content with what was locked. */
  async check(): Promise<LockCheck> {
    const now = await folderIdentity(path.dirname(this.file)).catch(() => undefined);
    if (now === undefined || now.dev !== this.folder.dev || now.ino !== this.folder.ino) return 'folderReplaced';
    const current = await readFile(this.file, 'utf8').catch(() => undefined);
    return current === this.content ? 'held' : 'lockLost';
  }

  /** Removes the lock file if it is still ours, in the folder that was locked; safe to call twice. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    if ((await this.check()) === 'held') await unlink(this.file).catch(() => undefined);
  }
}

async function folderIdentity(dir: string): Promise<FolderIdentity> {
  const info = await stat(dir);
  return { dev: info.dev, ino: info.ino };
}

export interface AcquireOptions extends LockOptions {
  /** Our own earlier lock content: a copy of it (a folder restored from a backup) is ours to take over, not a rival. */
  readonly previousContent?: string;
}

export async function acquireLibraryLock(file: string, options: AcquireOptions = {}): Promise<LibraryLock> {
  const owner: LockOwner = {
    pid: options.pid ?? process.pid,
    hostname: options.hostname ?? os.hostname(),
    startedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  const isAlive = options.isAlive ?? processIsAlive;
  const content = `${JSON.stringify(owner)}\n`;
  const library = path.dirname(file);
  let note: string | undefined;
  // Two rounds: a stale lock is removed once; if another instance wins the race for the free name, we refuse.
  for (let round = 0; round < 2; round += 1) {
    const folder = await folderIdentity(library);
    if (await createLockFile(file, content)) return new LibraryLock(file, owner, content, folder, note);
    const existing = await readFile(file, 'utf8').then(
      (text) => ({ text }),
      (error: unknown) => ({ error: errorCode(error) }),
    );
    if ('error' in existing && existing.error === 'ENOENT') continue; // released meanwhile
    const parsed = 'text' in existing ? parseOwner(existing.text) : undefined;
    if (parsed === undefined) {
      // Lock files are complete when they appear (see createLockFile), so an empty or garbled one has no live writer.
      const what = 'error' in existing ? `unreadable (${existing.error})` : existing.text.trim() === '' ? 'empty' : 'damaged';
      note = `Took over a lock file in ${library} that was ${what} (left by an instance that could not finish writing it, e.g. on a full disk).`;
    } else if ('text' in existing && existing.text === options.previousContent) {
      note = `Took over a copy of this instance's own lock in ${library} (the folder was replaced, e.g. restored from a backup).`;
    } else if (parsed.hostname !== owner.hostname) {
      throw new LibraryLockedError(
        `The library ${library} is in use by Virtlab (pid ${parsed.pid}) on computer "${parsed.hostname}" since ${parsed.startedAt}. ` +
          `Close it there first; if it is no longer running, delete ${file}.`,
        parsed,
      );
    } else if (isAlive(parsed.pid)) {
      throw new LibraryLockedError(
        `The library ${library} is in use by another Virtlab instance (pid ${parsed.pid}, since ${parsed.startedAt}). ` +
          "Close that instance first: two instances would overwrite each other's changes.",
        parsed,
      );
    } else {
      note = `Took over the lock of a Virtlab instance that is no longer running (pid ${parsed.pid}, since ${parsed.startedAt}).`;
    }
    // Only remove the lock we judged: if it changed meanwhile, another instance took it and the next round refuses.
    const again = await readFile(file, 'utf8').catch((error: unknown) => ({ error: errorCode(error) }));
    const unchanged = typeof again === 'string' ? 'text' in existing && again === existing.text : 'error' in existing && again.error === existing.error;
    if (unchanged) await unlink(file).catch(() => undefined);
  }
  const holder = parseOwner((await readFile(file, 'utf8').catch(() => '')) ?? '');
  throw new LibraryLockedError(`The library ${library} was just locked by another Virtlab instance${holder ? ` (pid ${holder.pid})` : ''}.`, holder);
}

/**
 * Creates `file` with `content` only if it does not exist; false when it does. The content is written to a temp
 * file first and hard-linked into place, so the lock never exists empty or half written (a full disk fails the
 * temp file, not the lock). File systems without hard links fall back to an exclusive create, cleaned up on failure.
 */
async function createLockFile(file: string, content: string): Promise<boolean> {
  for (let attempt = 0; ; attempt += 1) {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    await writeDurably(temp, content, 'wx');
    try {
      await link(temp, file);
      return true;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') return false;
      // The instance holding the lock cleans stray temp files of the folder, ours included: write it again.
      if (code === 'ENOENT' && attempt < 3) continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
      break;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }
  try {
    await writeDurably(file, content, 'wx');
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Writes a new file and fsyncs it; a failed write removes the file again instead of leaving it empty. */
async function writeDurably(file: string, content: string, flags: 'wx'): Promise<void> {
  const handle = await open(file, flags, 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(file).catch(() => undefined);
    throw error;
  }
  await handle.close();
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
    return errorCode(error) === 'EPERM';
  }
}
