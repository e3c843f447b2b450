// A library that cannot be created or written says why (read-only, permission denied, a file in the way), not ENOENT.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MachineLibrary } from './machineLibrary.ts';
import { mountsUntestable, openToProbe, permissionsUntestable, runProbeOnReadOnlyDisk, runProbeUnprivileged } from './testing/restrictedRuns.ts';
import { useTempDirs } from './testing/tempDirs.ts';

const tempDir = useTempDirs();

describe('creating a library where that is impossible', () => {
  it('names the file that is in the way', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'notes'), 'a file');
    await expect(MachineLibrary.open(path.join(dir, 'notes', 'lib'))).rejects.toMatchObject({
      code: 'ENOTDIR',
      message: `${path.join(dir, 'notes')} is a file, not a folder, so the library ${path.join(dir, 'notes', 'lib')} cannot be created; choose another folder`,
    });
  });

  it.skipIf(mountsUntestable !== undefined)('under a folder on a read-only file system says "read-only", not ENOENT', async () => {
    const dir = await tempDir();
    const run = await runProbeOnReadOnlyDisk(dir, 'open', path.join(dir, 'new', 'lib'));
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'EROFS',
        message: `${dir} is read-only (a read-only file system), so the library ${path.join(dir, 'new', 'lib')} cannot be created there; choose another folder with --library DIR`,
      },
    });
  });

  it.skipIf(mountsUntestable !== undefined)('an existing library on a read-only file system says "read-only" too', async () => {
    const dir = await tempDir();
    const run = await runProbeOnReadOnlyDisk(dir, 'open', dir);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'EROFS', message: expect.stringMatching(/^The library folder .* is read-only \(a read-only file system\)/) } });
  });

  it.skipIf(permissionsUntestable !== undefined)('under a folder the user may not write says "read-only for you"', async () => {
    const dir = await tempDir();
    const parent = path.join(dir, 'parent');
    await mkdir(parent, { mode: 0o555 });
    await chmod(parent, 0o555);
    await openToProbe(dir);
    const run = await runProbeUnprivileged('open', path.join(parent, 'lib'));
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'EACCES',
        message: `${parent} is read-only for you (permission denied), so the library ${path.join(parent, 'lib')} cannot be created there; choose another folder with --library DIR or fix its permissions`,
      },
    });
  });
});
if (mountsUntestable !== undefined) console.log(`skipped: library on a read-only file system: ${mountsUntestable}`);
if (permissionsUntestable !== undefined) console.log(`skipped: library under a folder without write permission: ${permissionsUntestable}`);
