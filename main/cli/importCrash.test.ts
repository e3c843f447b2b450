// `virtlab import` of 60 machines killed (SIGKILL) at many points of its work: the library has all of them or none.
import { spawn } from 'node:child_process';
import { cp, readdir, writeFile } from 'node:fs/promises';
import { readdirSync, watch } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibraryRuntime } from '../node/libraryRuntime.ts';
import { MachineLibrary } from '../node/library/machineLibrary.ts';
import { useTempDirs } from '../node/library/testing/tempDirs.ts';

const entry = fileURLToPath(new URL('./virtlab.ts', import.meta.url));
const workerUrl = new URL('../../engine/worker.ts', import.meta.url);
const tempDir = useTempDirs();
/** The OVF reader accepts at most 64 disks per descriptor (one per machine here), so 60 rather than 100. */
const machineCount = 60;

/** A point in the import's work, read from the library folder; the child is killed as soon as it is reached. */
interface KillPoint {
  readonly label: string;
  reached(library: string): boolean;
}

const filesIn = (dir: string, match: (name: string) => boolean): number => {
  try {
    return readdirSync(dir).filter(match).length;
  } catch {
    return 0;
  }
};
const transactions = (library: string): string[] => {
  try {
    return readdirSync(path.join(library, 'staging')).map((name) => path.join(library, 'staging', name));
  } catch {
    return [];
  }
};
const isDocument = (name: string): boolean => /^[0-9a-f-]{36}\.json$/.test(name);
const staged = (n: number): KillPoint => ({
  label: `after ${n} staged document${n === 1 ? '' : 's'}`,
  reached: (library) => transactions(library).some((tx) => filesIn(tx, isDocument) >= n),
});
const committed: KillPoint = { label: 'after the commit marker', reached: (library) => transactions(library).some((tx) => filesIn(tx, (name) => name === 'commit.json') > 0) };
const moved = (n: number): KillPoint => ({
  label: `after ${n} document${n === 1 ? '' : 's'} moved into machines/`,
  // The library starts with one machine of its own.
  reached: (library) => filesIn(path.join(library, 'machines'), isDocument) >= 1 + n,
});

/** Runs `virtlab import` and kills it with SIGKILL the moment `point` is reached (watching the folder, not a clock). */
function importAndKill(library: string, ova: string, point: KillPoint): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, '--library', library, 'import', ova], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const check = (): void => {
      if (killed || !point.reached(library)) return;
      killed = child.kill('SIGKILL');
    };
    const watcher = watch(library, { recursive: true }, check);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      watcher.close();
      resolve({ killed: signal === 'SIGKILL', stderr });
    });
  });
}

let template = '';
let ova = '';

beforeAll(async () => {
  // One library holding one machine, and an appliance of many machines made by Virtlab itself.
  const root = await tempDir();
  const source = path.join(root, 'source');
  template = path.join(root, 'template');
  ova = path.join(root, 'lab.ova');
  const log = (): void => undefined;
  const maker = await openLibraryRuntime({ libraryDir: source, seed: 1, speed: 1, transport: 'web', version: 'test', workerUrl, log });
  const api = maker.backend.apiFor(maker.backend.connect(() => undefined));
  const ids: string[] = [];
  for (let i = 0; i < machineCount; i += 1) {
    ids.push((await api.createMachine({ name: `lab-${String(i).padStart(3, '0')}`, osType: 'debian64', vcpus: 1, memoryMiB: 64, diskGiB: 1 })).id);
  }
  const exported = await api.exportMachines({ machineIds: ids, format: 'ova', ovfVersion: '1.0', manifest: true, fileBaseName: 'lab' });
  await writeFile(ova, Buffer.from(exported.files[0]!.base64, 'base64'));
  await maker.close();
  const keeper = await openLibraryRuntime({ libraryDir: template, seed: 1, speed: 1, transport: 'web', version: 'test', workerUrl, log });
  await keeper.backend.apiFor(keeper.backend.connect(() => undefined)).createMachine({ name: 'keep-me', osType: 'ubuntu64', vcpus: 1, memoryMiB: 512, diskGiB: 8 });
  await keeper.close();
});

describe('virtlab import killed part-way', () => {
  // Each kill waits for a state of the library folder; a slow machine only makes this slower.
  it(`leaves all ${machineCount} machines or none, at every kill point`, async () => {
    const points = [staged(1), staged(machineCount / 2), staged(machineCount), committed, moved(1), moved(machineCount / 2)];
    const outcomes: string[] = [];
    for (const point of points) {
      const library = path.join(await tempDir(), 'library');
      await cp(template, library, { recursive: true });
      const run = await importAndKill(library, ova, point);
      expect(run.stderr, point.label).not.toMatch(/virtlab: (?!warning)/);
      const opened = await MachineLibrary.open(library);
      const loaded = await opened.load();
      await opened.close();
      const names = loaded.machines.map((machine) => machine.name);
      const imported = names.filter((name) => name.startsWith('lab-'));
      expect(loaded.problems, point.label).toEqual([]);
      expect(names, point.label).toContain('keep-me');
      expect([0, machineCount], `${point.label}: ${imported.length} of ${machineCount} machines were left`).toContain(imported.length);
      expect(await readdir(path.join(library, 'staging')).catch(() => []), point.label).toEqual([]);
      outcomes.push(`${point.label}: ${run.killed ? 'killed' : 'finished'}, ${imported.length === 0 ? 'none' : 'all'}`);
    }
    console.log(`import kills:\n  ${outcomes.join('\n  ')}`);
    // If no kill had landed mid-import, the test would prove nothing.
    expect(outcomes.filter((outcome) => outcome.includes('killed, none')).length).toBeGreaterThanOrEqual(1);
    expect(outcomes.filter((outcome) => outcome.includes('all')).length).toBeGreaterThanOrEqual(1);
  });
});
