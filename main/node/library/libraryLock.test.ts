// The lock file: a second instance is refused with the holder's pid, stale locks are taken over, release is safe.
import { readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLibraryLock, LibraryLockedError, processIsAlive } from './libraryLock.ts';
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

  it('takes over an old unreadable lock but not one being written right now', async () => {
    const file = path.join(await tempDir(), 'library.lock');
    await writeFile(file, '');
    await expect(acquireLibraryLock(file)).rejects.toThrow(/being opened by another Virtlab instance right now/);
    await utimes(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const lock = await acquireLibraryLock(file);
    expect(lock.note).toMatch(/unreadable lock file/);
    await lock.release();
  });

  it('does not remove a lock that another instance holds by the time of release', async () => {
    const file = path.join(await tempDir(), 'library.lock');
    const lock = await acquireLibraryLock(file);
    await writeFile(file, JSON.stringify({ pid: 5, hostname: 'x', startedAt: 'y' }));
    await lock.release();
    expect(await readFile(file, 'utf8')).toContain('"pid":5');
  });
});

describe('processIsAlive', () => {
  it('knows this process and not an impossible pid', () => {
    expect(processIsAlive(process.pid)).toBe(true);
    expect(processIsAlive(2 ** 22 + 12_345)).toBe(false);
  });
});
