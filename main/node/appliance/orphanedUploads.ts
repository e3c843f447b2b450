// Removes the upload folders (virtlab-imports-<pid>) of Virtlab processes that ended without cleaning up (killed, crashed).
import { readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { processIsAlive } from '../library/libraryLock.ts';

export const uploadFolderPrefix = 'virtlab-imports-';

/** The folder this process keeps partial uploads in. */
export function uploadFolderOf(pid: number, base: string = os.tmpdir()): string {
  return path.join(base, `${uploadFolderPrefix}${pid}`);
}

/** Returns the folders removed. A pid that is alive again (reused) keeps its folder: it may be another Virtlab's. */
export async function removeOrphanedUploadFolders(base: string = os.tmpdir(), isAlive: (pid: number) => boolean = processIsAlive): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(base).catch(() => [] as string[])) {
    const match = new RegExp(`^${uploadFolderPrefix}(\\d{1,10})$`).exec(name);
    const pid = Number(match?.[1]);
    if (!match || pid === process.pid || !Number.isSafeInteger(pid) || pid <= 0 || isAlive(pid)) continue;
    await rm(path.join(base, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
