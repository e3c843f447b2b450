// Crash-safe file replacement (temp file, fsync, keep previous as .bak, rename, fsync folder) and its leftovers.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export const backupSuffix = '.bak';
const tempSuffix = '.tmp';

export function backupPathOf(file: string): string {
  return file + backupSuffix;
}

/** Temp files start with a dot and end in .tmp so no loader ever mistakes one for a document. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(tempSuffix);
}

/**
 * Replaces `file` so that a crash at any instant leaves the old or the new content readable: the new content is
 * durable before it takes the name, and the only window without `file` (between the two renames) still has the
 * previous version under `file.bak`, which loaders fall back to.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}${tempSuffix}`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(file, backupPathOf(file));
  } catch (error) {
    if (!isNotFound(error)) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }
  await rename(temp, file);
  await syncDir(dir);
}

/** Removes a document and its backup; the backup goes first so a crash in between never brings back a deleted file. */
export async function removeWithBackup(file: string): Promise<boolean> {
  await unlink(backupPathOf(file)).catch(ignoreNotFound);
  let existed = true;
  await unlink(file).catch((error: unknown) => {
    existed = false;
    ignoreNotFound(error);
  });
  await syncDir(path.dirname(file));
  return existed;
}

/** Makes renames and unlinks in `dir` durable. Windows cannot open folders; NTFS journals the metadata itself. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Deletes temp files a killed writer left behind (only ever called while holding the library lock). */
export async function removeStrayTemps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!isTempFileName(name)) continue;
    await unlink(path.join(dir, name)).catch(ignoreNotFound);
    removed.push(name);
  }
  return removed;
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

function ignoreNotFound(error: unknown): void {
  if (!isNotFound(error)) throw error;
}
