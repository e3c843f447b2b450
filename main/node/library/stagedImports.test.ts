// Import transactions in the library: staged apart, committed in one durable step, recovered all-or-none after a crash.
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MachineLibrary } from './machineLibrary.ts';
import { fullRecord } from './testing/sampleRecords.ts';
import { useTempDirs } from './testing/tempDirs.ts';

const tempDir = useTempDirs();
const ids = ['imp-1', 'imp-2', 'imp-3'];
const records = ids.map((id, index) => fullRecord(id, { name: `imported ${index}`, createdAtMs: 100 + index }));

async function loadIds(dir: string) {
  const library = await MachineLibrary.open(dir);
  try {
    const loaded = await library.load();
    return { ids: loaded.machines.map((m) => m.id), notes: loaded.notes, problems: loaded.problems };
  } finally {
    await library.close();
  }
}

describe('import transactions', () => {
  it('staged machines are not in machines/ until the commit, then all are, with nothing left in staging', async () => {
    const dir = await tempDir();
    const library = await MachineLibrary.open(dir);
    await library.saveMachine(fullRecord('existing'));
    const transaction = await library.beginImport(ids);
    await transaction.stage(records);
    // A save of an imported machine while the import runs (the engine changed it) lands in staging too.
    await library.saveMachine({ ...records[0]!, vcpus: 7 });
    // A sync from before the import (records without the imported machines) must not count them as deleted later.
    const staleSync = library.sync([fullRecord('existing')]);
    expect(await readdir(path.join(dir, 'machines'))).toEqual(['existing.json']);
    await transaction.commit();
    await staleSync;
    expect((await readdir(path.join(dir, 'machines'))).sort()).toEqual(['existing.json', 'imp-1.json', 'imp-2.json', 'imp-3.json']);
    expect(await readdir(path.join(dir, 'staging'))).toEqual([]);
    // After the commit, saves go to machines/ as usual.
    await library.saveMachine({ ...records[1]!, vcpus: 9 });
    await library.close();
    const library2 = await MachineLibrary.open(dir);
    const loaded = await library2.load();
    await library2.close();
    expect(loaded.machines.map((m) => [m.id, m.vcpus])).toEqual([
      ['existing', 4],
      ['imp-1', 7],
      ['imp-2', 9],
      ['imp-3', 4],
    ]);
  });

  it('abort leaves nothing of the import', async () => {
    const dir = await tempDir();
    const library = await MachineLibrary.open(dir);
    const transaction = await library.beginImport(ids);
    await transaction.stage(records.slice(0, 2));
    await transaction.abort();
    await library.close();
    expect(await readdir(path.join(dir, 'machines'))).toEqual([]);
    expect(await readdir(path.join(dir, 'staging'))).toEqual([]);
    expect((await loadIds(dir)).ids).toEqual([]);
  });

  it('refuses a commit before every machine is staged, and ids already in the library', async () => {
    const dir = await tempDir();
    const library = await MachineLibrary.open(dir);
    await library.saveMachine(fullRecord('existing'));
    await expect(library.beginImport(['existing'])).rejects.toMatchObject({ code: 'CONFLICT' });
    const transaction = await library.beginImport(ids);
    await transaction.stage(records.slice(0, 1));
    await expect(transaction.commit()).rejects.toThrow(/2 imported machine\(s\) were not staged/);
    await library.close();
  });

  it('after a crash before the commit marker, the next open discards the staged machines and says so', async () => {
    const dir = await tempDir();
    const library = await MachineLibrary.open(dir);
    await library.saveMachine(fullRecord('existing'));
    const transaction = await library.beginImport(ids);
    await transaction.stage(records);
    // As after a crash here: the staged documents are on disk, the commit marker is not.
    await library.close();
    const after = await loadIds(dir);
    expect(after.ids).toEqual(['existing']);
    expect(after.notes).toEqual(['Discarded an import that was interrupted before it finished (3 machines staged; none of them was added)']);
    expect(await readdir(path.join(dir, 'staging'))).toEqual([]);
  });

  it('after a crash between the commit marker and the last move, the next open finishes the import', async () => {
    const dir = await tempDir();
    const library = await MachineLibrary.open(dir);
    const transaction = await library.beginImport(ids);
    await transaction.stage(records);
    await library.close();
    // State of a crash right after the marker and the first move.
    const [txDir] = await readdir(path.join(dir, 'staging'));
    const tx = path.join(dir, 'staging', txDir!);
    await writeFile(path.join(tx, 'commit.json'), JSON.stringify({ ids }));
    await rename(path.join(tx, 'imp-1.json'), path.join(dir, 'machines', 'imp-1.json'));
    const after = await loadIds(dir);
    expect(after.ids).toEqual(ids);
    expect(after.problems).toEqual([]);
    expect(after.notes).toEqual(['Finished an import of 3 machines that was interrupted after it was confirmed']);
  });

  it('ignores stray files in staging/ and removes them', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'staging'), { recursive: true });
    await writeFile(path.join(dir, 'staging', 'stray.txt'), 'x');
    expect((await loadIds(dir)).ids).toEqual([]);
    expect(await readdir(path.join(dir, 'staging'))).toEqual([]);
  });
});
