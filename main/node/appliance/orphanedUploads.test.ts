// Upload folders of processes that are gone are removed at start; those of running processes and other files stay.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../library/testing/tempDirs.ts';
import { removeOrphanedUploadFolders, uploadFolderOf } from './orphanedUploads.ts';

const tempDir = useTempDirs();

describe('removeOrphanedUploadFolders', () => {
  it('removes the folders of dead processes only', async () => {
    const base = await tempDir();
    const dead = uploadFolderOf(4_000_001, base);
    await mkdir(dead);
    await writeFile(path.join(dead, 'a.part'), 'half an appliance');
    await mkdir(uploadFolderOf(process.pid, base));
    await mkdir(uploadFolderOf(4_000_002, base));
    await mkdir(path.join(base, 'virtlab-imports-notapid'));
    await writeFile(path.join(base, 'unrelated.txt'), 'x');
    const removed = await removeOrphanedUploadFolders(base, (pid) => pid === 4_000_002);
    expect(removed).toEqual(['virtlab-imports-4000001']);
    expect((await readdir(base)).sort()).toEqual(['unrelated.txt', `virtlab-imports-${process.pid}`, 'virtlab-imports-4000002', 'virtlab-imports-notapid'].sort());
  });
});
