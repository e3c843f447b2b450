// The library end to end: restart round trip, backup fallback, migration, quarantine, newer versions, locking, sync.
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MachineLibrary } from './machineLibrary.ts';
import { fullRecord } from './testing/sampleRecords.ts';
import { useTempDirs } from './testing/tempDirs.ts';

const tempDir = useTempDirs();
const clock = () => new Date('2025-03-04T05:06:07.000Z');

/** Opens, runs `fn`, closes: one "run" of the app. */
async function session<T>(dir: string, fn: (library: MachineLibrary) => Promise<T>): Promise<T> {
  const library = await MachineLibrary.open(dir, { now: clock });
  try {
    return await fn(library);
  } finally {
    await library.close();
  }
}

const machinePath = (dir: string, id: string) => path.join(dir, 'machines', `${id}.json`);

describe('MachineLibrary', () => {
  it('a machine survives a restart with every field', async () => {
    const dir = await tempDir();
    const record = fullRecord('0b9e6a40-3c1f-4b6e-9d7a-1f2e3d4c5b6a');
    const plain = fullRecord('plain', { name: 'plain', createdAtMs: 1, workload: 'idle' });
    delete plain.config;
    await session(dir, async (library) => {
      await library.saveMachine(record);
      await library.saveMachine(plain);
      await library.saveInventory({ hosts: [{ id: 'host-1', name: 'Atlas' }], networks: [], platforms: [], media: [], groups: [{ name: 'Lab' }], settings: { theme: 'dark' } });
    });
    const loaded = await session(dir, (library) => library.load());
    expect(loaded.problems).toEqual([]);
    // In the order they were first saved (the engine's creation order), not by their creation times.
    expect(loaded.machines).toEqual([record, plain]);
    expect(loaded.inventory).toEqual({ hosts: [{ id: 'host-1', name: 'Atlas' }], networks: [], platforms: [], media: [], groups: [{ name: 'Lab' }], settings: { theme: 'dark' } });
    expect(JSON.parse(await readFile(machinePath(dir, record.id), 'utf8'))).toMatchObject({ schemaVersion: 2, savedAt: '2025-03-04T05:06:07.000Z' });
    expect((await readdir(dir)).sort()).toEqual(['inventory.json', 'machines', 'quarantine']);
  });

  it("keeps an imported machine's group and every appliance disk across a restart", async () => {
    const dir = await tempDir();
    const base = fullRecord('1c9e6a40-3c1f-4b6e-9d7a-1f2e3d4c5b6a', { name: 'vapp-member', group: 'lab/vApp' });
    const record = { ...base, config: { ...base.config!, disks: [{ label: 'vmdisk1', capacityMiB: 64 }, { label: 'vmdisk2', capacityMiB: 10240 }] } };
    await session(dir, (library) => library.saveMachine(record));
    const loaded = await session(dir, (library) => library.load());
    expect(loaded.machines).toEqual([record]);
  });

  it('an empty library loads as empty and gets its folder layout', async () => {
    const dir = path.join(await tempDir(), 'new', 'lib');
    const loaded = await session(dir, async (library) => {
      expect((await readdir(dir)).sort()).toEqual(['library.lock', 'machines', 'quarantine']);
      return library.load();
    });
    expect(loaded).toEqual({ machines: [], inventory: { hosts: [], networks: [], platforms: [], media: [], groups: [], settings: {} }, problems: [], notes: [] });
    expect((await readdir(dir)).sort()).toEqual(['machines', 'quarantine']);
  });

  it('falls back to the backup when a save was interrupted between its renames, and cleans stray temp files', async () => {
    const dir = await tempDir();
    await session(dir, async (library) => {
      await library.saveMachine(fullRecord('m1', { vcpus: 2 }));
      await library.saveMachine(fullRecord('m1', { vcpus: 8 }));
    });
    // State after the crash: current version renamed to .bak, new one still a temp file.
    await rename(machinePath(dir, 'm1'), `${machinePath(dir, 'm1')}.bak`);
    await writeFile(path.join(dir, 'machines', '.m1.json.999.beef.tmp'), '{"schemaVersion": 2, "rec');
    const loaded = await session(dir, (library) => library.load());
    expect(loaded.problems).toEqual([]);
    expect(loaded.machines.map((m) => m.vcpus)).toEqual([8]);
    expect(loaded.notes).toEqual([
      'Removed 1 unfinished temporary file of interrupted saves',
      'm1.json: restored the previous version from m1.json.bak (a save was interrupted)',
    ]);
    expect(await readdir(path.join(dir, 'machines'))).toEqual(['m1.json']);
  });

  it('quarantines a corrupt document, loads its backup instead, and reports both', async () => {
    const dir = await tempDir();
    await session(dir, async (library) => {
      await library.saveMachine(fullRecord('m1', { vcpus: 2 }));
      await library.saveMachine(fullRecord('m1', { vcpus: 3 }));
    });
    await writeFile(machinePath(dir, 'm1'), '{"schemaVersion": 2, "record": ');
    const loaded = await session(dir, (library) => library.load());
    expect(loaded.machines.map((m) => m.vcpus)).toEqual([2]);
    expect(loaded.problems).toEqual([
      {
        file: 'machines/m1.json',
        reason: 'not valid JSON (Unexpected end of JSON input)',
        message: 'm1.json: not valid JSON (Unexpected end of JSON input); moved to quarantine, the previous version was loaded from m1.json.bak',
        action: 'quarantined',
        movedTo: 'quarantine/m1.json',
        recoveredFromBackup: true,
      },
    ]);
    expect(await readFile(path.join(dir, 'quarantine', 'm1.json.reason.txt'), 'utf8')).toMatch(/^m1\.json: not valid JSON \(Unexpected end of JSON input\)\nMoved from /);
  });

  it('treats a hand-edited name with a direction override like any invalid field, naming the character', async () => {
    const dir = await tempDir();
    await session(dir, (library) => library.saveMachine(fullRecord('m1')));
    const document = JSON.parse(await readFile(machinePath(dir, 'm1'), 'utf8')) as { record: { name: string } };
    document.record.name = 'invoice\u202Efdp.exe';
    await writeFile(machinePath(dir, 'm1'), JSON.stringify(document));
    const loaded = await session(dir, (library) => library.load());
    expect(loaded.problems).toEqual([
      expect.objectContaining({ file: 'machines/m1.json', reason: 'record.name: Name cannot contain U+202E (right-to-left override, which makes text display in another order than it is stored)' }),
    ]);
  });

  it('quarantines corrupt and schema-invalid documents while the others load', async () => {
    const dir = await tempDir();
    await session(dir, async (library) => {
      for (const id of ['web-01', 'db', 'ok-1', 'ok-2']) await library.saveMachine(fullRecord(id, { name: id, createdAtMs: id.length }));
    });
    await writeFile(machinePath(dir, 'web-01'), '{\n  "schemaVersion": 2,\n    }\n');
    const db = JSON.parse(await readFile(machinePath(dir, 'db'), 'utf8'));
    db.record.vcpus = 'many';
    await writeFile(machinePath(dir, 'db'), JSON.stringify(db));
    const loaded = await session(dir, (library) => library.load());
    expect(loaded.machines.map((m) => m.id)).toEqual(['ok-1', 'ok-2']);
    expect(loaded.problems.map((p) => p.message)).toEqual([
      'db.json: record.vcpus: vCPUs must be a number; moved to quarantine',
      expect.stringMatching(/^web-01\.json: not valid JSON \(.*line 3 column 5\)\); moved to quarantine$/),
    ]);
    expect((await readdir(path.join(dir, 'quarantine'))).sort()).toEqual(['db.json', 'db.json.reason.txt', 'web-01.json', 'web-01.json.reason.txt']);
    // The next start is clean, and a second quarantine of the same name does not overwrite the first.
    expect((await session(dir, (library) => library.load())).problems).toEqual([]);
    await writeFile(machinePath(dir, 'db'), 'garbage');
    const again = await session(dir, (library) => library.load());
    expect(again.problems).toMatchObject([{ file: 'machines/db.json', movedTo: 'quarantine/db-1.json', reason: expect.stringMatching(/^not valid JSON/) }]);
  });

  it('refuses a document whose id does not match its file name', async () => {
    const dir = await tempDir();
    await session(dir, (library) => library.saveMachine(fullRecord('m1')));
    await rename(machinePath(dir, 'm1'), machinePath(dir, 'm2'));
    const loaded = await session(dir, (library) => library.load());
    expect(loaded.machines).toEqual([]);
    expect(loaded.problems[0]?.message).toBe('m2.json: record.id: does not match the file name (m2.json); moved to quarantine');
  });

  it('migrates a v1 document on load and rewrites it as v2 on the next sync', async () => {
    const dir = await tempDir();
    const { workload: _workload, ...v1Record } = fullRecord('old');
    await session(dir, async () => undefined);
    await writeFile(machinePath(dir, 'old'), JSON.stringify({ schemaVersion: 1, savedAt: '2024-01-01T00:00:00Z', record: v1Record }));
    await session(dir, async (library) => {
      const loaded = await library.load();
      expect(loaded.problems).toEqual([]);
      expect(loaded.machines).toEqual([{ ...v1Record, workload: 'web' }]);
      expect(loaded.notes).toContain('Upgraded 1 machine document from an older version (rewritten on next save)');
      expect(await library.sync(loaded.machines)).toEqual({ written: 1, removed: 0 });
    });
    expect(JSON.parse(await readFile(machinePath(dir, 'old'), 'utf8'))).toMatchObject({ schemaVersion: 2, record: { workload: 'web' } });
  });

  it('leaves a document from a newer Virtlab in place, unloaded, and reports it', async () => {
    const dir = await tempDir();
    await session(dir, async () => undefined);
    await writeFile(machinePath(dir, 'future'), JSON.stringify({ schemaVersion: 7, record: { id: 'future', hologram: true } }));
    const loaded = await session(dir, (library) => library.load());
    expect(loaded.machines).toEqual([]);
    expect(loaded.problems).toEqual([
      {
        file: 'machines/future.json',
        reason: 'written by a newer Virtlab (schema version 7; this version reads up to 2); left in place and not loaded',
        message: 'future.json: written by a newer Virtlab (schema version 7; this version reads up to 2); left in place and not loaded',
        action: 'leftInPlace',
        recoveredFromBackup: false,
      },
    ]);
    expect(await readdir(path.join(dir, 'machines'))).toEqual(['future.json']);
  });

  it('keeps creation order across restarts even when creation times tie, and numbers documents that had no order', async () => {
    const dir = await tempDir();
    const ids = ['m-c', 'm-a', 'm-d', 'm-b'];
    await session(dir, (library) => library.sync(ids.map((id) => fullRecord(id, { name: id, createdAtMs: 5 }, 0))));
    await session(dir, async (library) => {
      expect((await library.load()).machines.map((r) => r.id)).toEqual(ids);
      // One removed, one added: the newcomer goes last, after the survivors.
      await library.sync(['m-c', 'm-d', 'm-b', 'm-0'].map((id) => fullRecord(id, { name: id, createdAtMs: 5 }, 0)));
    });
    expect((await session(dir, (library) => library.load())).machines.map((r) => r.id)).toEqual(['m-c', 'm-d', 'm-b', 'm-0']);
    const legacy = JSON.parse(await readFile(machinePath(dir, 'm-0'), 'utf8')) as Record<string, unknown>;
    delete legacy['sequence'];
    await writeFile(machinePath(dir, 'm-0'), JSON.stringify(legacy));
    await session(dir, async (library) => {
      const loaded = await library.load();
      expect(await library.sync(loaded.machines)).toEqual({ written: 1, removed: 0 });
    });
    expect(JSON.parse(await readFile(machinePath(dir, 'm-0'), 'utf8'))).toMatchObject({ sequence: 4 });
  });

  it('a sync after loading never deletes a document it left in place', async () => {
    const dir = await tempDir();
    await session(dir, async () => undefined);
    await writeFile(machinePath(dir, 'future'), JSON.stringify({ schemaVersion: 7, record: { id: 'future' } }));
    const result = await session(dir, async (library) => {
      await library.load();
      return library.sync([fullRecord('m1')]);
    });
    expect(result).toEqual({ written: 1, removed: 0 });
    expect((await readdir(path.join(dir, 'machines'))).sort()).toEqual(['future.json', 'm1.json']);
  });

  it('a second instance on the same library is refused while the first has it open', async () => {
    const dir = await tempDir();
    const first = await MachineLibrary.open(dir);
    await expect(MachineLibrary.open(dir)).rejects.toThrow(new RegExp(`The library ${dir} is in use by another Virtlab instance \\(pid ${process.pid},`));
    await first.close();
    await expect(first.saveMachine(fullRecord('m1'))).rejects.toThrow(/is closed/);
    const second = await MachineLibrary.open(dir);
    await second.close();
  });

  it('refuses to save an invalid record, naming the field, and writes nothing', async () => {
    const dir = await tempDir();
    await session(dir, async (library) => {
      await expect(library.saveMachine({ ...fullRecord('m1'), memoryMiB: 0 })).rejects.toMatchObject({
        code: 'VALIDATION',
        message: 'Machine "web-01" was not saved: memoryMiB: Memory must be at least 1 MiB',
      });
      await expect(library.saveMachine(fullRecord('../x'))).rejects.toThrow(/cannot be used as a file name/);
    });
    expect(await readdir(path.join(dir, 'machines'))).toEqual([]);
  });

  it('sync writes only new and changed machines and removes the ones that are gone', async () => {
    const dir = await tempDir();
    await session(dir, async (library) => {
      const a = fullRecord('a');
      const b = fullRecord('b');
      expect(await library.sync([a, b])).toEqual({ written: 2, removed: 0 });
      expect(await library.sync([a, b])).toEqual({ written: 0, removed: 0 });
      expect(await library.sync([{ ...a, vcpus: 9 }])).toEqual({ written: 1, removed: 1 });
      expect(await library.removeMachine('b')).toBe(false);
    });
    expect((await readdir(path.join(dir, 'machines'))).sort()).toEqual(['a.json', 'a.json.bak']);
    await rm(machinePath(dir, 'a'));
    expect((await session(dir, (library) => library.load())).machines.map((m) => m.vcpus)).toEqual([4]);
  });

  it('serializes concurrent saves of one machine: the last call wins', async () => {
    const dir = await tempDir();
    await session(dir, (library) => Promise.all([1, 2, 3, 4, 5].map((vcpus) => library.saveMachine(fullRecord('m1', { vcpus })))));
    expect((await session(dir, (library) => library.load())).machines.map((m) => m.vcpus)).toEqual([5]);
  });
});
