// Imports written to staging/<tx>/ and confirmed by one durable commit marker, so a crash leaves all machines or none.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { syncDir, writeFileAtomic } from './atomicFile.ts';
import { errorCode } from './fsErrors.ts';
import { machineIdOfFile } from './libraryPaths.ts';
import type { LibraryLayout } from './libraryPaths.ts';

/** Its presence is the commit point: before it an import never happened, after it the import completes on next start. */
const commitMarker = 'commit.json';
const markerSchema = z.object({ ids: z.array(z.string()) });

export interface StagingFolder {
  readonly dir: string;
  readonly ids: readonly string[];
}

/** A fresh transaction folder; made durable so a document staged into it cannot outlive its folder entry. */
export async function createStagingFolder(layout: LibraryLayout, ids: readonly string[]): Promise<StagingFolder> {
  await mkdir(layout.stagingDir, { recursive: true });
  const dir = path.join(layout.stagingDir, randomUUID());
  await mkdir(dir);
  await syncDir(layout.stagingDir);
  return { dir, ids };
}

export function stagedFile(folder: StagingFolder, id: string): string {
  return path.join(folder.dir, `${id}.json`);
}

/** The commit point: after this resolves the import survives any crash (recoverStagedImports finishes it). */
export async function writeCommitMarker(folder: StagingFolder): Promise<void> {
  await writeFileAtomic(path.join(folder.dir, commitMarker), `${JSON.stringify({ ids: folder.ids })}\n`);
}

/** Moves one staged document into machines/ (a rename: durable with the folder sync after the last one). */
export async function moveIntoLibrary(layout: LibraryLayout, folder: StagingFolder, id: string): Promise<void> {
  await rename(stagedFile(folder, id), path.join(layout.machinesDir, `${id}.json`)).catch((error: unknown) => {
    // Already moved by an earlier, interrupted attempt.
    if (errorCode(error) !== 'ENOENT') throw error;
  });
}

export async function removeStagingFolder(layout: LibraryLayout, folder: StagingFolder): Promise<void> {
  await rm(folder.dir, { recursive: true, force: true });
  await syncDir(layout.stagingDir);
}

/**
 * Run at open, under the lock: finishes imports whose marker was written, discards the others. Returns notes for
 * the log (nothing when there was nothing to recover).
 */
export async function recoverStagedImports(layout: LibraryLayout): Promise<string[]> {
  const notes: string[] = [];
  const entries = await readdir(layout.stagingDir, { withFileTypes: true }).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries) {
    const dir = path.join(layout.stagingDir, entry.name);
    if (!entry.isDirectory()) {
      await rm(dir, { force: true });
      continue;
    }
    const ids = await readMarker(dir);
    if (ids === undefined) {
      const staged = (await readdir(dir)).filter((name) => name.endsWith('.json') && machineIdOfFile(name) !== undefined).length;
      await rm(dir, { recursive: true, force: true });
      notes.push(`Discarded an import that was interrupted before it finished (${describeCount(staged)} staged; none of them was added)`);
      continue;
    }
    const folder: StagingFolder = { dir, ids };
    for (const id of ids) await moveIntoLibrary(layout, folder, id);
    await syncDir(layout.machinesDir);
    await rm(dir, { recursive: true, force: true });
    notes.push(`Finished an import of ${describeCount(ids.length)} that was interrupted after it was confirmed`);
  }
  if (entries.length > 0) await syncDir(layout.stagingDir);
  return notes;
}

async function readMarker(dir: string): Promise<string[] | undefined> {
  try {
    const parsed = markerSchema.safeParse(JSON.parse(await readFile(path.join(dir, commitMarker), 'utf8')));
    // The marker is written atomically, so it is complete or absent; anything else was not written by Virtlab.
    return parsed.success && parsed.data.ids.every((id) => machineIdOfFile(`${id}.json`) === id) ? parsed.data.ids : undefined;
  } catch {
    return undefined;
  }
}

const describeCount = (n: number): string => `${n} machine${n === 1 ? '' : 's'}`;
