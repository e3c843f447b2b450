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
