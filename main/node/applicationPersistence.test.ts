// Applications survive a restart: deployed through the API, saved as applications/<id>.json, restored with their
// revisions and placement; a container keeps its settings; damaged application documents are quarantined.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppApi } from '../../shared/api/methods.ts';
import { AppError } from '../../shared/errors.ts';
import { openLibraryRuntime } from './libraryRuntime.ts';
import type { LibraryRuntime } from './libraryRuntime.ts';
import { useTempDirs } from './library/testing/tempDirs.ts';

const workerUrl = new URL('../../engine/worker.ts', import.meta.url);
const tempDir = useTempDirs();

const open = (libraryDir: string, log: (line: string) => void = () => undefined): Promise<LibraryRuntime> =>
  openLibraryRuntime({ libraryDir, seed: 7, speed: 50, transport: 'web', version: 'test', workerUrl, log });

const apiOf = (runtime: LibraryRuntime): AppApi => runtime.backend.apiFor(runtime.backend.connect(() => undefined));

const shopFile = `name: shop
services:
  web:
    image: nginx:1.27
    replicas: 3
    depends_on: [db]
  db:
    image: postgres:16
    resources: { requests: { cpus: 1, memory: 1Gi } }
`;

describe('applications in the library', () => {
  it('keep their desired state, revisions and replica hosts across a restart', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const api = apiOf(first);
    const deployed = await api.deployApplication({ source: shopFile, fileName: 'shop.yaml' });
    await api.rolloutService({ id: deployed.id, service: 'web', image: 'nginx:1.25' });
    await api.scaleService({ id: deployed.id, service: 'web', replicas: 4 });
    const ct = await api.createMachine({ name: 'proxy', osType: 'alpine64', vcpus: 1, memoryMiB: 128, diskGiB: 1, platformId: 'ws-lxc', container: { image: 'nginx:1.27-alpine', ports: [{ host: 8443, container: 443 }], restartPolicy: 'always' } });
    await first.flush();
    const before = await api.getApplication({ id: deployed.id });
    const file = JSON.parse(await readFile(path.join(dir, 'applications', `${deployed.id}.json`), 'utf8')) as { schemaVersion: number; record: { spec: { services: Record<string, { image: string; replicas: number }> } } };
    expect(file.schemaVersion).toBe(1);
    expect(file.record.spec.services['web']).toMatchObject({ image: 'nginx:1.25', replicas: 4 });
    await first.close();

    const second = await open(dir);
    try {
      const again = apiOf(second);
      const after = await again.getApplication({ id: deployed.id });
      expect(after.services.map((s) => [s.name, s.image, s.desired, s.revision, s.virtualIp])).toEqual(before.services.map((s) => [s.name, s.image, s.desired, s.revision, s.virtualIp]));
      expect(after.services[0]!.history.map((h) => h.image)).toEqual(['nginx:1.25', 'nginx:1.27']);
      const placed = (view: typeof before) => view.replicas.filter((r) => r.phase !== 'Terminating').map((r) => [r.id, r.hostId]);
      expect(placed(after)).toEqual(placed(before));
      const details = await again.getRuntimeDetails({ id: ct.id });
      expect(details).toMatchObject({ shape: 'container', settings: { image: 'nginx:1.27-alpine', restartPolicy: 'always', ports: [{ host: 8443, container: 443 }] } });
      await again.removeApplication({ id: deployed.id });
      await second.flush();
      expect(await readdir(path.join(dir, 'applications'))).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('exports a container as JSON with its settings, and refuses it as an OVF appliance', async () => {
    const dir = await tempDir();
    const runtime = await open(dir);
    try {
      const api = apiOf(runtime);
      const ct = await api.createMachine({ name: 'cache', osType: 'alpine64', vcpus: 1, memoryMiB: 64, diskGiB: 1, platformId: 'ws-lxc', container: { image: 'alpine:3.20' } });
      const ova = await api.exportMachines({ machineIds: [ct.id], format: 'ova', ovfVersion: '1.0', manifest: true, fileBaseName: 'cache' }).catch((e: unknown) => e);
      expect((ova as AppError).toData()).toEqual({ code: 'VALIDATION', field: 'machineIds', message: '"cache" is a container: an OVF appliance describes virtual machines; export it as JSON instead' });
      const json = await api.exportMachines({ machineIds: [ct.id], format: 'json', ovfVersion: '1.0', manifest: false, fileBaseName: 'cache' });
      expect(Buffer.from(json.files[0]!.base64, 'base64').toString('utf8')).toContain('alpine:3.20');
    } finally {
      await runtime.close();
    }
  });

  it('refuses a bad file with the field and line and saves nothing', async () => {
    const dir = await tempDir();
    const runtime = await open(dir);
    try {
      const api = apiOf(runtime);
      const error = await api.deployApplication({ source: shopFile.replace('replicas: 3', 'replicas: lots'), fileName: '/tmp/shop.yaml' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).toData()).toEqual({ code: 'VALIDATION', field: 'services.web.replicas', message: 'services.web.replicas: must be a number of replicas (line 5)' });
      await runtime.flush();
      expect(await readdir(path.join(dir, 'applications'))).toEqual([]);
      expect(await api.listApplications({})).toEqual([]);
    } finally {
      await runtime.close();
    }
  });

  it('quarantines a damaged application document and loads the rest', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const deployed = await apiOf(first).deployApplication({ source: shopFile });
    await first.close();
    await writeFile(path.join(dir, 'applications', 'broken.json'), '{"schemaVersion": 1, "record": ');
    const lines: string[] = [];
    const second = await open(dir, (line) => lines.push(line));
    try {
      expect((await apiOf(second).listApplications({})).map((app) => app.id)).toEqual([deployed.id]);
      expect(second.status().problems).toEqual([expect.objectContaining({ file: 'applications/broken.json', action: 'quarantined' })]);
      expect(lines.some((line) => line.includes('1 application'))).toBe(true);
    } finally {
      await second.close();
    }
  });
});
