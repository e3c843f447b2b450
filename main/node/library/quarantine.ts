// Moves a damaged document out of the library into quarantine/, with a .reason.txt saying what was wrong.
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from './atomicFile.ts';

/** Returns the quarantined file's path. Never overwrites an earlier quarantined file of the same name. */
export async function quarantineFile(quarantineDir: string, file: string, reason: string, now: Date = new Date()): Promise<string> {
  await mkdir(quarantineDir, { recursive: true });
  const base = path.basename(file);
  for (let attempt = 0; ; attempt += 1) {
    const name = attempt === 0 ? base : insertCounter(base, attempt);
    const target = path.join(quarantineDir, name);
    // link + unlink would be exclusive, but not every file system has links; the lock keeps this single-writer.
    if (await exists(target)) continue;
    await rename(file, target);
    await writeFile(`${target}.reason.txt`, `${base}: ${reason}\nMoved from ${file} on ${now.toISOString()}.\n`, 'utf8');
    await syncDir(quarantineDir);
    await syncDir(path.dirname(file));
    return target;
  }
}

function insertCounter(name: string, n: number): string {
  const match = /^(.*?)(\.json(?:\.bak)?)$/.exec(name);
  return match ? `${match[1]}-${n}${match[2]}` : `${name}-${n}`;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
