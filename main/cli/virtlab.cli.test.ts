// The real `virtlab` command as a child process on a temporary library: a full session, and the exit codes of its failures.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../shared/domain/machine.ts';
import { acquireLibraryLock } from '../node/library/libraryLock.ts';
import { libraryLayout } from '../node/library/libraryPaths.ts';
import { mountsUntestable, runInReadOnlyBind } from '../node/library/testing/restrictedRuns.ts';
import { useTempDirs } from '../node/library/testing/tempDirs.ts';

const entry = fileURLToPath(new URL('./virtlab.ts', import.meta.url));
const tempDir = useTempDirs();

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function virtlab(cwd: string, ...argv: string[]): Promise<Run> {
  const env = { ...process.env };
  delete env['VIRTLAB_LIBRARY'];
  return new Promise((resolve) => {
    execFile(process.execPath, [entry, ...argv], { cwd, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

async function setup() {
  const cwd = await tempDir();
  const library = path.join(cwd, 'library');
  const run = (...argv: string[]) => virtlab(cwd, '--library', library, ...argv);
  return { cwd, library, run };
}

const ok = (result: Run): Run => {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result;
};

describe('virtlab (child process)', () => {
  it('create → list → snapshot → clone → export .ova → import → delete, each command on the saved library', async () => {
    const { cwd, run } = await setup();
    ok(await run('create', '--name', 'web-01', '--os', 'ubuntu64', '--cpus', '2', '--memory', '1024', '--disk', '10'));
    const listed = JSON.parse(ok(await run('list', '--json')).stdout) as Machine[];
    expect(listed).toEqual([expect.objectContaining({ name: 'web-01', vcpus: 2, memoryMiB: 1024, diskGiB: 10, state: 'PoweredOff' })]);

    ok(await run('snapshot', 'take', 'web-01', '--name', 'Base'));
    const clone = JSON.parse(ok(await run('clone', 'web-01', '--name', 'web-02', '--linked', '--json')).stdout) as Machine;
    expect(clone.name).toBe('web-02');
    expect(ok(await run('show', 'web-01')).stdout).toMatch(/Name: Base \(UUID: [^)]+\)/);

    const exported = ok(await run('export', 'web-01', '-o', 'web.ova'));
    expect(exported.stdout).toContain(path.join(cwd, 'web.ova'));
    const importRun = await run('import', 'web.ova', '--name', 'web-03', '--json');
    expect(importRun.code).toBe(0);
    // Warnings go to stderr, and into the JSON document: here, that the two snapshots in the file (Base and the linked
    // clone's base) bring no disk state.
    expect(importRun.stderr).toMatch(/^virtlab: warning: web-03: 2 snapshots are listed in the file but not imported/m);
    expect(importRun.stderr.trimEnd().split('\n').every((line) => line.startsWith('virtlab: warning: '))).toBe(true);
    const imported = JSON.parse(importRun.stdout) as { machines: Machine[]; warnings: string[] };
    expect(imported.machines).toEqual([expect.objectContaining({ name: 'web-03', vcpus: 2, memoryMiB: 1024, diskGiB: 10 })]);
    expect(imported.warnings).toContain('web-03: 2 snapshots are listed in the file but not imported (the package holds no disk states)');

    ok(await run('delete', 'web-02'));
    const names = (JSON.parse(ok(await run('list', '--json')).stdout) as Machine[]).map((m) => m.name);
    expect(names).toEqual(['web-01', 'web-03']);
    const table = ok(await run('list')).stdout.split('\n');
    expect(table[0]).toMatch(/^NAME\s+STATE\s+OS/);
    expect(table[1]).toMatch(/^web-01\s+Powered Off\s+ubuntu64\s+2\s+1 GiB\s+10 GiB/);
  });

  it('labels machines and shows the sprawl ledger: an expired machine to delete, a clone family', { timeout: 90_000 }, async () => {
    const { run } = await setup();
    ok(await run('create', '--name', 'old-lab', '--os', 'ubuntu64', '--memory', '512', '--disk', '8'));
    ok(await run('clone', 'old-lab', '--name', 'old-lab-copy'));
    const labelled = JSON.parse(ok(await run('label', 'old-lab', 'old-lab-copy', '--group', '/lab/old', '--owner', 'ana', '--add-tag', 'course,2024', '--expires', '2020-01-31', '--json')).stdout) as Machine[];
    expect(labelled.map((m) => [m.name, m.group, m.owner, m.tags, m.expiresOn])).toEqual([
      ['old-lab', 'lab/old', 'ana', ['2024', 'course'], '2020-01-31'],
      ['old-lab-copy', 'lab/old', 'ana', ['2024', 'course'], '2020-01-31'],
    ]);
    expect((await run('label', 'old-lab', '--expires', '2020-02-30')).stderr).toMatch(/^virtlab: --expires: Enter the expiry date as YYYY-MM-DD/);
    const report = JSON.parse(ok(await run('sprawl', '--json')).stdout) as { categories: { expired: { name: string; action: string }[] }; families: { rootName: string; members: { name: string }[] }[] };
    expect(report.categories.expired.map((f) => [f.name, f.action])).toEqual([
      ['old-lab', 'delete'],
      ['old-lab-copy', 'delete'],
    ]);
    expect(report.families.map((f) => [f.rootName, f.members.map((m) => m.name)])).toEqual([['old-lab', ['old-lab', 'old-lab-copy']]]);
    const text = ok(await run('sprawl', '--unused-days', '0.5')).stdout;
    expect(text).toMatch(/^Expired \(2\)$/m);
    expect(text).toMatch(/^old-lab\s+PoweredOff\s+ana\s+expired on 2020-01-31 .*Delete it: frees/m);
    expect(text).toContain('  old-lab: 2 machines');
  });

  it('installs a hypervisor in a partition (refusing type 1 in a type 1 VM), keeps files with --keep-files, across commands', async () => {
    const { run } = await setup();
    ok(await run('create', '--name', 'lpar-a', '--os', 'ubuntu64', '--platform', 'lpar-fw', '--cpus', '4', '--memory', '8192', '--disk', '20'));
    ok(await run('create', '--name', 'esx-vm', '--os', 'ubuntu64', '--disk', '10'));
    const installed = ok(await run('platform', 'install', '--kind', 'type1hosted', '--name', 'KVM in lpar-a', '--in', 'lpar-a'));
    expect(installed.stdout).toMatch(/^Installed type1hosted platform "KVM in lpar-a" \{platform-.*\}: Mainframe hardware \(x86_64\) > Type 0: Mainframe partitions > Partition: lpar-a > Type 1 hosted-OS: KVM in lpar-a/);
    const refused = await run('platform', 'install', '--kind', 'type1', '--name', 'Nested ESX', '--in', 'esx-vm');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('virtlab: A type 1 hypervisor cannot run on another type 1: "esx-vm" is a virtual machine of type 1 platform "Atlas ESX". A type 1 needs bare hardware or a type 0 partition\n');
    // The installed platform is still there for the next command (it was saved with the library).
    ok(await run('create', '--name', 'nested', '--os', 'ubuntu64', '--platform', 'KVM in lpar-a', '--cpus', '1', '--memory', '1024', '--disk', '10'));
    expect(ok(await run('list', 'platforms')).stdout).toMatch(/^KVM in lpar-a\s+type1hosted\s+Mainframe/m);
    expect(ok(await run('delete', 'esx-vm', '--keep-files')).stdout).toMatch(/^Removed machine "esx-vm"/);
    expect(ok(await run('list', 'media')).stdout).toMatch(/^esx-vm\.vdi\s+Disk of removed machine esx-vm\s+dynamic\s+10 GiB\s+\d+ MiB\s+orphaned/m);
  });

  it('exits 2 for usage errors and 1 for failed operations, with one "virtlab:" line on stderr', { timeout: 60_000 }, async () => {
    const { run } = await setup();
    const cases: [string[], number, RegExp][] = [
      [['frobnicate'], 2, /^virtlab: unknown command "frobnicate"\. Run "virtlab --help" for usage\.\n$/],
      [['create', '--os', 'ubuntu64'], 2, /^virtlab: missing --name\. Run "virtlab create --help" for usage\.\n$/],
      [['create', '--name', 'x', '--os', 'ubuntu64', '--memory', '2GB'], 2, /^virtlab: --memory must be a whole number of MiB, not "2GB"\./],
      [['show', 'ghost'], 1, /^virtlab: no machine is named or has the id "ghost"\. Run "virtlab list" to see the machines\n$/],
      [['start', 'ghost'], 1, /^virtlab: no machine is named or has the id "ghost"/],
    ];
    for (const [argv, code, message] of cases) {
      const result = await run(...argv);
      expect({ argv, code: result.code, stdout: result.stdout }).toEqual({ argv, code, stdout: '' });
      expect(result.stderr).toMatch(message);
    }
  });

  it('exits 3 naming the holder when another Virtlab has the library locked, but lists, shows and exports it read-only', async () => {
    const { cwd, library, run } = await setup();
    ok(await run('create', '--name', 'web-01', '--os', 'ubuntu64'));
    const lock = await acquireLibraryLock(libraryLayout(library).lockFile, { hostname: os.hostname() });
    const holder = new RegExp(`^virtlab: The library ${library.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by Virtlab \\(pid ${process.pid} on [^)]*\\)`);
    try {
      const result = await run('create', '--name', 'web-02', '--os', 'ubuntu64');
      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(holder);
      expect(result.stderr).toMatch(/\. Close it and run the command again\n$/);
      for (const argv of [['list', '--json'], ['show', 'web-01'], ['export', 'web-01', '-o', 'web.ova']]) {
        const looked = await run(...argv);
        expect({ argv, code: looked.code }).toEqual({ argv, code: 0 });
        expect(looked.stderr).toMatch(holder);
        expect(looked.stderr).toMatch(/; showing it as last saved, read-only\n$/);
      }
      expect((JSON.parse((await run('list', '--json')).stdout) as Machine[]).map((m) => m.name)).toEqual(['web-01']);
      expect((await run('show', 'web-01')).stdout).toMatch(/^Name:\s+web-01$/m);
      expect(await readdir(cwd)).toContain('web.ova');
    } finally {
      await lock.release();
    }
    expect((await run('list')).stderr).toBe('');
  });

  it.skipIf(mountsUntestable !== undefined)('lists and exports a library on a read-only file system, and refuses changes there', async () => {
    const { cwd, library, run } = await setup();
    ok(await run('create', '--name', 'web-01', '--os', 'ubuntu64'));
    const onReadOnly = (...argv: string[]) => runInReadOnlyBind(library, process.execPath, [entry, '--library', library, ...argv], cwd);
    const listed = await onReadOnly('list', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as Machine[]).map((m) => m.name)).toEqual(['web-01']);
    expect(listed.stderr).toMatch(/^virtlab: cannot open the library .*: The library folder .* is read-only \(a read-only file system\).*; showing it as last saved, read-only\n$/);
    expect((await onReadOnly('export', 'web-01', '-o', 'web.ova')).code).toBe(0);
    const refused = await onReadOnly('create', '--name', 'web-02', '--os', 'ubuntu64');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/read-only \(a read-only file system\)/);
    expect(await readdir(cwd)).toContain('web.ova');
  });
});
if (mountsUntestable !== undefined) console.log(`skipped: virtlab on a read-only file system: ${mountsUntestable}`);
