// Writing exported files: digests checked, unsafe names refused, existing files kept unless overwriting, no temp files left.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../shared/domain/appliance.ts';
import { useTempDirs } from './library/testing/tempDirs.ts';
import { isPlainFileName, writeExportedFiles } from './exportFiles.ts';

const tempDir = useTempDirs();

function exported(name: string, text: string): ExportedFile {
  const data = Buffer.from(text);
  return { name, mediaType: 'text/plain', bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), base64: data.toString('base64') };
}

describe('writeExportedFiles', () => {
  it('writes every file next to each other and reports paths, sizes and digests', async () => {
    const dir = await tempDir();
    const files = [exported('web.ovf', '<Envelope/>'), exported('web.mf', 'SHA1(web.ovf)= x')];
    const written = await writeExportedFiles(dir, files, false);
    expect(written).toEqual([
      { path: path.join(dir, 'web.ovf'), bytes: 11, sha256: files[0]!.sha256 },
      { path: path.join(dir, 'web.mf'), bytes: 16, sha256: files[1]!.sha256 },
    ]);
    expect(await readFile(path.join(dir, 'web.ovf'), 'utf8')).toBe('<Envelope/>');
    expect((await readdir(dir)).sort()).toEqual(['web.mf', 'web.ovf']);
  });

  it('keeps an existing file unless told to overwrite, and writes nothing then', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'web.mf'), 'old');
    const files = [exported('web.ovf', 'new descriptor'), exported('web.mf', 'new manifest')];
    await expect(writeExportedFiles(dir, files, false)).rejects.toThrow(/web\.mf already exists; choose another -o or add --force/);
    expect((await readdir(dir)).sort()).toEqual(['web.mf']);
    await writeExportedFiles(dir, files, true);
    expect(await readFile(path.join(dir, 'web.mf'), 'utf8')).toBe('new manifest');
  });

  it('refuses names with folders and files whose digest does not match, writing nothing', async () => {
    const dir = await tempDir();
    await expect(writeExportedFiles(dir, [exported('../evil.ova', 'x')], false)).rejects.toThrow(/unsafe file name/);
    await expect(writeExportedFiles(dir, [{ ...exported('a.ova', 'x'), sha256: '0'.repeat(64) }], false)).rejects.toThrow(/a\.ova arrived damaged/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('isPlainFileName', () => {
  it('accepts plain names only', () => {
    expect(['web.ova', 'a b (1).ovf'].every(isPlainFileName)).toBe(true);
    expect(['', '.', '..', 'a/b', 'a\\b', 'x\u0000y', '/abs'].some(isPlainFileName)).toBe(false);
  });
});
