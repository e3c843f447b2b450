// Child process for restrictedRuns.ts: one library operation, its outcome printed as one JSON line.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { acquireLibraryLock } from '../libraryLock.ts';
import { MachineLibrary } from '../machineLibrary.ts';

const [operation, dir] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: libraryProbe.ts lock|open DIR');

const failure = (error: unknown) => ({ error: { code: (error as { code?: unknown }).code, message: error instanceof Error ? error.message : String(error) } });
const files = async (folder: string) => (await readdir(folder).catch(() => [])).filter((name) => name !== '.fill').sort();

let outcome: unknown;
if (operation === 'lock') {
  outcome = await acquireLibraryLock(path.join(dir, 'library.lock')).then(
    async (lock) => ({ note: lock.note ?? null }),
    failure,
  );
  outcome = { ...(outcome as object), files: await files(dir) };
} else if (operation === 'open') {
  outcome = await MachineLibrary.open(dir).then(
    async (library) => {
      const loaded = await library.load();
      await library.close();
      return { machines: loaded.machines.map((record) => record.id), problems: loaded.problems, notes: loaded.notes };
    },
    failure,
  );
} else {
  throw new Error(`unknown operation ${operation}`);
}
process.stdout.write(`${JSON.stringify(outcome)}\n`);
