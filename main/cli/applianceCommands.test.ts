// export and import commands over a scripted API: files written next to -o, chunked uploads, overrides, and clean-up on failure.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../shared/api/methods.ts';
import type { ImportPreview } from '../../shared/domain/appliance.ts';
import { AppError } from '../../shared/errors.ts';
import { useTempDirs } from '../node/library/testing/tempDirs.ts';
import { fakeCli } from './testing/fakeSession.ts';

const tempDir = useTempDirs();
const uploadId = '00000000-0000-4000-8000-000000000001';

describe('virtlab export', () => {
  it('exports the named machines and writes the returned files next to -o, relative to the working folder', async () => {
    const cwd = await tempDir();
    const requests: MethodInput<'exportMachines'>[] = [];
    const data = Buffer.from('ova bytes');
    const cli = fakeCli({
      cwd,
      overrides: {
        exportMachines: async (request) => {
          requests.push(request);
          const sha256 = createHash('sha256').update(data).digest('hex');
          return { files: [{ name: 'lab.ova', mediaType: 'application/ovf', bytes: data.length, sha256, base64: data.toString('base64') }], machineCount: 2, totalBytes: data.length, warnings: ['NIC 2 dropped'] };
        },
      },
    });
    await cli.run('create', '--name', 'web', '--os', 'ubuntu64');
    await cli.run('create', '--name', 'db', '--os', 'debian64');
    const out = await cli.run('export', 'web', 'DB', 'web', '-o', 'lab.ova', '--ovf-version', '2.0', '--no-manifest', '--json');
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('virtlab: warning: NIC 2 dropped\n');
    const machines = await cli.api.listMachines({});
    expect(requests).toEqual([
      expect.objectContaining({ machineIds: ['web', 'db'].map((n) => machines.find((m) => m.name === n)!.id), format: 'ova', ovfVersion: '2.0', manifest: false, fileBaseName: 'lab' }),
    ]);
    expect(JSON.parse(out.stdout)).toMatchObject({ files: [{ path: path.join(cwd, 'lab.ova'), bytes: data.length }], machineCount: 2, warnings: ['NIC 2 dropped'] });
    expect(await readFile(path.join(cwd, 'lab.ova'), 'utf8')).toBe('ova bytes');
  });

  it('fails with NOT_FOUND when the folder of -o does not exist, before exporting', async () => {
    const cwd = await tempDir();
    let exports = 0;
    const cli = fakeCli({ cwd, overrides: { exportMachines: async () => ((exports += 1), { files: [], machineCount: 0, totalBytes: 0, warnings: [] }) } });
    await cli.run('create', '--name', 'web', '--os', 'ubuntu64');
    const out = await cli.run('export', 'web', '-o', 'missing/lab.ova');
    expect(out).toMatchObject({ code: 1, stderr: `virtlab: the folder ${path.join(cwd, 'missing')} does not exist; create it first\n` });
    expect(exports).toBe(0);
  });
});

function importApi(fileSize: number, preview: Partial<ImportPreview> = {}) {
  const chunks: { offset: number; bytes: Buffer }[] = [];
  const commits: MethodInput<'commitImport'>[] = [];
  const cancelled: string[] = [];
  const overrides = {
    beginImport: async ({ size }: MethodInput<'beginImport'>) => {
      expect(size).toBe(fileSize);
      return { uploadId, chunkBytes: 4 };
    },
    uploadImportChunk: async ({ offset, data }: MethodInput<'uploadImportChunk'>) => {
      chunks.push({ offset, bytes: Buffer.from(data, 'base64') });
      return { receivedBytes: offset + Buffer.from(data, 'base64').length };
    },
    readImport: async (): Promise<ImportPreview> => ({
      uploadId,
      fileName: 'web.ova',
      format: 'ova',
      hasManifest: true,
      manifestVerified: true,
      shippedFiles: [],
      systems: [
        {
          sourceId: 'vm',
          name: 'web',
          suggestedName: 'web_1',
          osType: 'ubuntu64',
          vcpus: 2,
          memoryMiB: 2048,
          diskGiB: 20,
          nics: [],
          optical: null,
          virtlab: null,
          hostId: 'host-1',
          platformId: 'esx-atlas',
          workload: 'web',
          diskAllocation: 'dynamic',
          warnings: ['memory clamped'],
        },
      ],
      ...preview,
    }),
    cancelImport: async ({ uploadId: id }: MethodInput<'cancelImport'>) => {
      cancelled.push(id);
      return { uploadId: id };
    },
  };
  return { chunks, commits, cancelled, overrides };
}

describe('virtlab import', () => {
  it('uploads the file in order in chunks of the size the backend asks, then commits with the overrides', async () => {
    const cwd = await tempDir();
    const content = Buffer.from('0123456789abc');
    await writeFile(path.join(cwd, 'web.ova'), content);
    const scripted = importApi(content.length);
    const cli = fakeCli({
      cwd,
      overrides: {
        ...scripted.overrides,
        commitImport: async (request) => {
          scripted.commits.push(request);
          const machine = (await cli.api.listMachines({}))[0]!;
          return { machines: [machine], warnings: ['copy: memory clamped'] };
        },
      },
    });
    await cli.run('create', '--name', 'copy', '--os', 'ubuntu64');
    const out = await cli.run('import', 'web.ova', '--name', 'copy', '--cpus', '3', '--keep-macs');
    expect(out.code).toBe(0);
    expect(scripted.chunks.map((c) => c.offset)).toEqual([0, 4, 8, 12]);
    expect(Buffer.concat(scripted.chunks.map((c) => c.bytes)).equals(content)).toBe(true);
    expect(scripted.commits[0]!.systems).toEqual([expect.objectContaining({ sourceId: 'vm', name: 'copy', vcpus: 3, memoryMiB: 2048, macPolicy: 'keep' })]);
    expect(out.stderr).toBe('virtlab: warning: copy: memory clamped\n');
    expect(out.stdout).toMatch(/^Imported 1 machine from web\.ova \(OVA, manifest verified\):\n {2}"copy" \{/);
    expect(scripted.cancelled).toEqual([]);
  });

  it('cancels the upload when the commit fails, and exits 1 with the backend message', async () => {
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'web.ova'), 'x');
    const scripted = importApi(1);
    const cli = fakeCli({
      cwd,
      overrides: {
        ...scripted.overrides,
        commitImport: () => Promise.reject(new AppError('INSUFFICIENT_RESOURCES', 'Atlas ESX cannot hold 2048 MiB more')),
      },
    });
    const out = await cli.run('import', 'web.ova');
    expect(out).toMatchObject({ code: 1, stderr: 'virtlab: Atlas ESX cannot hold 2048 MiB more\n' });
    expect(scripted.cancelled).toEqual([uploadId]);
  });

  it('says which file is missing, without starting an upload', async () => {
    const cwd = await tempDir();
    const scripted = importApi(0);
    const cli = fakeCli({ cwd, overrides: scripted.overrides });
    const out = await cli.run('import', 'nope.ovf');
    expect(out).toMatchObject({ code: 1, stderr: `virtlab: ${path.join(cwd, 'nope.ovf')} does not exist\n` });
    expect(scripted.chunks).toEqual([]);
  });
});

describe('virtlab import: dry run, per-system options, stdin and refused files', () => {
  const twoSystems = (base: ReturnType<typeof importApi>) => ({
    ...base.overrides,
    readImport: async () => {
      const preview = await base.overrides.readImport();
      const first = preview.systems[0]!;
      return { ...preview, systems: [first, { ...first, sourceId: 'db', name: 'db', suggestedName: 'db', warnings: [] }] };
    },
  });

  it('--dry-run shows the systems with the options applied and creates nothing', async () => {
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'lab.ova'), 'abc');
    const scripted = importApi(3);
    let commits = 0;
    const cli = fakeCli({ cwd, overrides: { ...twoSystems(scripted), commitImport: () => ((commits += 1), Promise.reject(new Error('no'))) } });
    const out = await cli.run('import', 'lab.ova', '--dry-run', '--vsys', '0', '--name', 'web-a', '--cpus', '3', '--vsys', '1', '--exclude');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('Would import from lab.ova (OVA, manifest verified):\n  0: "web-a": 3 vCPUs, 2048 MiB, 20 GiB, ubuntu64 on esx-atlas\n  1: "db": excluded\n');
    expect(out.stderr).toBe('virtlab: warning: memory clamped\n');
    expect(commits).toBe(0);
    expect(scripted.cancelled).toEqual([uploadId]);
  });

  it('--vsys options reach the commit per system; a bad system number is a usage error', async () => {
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'lab.ova'), 'abc');
    const scripted = importApi(3);
    const cli = fakeCli({
      cwd,
      overrides: {
        ...twoSystems(scripted),
        commitImport: async (request) => {
          scripted.commits.push(request);
          return { machines: [], warnings: [] };
        },
      },
    });
    expect((await cli.run('import', 'lab.ova', '--memory', '1024', '--vsys', '1', '--name', 'db-a', '--memory', '512')).code).toBe(0);
    expect(scripted.commits[0]!.systems).toEqual([
      expect.objectContaining({ sourceId: 'vm', include: true, name: 'web_1', memoryMiB: 1024 }),
      expect.objectContaining({ sourceId: 'db', include: true, name: 'db-a', memoryMiB: 512 }),
    ]);
    const bad = await cli.run('import', 'lab.ova', '--vsys', '2', '--name', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^virtlab: --vsys 2: web\.ova holds 2 systems \(numbered from 0\)/);
    expect((await cli.run('import', 'lab.ova', '--exclude')).stderr).toMatch(/--exclude applies to one system/);
    expect((await cli.run('import', 'lab.ova', '--vsys', 'one')).stderr).toMatch(/--vsys must be a system number/);
  });

  it('"-" reads the appliance from standard input, named by what it holds', async () => {
    const tar = Buffer.alloc(1024);
    tar.write('ustar', 257, 'latin1');
    const scripted = importApi(tar.length);
    const begun: string[] = [];
    const cli = fakeCli({
      stdin: tar,
      overrides: {
        ...scripted.overrides,
        beginImport: async (request) => (begun.push(request.fileName), scripted.overrides.beginImport(request)),
        commitImport: async () => ({ machines: [], warnings: [] }),
      },
    });
    const out = await cli.run('import', '-');
    expect(out.code).toBe(0);
    expect(begun).toEqual(['stdin.ova']);
    expect(Buffer.concat(scripted.chunks.map((c) => c.bytes)).equals(tar)).toBe(true);
    expect(out.stdout).toMatch(/^Imported 0 machines from standard input/);
  });

  it('a refused appliance exits 4 (not 2), prints no control characters from the file, and is JSON with --json', async () => {
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'evil.ova'), 'x');
    const scripted = importApi(1);
    const cli = fakeCli({
      cwd,
      overrides: {
        ...scripted.overrides,
        readImport: () => Promise.reject(new AppError('VALIDATION', 'evil.ova: entry "\u001b]0;owned\u0007\u001b[2Jdisk\u009b1m.vmdk" escapes the archive')),
      },
    });
    const out = await cli.run('import', 'evil.ova');
    expect(out).toMatchObject({ code: 4, stdout: '', stderr: 'virtlab: evil.ova: entry "disk\uFFFD1m.vmdk" escapes the archive\n' });
    const json = await cli.run('import', 'evil.ova', '--json');
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toEqual({ error: { kind: 'APPLIANCE_REFUSED', message: 'evil.ova: entry "disk\uFFFD1m.vmdk" escapes the archive', exitCode: 4 } });
    expect(scripted.cancelled).toEqual([uploadId, uploadId]);
    const notAppliance = await fakeCli({ stdin: Buffer.from('hello'), overrides: scripted.overrides }).run('import', '-');
    expect(notAppliance).toMatchObject({ code: 4, stderr: 'virtlab: standard input is neither an OVA (tar archive) nor an OVF (XML) appliance\n' });
  });

  it('sanitizes machine names that came from a file in human output and escapes them in JSON', async () => {
    const cli = fakeCli();
    await cli.run('create', '--name', 'plain', '--os', 'ubuntu64');
    const id = (await cli.api.listMachines({}))[0]!.id;
    cli.engine.machines.set(id, { ...cli.engine.machines.get(id)!, name: 'web\u001b[31m\u009b2J' });
    const text = await cli.run('list');
    expect(text.stdout).not.toContain('\u001b');
    expect(text.stdout).not.toContain('\u009b');
    expect(text.stdout).toContain('web\uFFFD2J');
    const json = await cli.run('list', '--json');
    expect(json.stdout).not.toContain('\u001b');
    expect(json.stdout).not.toContain('\u009b');
    expect(JSON.parse(json.stdout)[0].name).toBe('web\u001b[31m\u009b2J');
  });
});

describe('virtlab export -o -', () => {
  const exporting = (data: Buffer, calls: MethodInput<'exportMachines'>[]) => ({
    exportMachines: async (request: MethodInput<'exportMachines'>) => {
      calls.push(request);
      const sha256 = createHash('sha256').update(data).digest('hex');
      return { files: [{ name: 'virtlab-export.ova', mediaType: 'application/ovf', bytes: data.length, sha256, base64: data.toString('base64') }], machineCount: 1, totalBytes: data.length, warnings: [] };
    },
  });

  it('writes the OVA bytes to stdout and nothing else', async () => {
    const data = Buffer.from([0, 1, 2, 0x1b, 0x9b, 255]);
    const calls: MethodInput<'exportMachines'>[] = [];
    const cli = fakeCli({ overrides: exporting(data, calls) });
    await cli.run('create', '--name', 'web', '--os', 'ubuntu64');
    const out = await cli.run('export', 'web', '-o', '-');
    expect(out).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(out.bytes.equals(data)).toBe(true);
    expect(calls[0]).toMatchObject({ format: 'ova' });
    await cli.run('export', 'web', '-o', '-', '--format', 'json');
    expect(calls[1]).toMatchObject({ format: 'json' });
  });

  it.each([
    [['export', 'web', '-o', '-', '--json'], /--json cannot be combined with -o -/],
    [['export', 'web', '-o', 'x.ova', '--format', 'json'], /--format is for -o - only/],
    [['export', 'web', '-o', '-', '--format', 'ovf'], /--format must be ova or json/],
  ])('%j is a usage error', async (argv, message) => {
    const out = await fakeCli().run(...argv);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
