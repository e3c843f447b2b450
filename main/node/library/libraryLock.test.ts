// The lock file: a second instance is refused with the holder's pid, stale locks are taken over, release is safe.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLibraryLock, LibraryLockedError, processIsAlive } from './libraryLock.ts';
import { openToProbe, permissionsUntestable, runProbeUnprivileged } from './testing/restrictedRuns.ts';
import { useTempDirs } from './testing/tempDirs.ts';

const tempDir = useTempDirs();

describe('acquireLibraryLock', () => {
  it('records pid, host and start time, and refuses a second instance naming the pid holding it', async () => {
    const file = path.join(await tempDir(), 'library.lock');
    const lock = await acquireLibraryLock(file, { now: () => new Date('2025-01-02T03:04:05.000Z') });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ pid: process.pid, hostname: os.hostname(), startedAt: '2025-01-02T03:04:05.000Z' });
    const second = acquireLibraryLock(file, { pid: process.pid + 1 });
    await expect(second).rejects.toBeInstanceOf(LibraryLockedError);
    await expect(second).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(new RegExp(`in use by another Virtlab instance \\(pid ${process.pid}, since 2025-01-02T03:04:05.000Z\\)`)),
    });
    await lock.release();
    await lock.release();
    const third = await acquireLibraryLock(file);
    expect(third.note).toBeUndefined();
    await third.release();
  });

  it('takes over the lock of a dead process with a note', async () => {
    const file = path.join(await tempDir(), 'library.lock');
    await writeFile(file, JSON.stringify({ pid: 4_000_000, hostname: os.hostname(), startedAt: '2024-12-31T23:00:00.000Z' }));
    const lock = await acquireLibraryLock(file, { isAlive: (pid) => pid !== 4_000_000 });
    expect(lock.note).toBe('Took over the lock of a Virtlab instance that is no longer running (pid 4000000, since 2024-12-31T23:00:00.000Z).');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('refuses a lock held on another computer, since it cannot tell whether that instance runs', async () => {
    const file = path.join(await tempDir(), 'library.lock');
    await writeFile(file, JSON.stringify({ pid: 77, hostname: 'lab-pc-7', startedAt: '2024-12-31T23:00:00.000Z' }));
    await expect(acquireLibraryLock(file, { isAlive: () => false })).rejects.toThrow(/in use by Virtlab \(pid 77\) on computer "lab-pc-7".*delete .*library\.lock/);
  });

  it('takes over an empty lock file at once, with a note (a full disk leaves one; a live instance never does)', async () => {
    const file = path.join(await tempDir(), 'library.lock');
    await writeFile(file, '');
    const lock = await acquireLibraryLock(file);
    expect(lock.note).toMatch(/^Took over a lock file in .* that was empty \(left by an instance that could not finish writing it, e\.g\. on a full disk\)\.$/);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
    await writeFile(file, '{"pid": 12, "hostn');
    const again = await acquireLibraryLock(file);
    expect(again.note).toMatch(/^Took over a lock file in .* that was damaged/);
    await again.release();
  });

  it('takes over a copy of its own lock (folder restored from a backup) but not a live rival', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'library.lock');
    const first = await acquireLibraryLock(file);
    const copy = await readFile(file, 'utf8');
    await expect(acquireLibraryLock(file)).rejects.toBeInstanceOf(LibraryLockedError);
    const second = await acquireLibraryLock(file, { previousContent: copy });
    expect(second.note).toMatch(/copy of this instance's own lock/);
    await first.release();
    expect(await readFile(file, 'utf8')).toBe(second.content);
    await second.release();
  });

  it('check() tells a replaced folder and a lost lock from a held one', async () => {
    const root = await tempDir();
    const dir = path.join(root, 'lib');
    await mkdir(dir);
    const lock = await acquireLibraryLock(path.join(dir, 'library.lock'));
    expect(await lock.check()).toBe('held');
    await writeFile(lock.file, 'someone else');
    expect(await lock.check()).toBe('lockLost');
    await rename(dir, `${dir}.old`);
    await mkdir(dir);
    await writeFile(lock.file, lock.content);
    expect(await lock.check()).toBe('folderReplaced');
    // Release must not remove a lock file in a folder it never locked.
    await lock.release();
    expect(await readFile(lock.file, 'utf8')).toBe(lock.content);
  });

  it('does not remove a lock that another instance holds by the time of release', async () => {
    const file = path.join(await tempDir(), 'library.lock');
    const lock = await acquireLibraryLock(file);
    await writeFile(file, JSON.stringify({ pid: 5, hostname: 'x', startedAt: 'y' }));
    await lock.release();
    expect(await readFile(file, 'utf8')).toContain('"pid":5');
  });
});

describe.skipIf(permissionsUntestable !== undefined)('acquireLibraryLock with real file modes', () => {
  it('takes over a lock file it may not read, with a note naming why', async () => {
    const dir = await tempDir();
    await openToProbe(dir);
    const file = path.join(dir, 'library.lock');
    await writeFile(file, JSON.stringify({ pid: 4_000_000, hostname: os.hostname(), startedAt: '2024-12-31T23:00:00.000Z' }));
    await chmod(file, 0o000);
    const run = await runProbeUnprivileged('lock', dir);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ note: expect.stringMatching(/^Took over a lock file in .* that was unreadable \(EACCES\)/), files: ['library.lock'] });
  });
});
if (permissionsUntestable !== undefined) console.log(`skipped: acquireLibraryLock with real file modes: ${permissionsUntestable}`);

describe('processIsAlive', () => {
  it('knows this process and not an impossible pid', () => {
    expect(processIsAlive(process.pid)).toBe(true);
    expect(processIsAlive(2 ** 22 + 12_345)).toBe(false);
  });
});
