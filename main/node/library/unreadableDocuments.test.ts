// A document the user may not read (EACCES) is reported and left in place, never quarantined: permission is not corruption.
import { chmod, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MachineLibrary } from './machineLibrary.ts';
import { openToProbe, permissionsUntestable, runProbeUnprivileged } from './testing/restrictedRuns.ts';
import { fullRecord } from './testing/sampleRecords.ts';
import { useTempDirs } from './testing/tempDirs.ts';

const tempDir = useTempDirs();

/** Reads like the real thing, except that `denied` files fail the way a file without read permission does. */
function readerDenying(denied: string) {
  return async (file: string): Promise<string> => {
    if (path.basename(file) === denied) throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: file });
    return readFile(file, 'utf8');
  };
}

async function libraryWithTwoVersions(dir: string): Promise<void> {
  const library = await MachineLibrary.open(dir);
  await library.saveMachine(fullRecord('m1', { vcpus: 2 }));
  await library.saveMachine(fullRecord('m1', { vcpus: 4 }));
  await library.saveMachine(fullRecord('m2'));
  await library.close();
}

describe('a machine document that cannot be read for lack of permission', () => {
  it('is reported as unreadable, left in place (backup untouched), kept through saves, and loads once readable', async () => {
    const dir = await tempDir();
    await libraryWithTwoVersions(dir);
    const library = await MachineLibrary.open(dir, { readText: readerDenying('m1.json') });
    const loaded = await library.load();
    expect(loaded.machines.map((m) => m.id)).toEqual(['m2']);
    expect(loaded.problems).toEqual([
      {
        file: 'machines/m1.json',
        reason: expect.stringMatching(/^cannot be read: permission denied \(EACCES/),
        message: expect.stringMatching(/^m1\.json: cannot be read: permission denied .*; left in place and not loaded \(fix its permissions, then start Virtlab again\)$/),
        action: 'leftInPlace',
        recoveredFromBackup: false,
      },
    ]);
    // A sync of what the engine holds (only m2) must not delete the document it could not read.
    await library.sync([fullRecord('m2')]);
    await library.close();
    expect((await readdir(path.join(dir, 'machines'))).sort()).toEqual(['m1.json', 'm1.json.bak', 'm2.json']);
    expect(await readdir(path.join(dir, 'quarantine'))).toEqual([]);

    const fixed = await MachineLibrary.open(dir);
    const again = await fixed.load();
    await fixed.close();
    expect(again.problems).toEqual([]);
    expect(again.machines).toEqual([fullRecord('m1', { vcpus: 4 }), fullRecord('m2')]);
  });
});

describe.skipIf(permissionsUntestable !== undefined)('with real file modes', () => {
  it('a document without read permission stays where it is and is reported, the others load', async () => {
    const dir = await tempDir();
    await libraryWithTwoVersions(dir);
    for (const folder of [dir, path.join(dir, 'machines'), path.join(dir, 'quarantine')]) await openToProbe(folder);
    for (const name of await readdir(path.join(dir, 'machines'))) await chmod(path.join(dir, 'machines', name), name.startsWith('m1') ? 0o000 : 0o666);
    const run = await runProbeUnprivileged('open', dir);
    expect(run.stderr).toBe('');
    const outcome = JSON.parse(run.stdout) as { machines: string[]; problems: { file: string; action: string }[] };
    expect(outcome.machines).toEqual(['m2']);
    expect(outcome.problems).toEqual([expect.objectContaining({ file: 'machines/m1.json', action: 'leftInPlace' })]);
    expect((await readdir(path.join(dir, 'machines'))).sort()).toContain('m1.json');
    expect(await readdir(path.join(dir, 'quarantine'))).toEqual([]);
  });
});
if (permissionsUntestable !== undefined) console.log(`skipped: unreadable documents with real file modes: ${permissionsUntestable}`);
