// Atomic replacement keeps one backup, leaves no temp files, and deletion removes the backup first.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStrayTemps, removeWithBackup, writeFileAtomic } from './atomicFile.ts';
import { useTempDirs } from './testing/tempDirs.ts';

const tempDir = useTempDirs();

describe('writeFileAtomic', () => {
  it('writes, then keeps exactly the previous version as .bak', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'doc.json');
    await writeFileAtomic(file, 'one');
    expect(await readdir(dir)).toEqual(['doc.json']);
    await writeFileAtomic(file, 'two');
    await writeFileAtomic(file, 'three');
    expect((await readdir(dir)).sort()).toEqual(['doc.json', 'doc.json.bak']);
    expect(await readFile(file, 'utf8')).toBe('three');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('two');
  });

  it('fails without touching the current version when the folder is gone', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(path.join(dir, 'missing', 'doc.json'), 'x')).rejects.toThrow(/ENOENT/);
  });
});

describe('leftovers', () => {
  it('removes only temp files of interrupted saves', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, '.doc.json.123.abcd.tmp'), '{"half');
    await writeFile(path.join(dir, 'doc.json'), '{}');
    expect(await removeStrayTemps(dir)).toEqual(['.doc.json.123.abcd.tmp']);
    expect(await readdir(dir)).toEqual(['doc.json']);
  });

  it('deletes a document with its backup and says whether it existed', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'doc.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await removeWithBackup(file)).toBe(true);
    expect(await readdir(dir)).toEqual([]);
    expect(await removeWithBackup(file)).toBe(false);
  });
});
