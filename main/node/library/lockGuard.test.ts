// A library folder replaced under a running instance: never written by two instances, re-locked when it is free.
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MachineLibrary } from './machineLibrary.ts';
import { fullRecord } from './testing/sampleRecords.ts';
import { useTempDirs } from './testing/tempDirs.ts';

const tempDir = useTempDirs();

async function replacedLibrary() {
  const dir = path.join(await tempDir(), 'lib');
  const notes: string[] = [];
  const first = await MachineLibrary.open(dir, { onNote: (note) => notes.push(note) });
  await first.load();
  await first.saveMachine(fullRecord('m1'));
  // The user moves the folder away (or restores another copy) while this instance runs.
  await rename(dir, `${dir}.old`);
  await mkdir(dir);
  return { dir, first, notes };
}

describe('a library folder replaced while running', () => {
  it('stops saving there when another instance has locked the new folder, and says why', async () => {
    const { dir, first } = await replacedLibrary();
    // A second server started on the same path (same process here, so pretend another pid holds it).
    const second = await MachineLibrary.open(dir, { pid: process.pid + 1 });
    try {
      await expect(first.saveMachine(fullRecord('m2'))).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/^The library folder .*lib was replaced while Virtlab was running and another Virtlab \(pid \d+\) now uses it; changes are not saved there/),
      });
      await expect(first.removeMachine('m1')).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await readdir(path.join(dir, 'machines'))).toEqual([]);
      expect(JSON.parse(await readFile(path.join(dir, 'library.lock'), 'utf8'))).toMatchObject({ pid: process.pid + 1 });
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('locks the new folder when nobody holds it, notes it, and saves there', async () => {
    const { dir, first, notes } = await replacedLibrary();
    await first.saveMachine(fullRecord('m2'));
    expect(notes).toEqual([expect.stringMatching(/^The library folder .*lib was replaced while Virtlab was running; it was locked again and saving goes on there\.$/)]);
    expect(await readdir(path.join(dir, 'machines'))).toEqual(['m2.json']);
    await expect(MachineLibrary.open(dir, { pid: process.pid + 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await first.close();
    // Closing removes the lock of the folder it now holds, not a file in the folder it left.
    expect((await readdir(dir)).sort()).toEqual(['machines', 'quarantine']);
    expect(await readdir(`${dir}.old`)).toContain('library.lock');
  });
});
