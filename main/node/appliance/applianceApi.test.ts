// Export and import through the backend API against the real engine worker: round trip, VirtualBox file, uploads, rollback, progress.
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/api/events.ts';
import type { AppApi } from '../../../shared/api/methods.ts';
import { importChunkBytes } from '../../../shared/domain/appliance.ts';
import type { ImportChoice, ImportSystem, OperationProgress } from '../../../shared/domain/appliance.ts';
import type { AppErrorData } from '../../../shared/errors.ts';
import { BackendService } from '../backendService.ts';
import type { ClientSession } from '../clientSession.ts';
import { EngineHost } from '../engineHost.ts';
import { packTar } from '../ovf/ovaWriter.ts';
import { buildOvfDescriptor } from '../ovf/ovfDescriptorWriter.ts';
import { fullMachine, legacyMachine } from '../ovf/ovfTestData.ts';

const workerUrl = new URL('../../../engine/worker.ts', import.meta.url);
const fixture = path.resolve(import.meta.dirname, '../../../../shared/fixtures/ovf/virtualbox-vagrant-freebsd.ovf');
const operationId = '6d3c1f3e-2a8b-4c5d-9e0f-1a2b3c4d5e6f';

let host: EngineHost;
let backend: BackendService;
let session: ClientSession;
let api: AppApi;
let events: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  host = new EngineHost({ workerUrl, seed: 21, speed: 20, log: () => undefined });
  await host.start();
  backend = new BackendService({ engine: host, transport: 'web', version: 'test', log: () => undefined });
  session = backend.connect((event, payload) => events.push({ event, payload }));
  api = backend.apiFor(session);
});
afterAll(async () => {
  backend.dispose();
  await host.stop();
});

async function refusal(promise: Promise<unknown>): Promise<AppErrorData> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as AppErrorData,
  );
  return { code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) };
}

async function upload(fileName: string, bytes: Uint8Array, client: AppApi = api, manifest?: { fileName: string; text: string }): Promise<string> {
  const { uploadId, chunkBytes } = await client.beginImport({ fileName, size: bytes.byteLength, ...(manifest ? { manifest } : {}) });
  expect(chunkBytes).toBe(importChunkBytes);
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    const data = Buffer.from(bytes.subarray(offset, offset + chunkBytes)).toString('base64');
    const { receivedBytes } = await client.uploadImportChunk({ uploadId, offset, data });
    expect(receivedBytes).toBe(Math.min(bytes.byteLength, offset + chunkBytes));
  }
  return uploadId;
}

/** What the wizard sends when the user accepts every suggestion. */
const accept = (system: ImportSystem, macPolicy: ImportChoice['macPolicy'] = 'new'): ImportChoice => ({
  sourceId: system.sourceId,
  include: true,
  name: system.suggestedName,
  osType: system.osType,
  vcpus: system.vcpus,
  memoryMiB: system.memoryMiB,
  diskGiB: system.diskGiB,
  hostId: system.hostId,
  platformId: system.platformId,
  workload: system.workload,
  diskAllocation: system.diskAllocation,
  macPolicy,
});

const progressOf = (operation: OperationProgress['operation']) =>
  events.filter((e) => e.event === 'operationProgress').map((e) => e.payload as OperationProgress).filter((p) => p.operation === operation);
const uploadDir = path.join(os.tmpdir(), `virtlab-imports-${process.pid}`);
const uploadFiles = async () => (existsSync(uploadDir) ? readdir(uploadDir) : []);

describe('export → import through the API', () => {
  it('gives back the same configuration and the Virtlab data, as a copy with new MACs', async () => {
    const source = await api.createMachine({ name: 'xen-db', osType: 'debian64', vcpus: 2, memoryMiB: 3072, diskGiB: 30, platformId: 'xen-xenon', workload: 'database', diskAllocation: 'fixed' });
    await api.updateSettings({ id: source.id, patch: { nics: [{ attachment: 'nat' }, { attachment: 'internal' }], optical: { kind: 'iso', image: 'debian-12.iso' } } });
    await api.takeSnapshot({ id: source.id, spec: { name: 'installed' } });
    await api.labelMachines({ ids: [source.id], patch: { owner: 'ana', purpose: 'db course', tags: ['db', 'course'], expiresOn: '2031-01-31' } });
    const sourceConfig = await api.getMachineConfig({ id: source.id });

    events = [];
    const exported = await api.exportMachines({ machineIds: [source.id], format: 'ova', ovfVersion: '2.0', manifest: true, fileBaseName: 'xen db', operationId });
    expect(exported.files.map((f) => f.name)).toEqual(['xen db.ova']);
    expect(progressOf('export').map((p) => [p.done, p.total])).toEqual([[1, 3], [2, 3], [3, 3]]);
    const ova = Buffer.from(exported.files[0]!.base64, 'base64');
    expect(exported.files[0]!.bytes).toBe(ova.byteLength);

    const uploadId = await upload('xen db.ova', ova);
    const preview = await api.readImport({ uploadId, operationId });
    expect(preview).toMatchObject({ format: 'ova', hasManifest: true, manifestVerified: true, shippedFiles: [] });
    const [system] = preview.systems;
    expect(system).toMatchObject({
      name: 'xen-db',
      suggestedName: 'xen-db_1',
      osType: 'debian64',
      vcpus: 2,
      memoryMiB: 3072,
      diskGiB: 30,
      nics: [{ attachment: 'nat', mac: sourceConfig.nics[0]!.mac }, { attachment: 'internal', mac: sourceConfig.nics[1]!.mac }],
      optical: { kind: 'iso', image: 'debian-12.iso' },
      virtlab: { kind: 'paravirt', hostId: 'host-4', platformId: 'xen-xenon', workload: 'database', diskAllocation: 'fixed', snapshotCount: 1 },
      hostId: 'host-4',
      platformId: 'xen-xenon',
      workload: 'database',
      diskAllocation: 'fixed',
    });
    expect(system!.warnings).toContain('A machine named "xen-db" already exists; the copy is named "xen-db_1"');
    expect(progressOf('import').at(-1)).toMatchObject({ done: ova.byteLength, total: ova.byteLength });

    const result = await api.commitImport({ uploadId, systems: [accept(system!)], operationId });
    expect(result.machines).toHaveLength(1);
    const copy = result.machines[0]!;
    expect(copy).toMatchObject({ owner: 'ana', purpose: 'db course', tags: ['course', 'db'], expiresOn: '2031-01-31' });
    expect(copy).toMatchObject({ name: 'xen-db_1', osType: 'debian64', vcpus: 2, memoryMiB: 3072, diskGiB: 30, hostId: 'host-4', platformId: 'xen-xenon', kind: 'paravirt', workload: 'database', state: 'PoweredOff' });
    const copyConfig = await api.getMachineConfig({ id: copy.id });
    expect(copyConfig.nics.map((nic) => nic.attachment)).toEqual(['nat', 'internal']);
    expect(copyConfig.nics.map((nic) => nic.mac)).not.toContain(sourceConfig.nics[0]!.mac);
    expect(copyConfig.optical).toEqual({ kind: 'iso', image: 'debian-12.iso' });
    expect(host.records().find((record) => record.id === copy.id)?.config?.diskAllocation).toBe('fixed');
    // The upload ended with the commit.
    expect(await refusal(api.readImport({ uploadId }))).toMatchObject({ code: 'NOT_FOUND', field: 'uploadId' });
  });

  it('exports OVF with a SHA-1 manifest for OVF 1.0 and plain JSON; unknown ids produce nothing', async () => {
    const vm = await api.createMachine({ name: 'plain-01', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
    const ovf = await api.exportMachines({ machineIds: [vm.id], format: 'ovf', fileBaseName: 'plain' });
    expect(ovf.files.map((f) => [f.name, f.mediaType])).toEqual([['plain.ovf', 'application/ovf+xml'], ['plain.mf', 'text/plain']]);
    expect(Buffer.from(ovf.files[1]!.base64, 'base64').toString()).toMatch(/^SHA1\(plain\.ovf\)= [0-9a-f]{40}\n$/);
    const json = await api.exportMachines({ machineIds: [vm.id], format: 'json', fileBaseName: 'plain' });
    expect(JSON.parse(Buffer.from(json.files[0]!.base64, 'base64').toString())).toMatchObject({ format: 'virtlab-machine-configurations', machines: [{ record: { id: vm.id, name: 'plain-01' } }] });
    const missing = 'f0f0f0f0-0000-4000-8000-000000000000';
    expect(await refusal(api.exportMachines({ machineIds: [vm.id, missing], format: 'ova', fileBaseName: 'x' }))).toEqual({
      code: 'NOT_FOUND',
      message: `No machine with id "${missing}"; nothing was exported`,
      field: 'machineIds',
    });
  });

  it('checks the manifest sent beside an .ovf: a matching one verifies, a tampered descriptor is refused', async () => {
    const vm = await api.createMachine({ name: 'mf-01', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
    const { files } = await api.exportMachines({ machineIds: [vm.id], format: 'ovf', fileBaseName: 'mf' });
    const ovf = Buffer.from(files[0]!.base64, 'base64');
    const manifest = { fileName: 'mf.mf', text: Buffer.from(files[1]!.base64, 'base64').toString() };
    const good = await upload('mf.ovf', ovf, api, manifest);
    expect(await api.readImport({ uploadId: good })).toMatchObject({ hasManifest: true, manifestVerified: true });
    await api.cancelImport({ uploadId: good });
    const tampered = Buffer.from(ovf.toString().replace('<rasd:VirtualQuantity>1024</rasd:VirtualQuantity>', '<rasd:VirtualQuantity>2048</rasd:VirtualQuantity>'));
    const bad = await upload('mf.ovf', tampered, api, manifest);
    expect(await refusal(api.readImport({ uploadId: bad }))).toMatchObject({ code: 'VALIDATION', message: 'Manifest digest mismatch for "mf.ovf" (SHA1): the file was altered or damaged' });
    await api.cancelImport({ uploadId: bad });
    const plain = await upload('mf.ovf', tampered);
    expect(await api.readImport({ uploadId: plain })).toMatchObject({ hasManifest: false, manifestVerified: false });
    await api.cancelImport({ uploadId: plain });
  });

  it.skipIf(!existsSync(fixture))('imports a VirtualBox-written OVF with the right CPU, memory, disk, NIC and OS type', async () => {
    const uploadId = await upload('vagrant-freebsd.ovf', readFileSync(fixture));
    const preview = await api.readImport({ uploadId });
    expect(preview.systems).toMatchObject([
      { name: 'vagrant-freebsd', suggestedName: 'vagrant-freebsd', osType: 'freebsd64', vcpus: 1, memoryMiB: 512, diskGiB: 40, nics: [{ attachment: 'nat' }], virtlab: null, hostId: 'host-1', platformId: 'esx-atlas', workload: 'web', diskAllocation: 'dynamic' },
    ]);
    const { machines } = await api.commitImport({ uploadId, systems: [accept(preview.systems[0]!)] });
    expect(machines[0]).toMatchObject({ name: 'vagrant-freebsd', osType: 'freebsd64', vcpus: 1, memoryMiB: 512, diskGiB: 40, nic: { network: 'nat' } });
  });

  it('refuses a hostile package with a message and creates nothing', async () => {
    const before = (await api.listMachines({})).length;
    const evil = await packTar([{ name: '../../etc/evil.ovf', data: Buffer.from('<Envelope/>') }]);
    const uploadId = await upload('evil.ova', evil);
    expect(await refusal(api.readImport({ uploadId }))).toMatchObject({ code: 'VALIDATION', message: 'OVA entry "../../etc/evil.ovf" climbs out of the package with ".."; refused' });
    expect(await refusal(api.commitImport({ uploadId, systems: [{ ...accept({ sourceId: 'x', suggestedName: 'x', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8, hostId: 'host-1', platformId: 'esx-atlas', workload: 'web', diskAllocation: 'dynamic' } as ImportSystem) }] }))).toMatchObject({
      code: 'INVALID_STATE',
    });
    await api.cancelImport({ uploadId });
    expect((await api.listMachines({})).length).toBe(before);
  });
});

describe('refusals from the hardening review', () => {
  const pair = buildOvfDescriptor([fullMachine, legacyMachine], { version: '1.0' }).replace(/<vl:VirtlabSection[\s\S]*?<\/vl:VirtlabSection>/g, '');

  it('a machine with a broadcast MAC is refused on its own: the preview says why, the other machine imports', async () => {
    const xml = pair.replace('<rasd:Address>08:00:27:65:43:21</rasd:Address>', '<rasd:Address>FF:FF:FF:FF:FF:FF</rasd:Address>');
    const uploadId = await upload('macs.ovf', Buffer.from(xml));
    const { systems } = await api.readImport({ uploadId });
    expect(systems.map((system) => system.refusal)).toEqual([undefined, '"bsd-box" cannot be imported: network adapter 1 has the broadcast MAC address FF:FF:FF:FF:FF:FF, which no adapter can use']);
    const before = (await api.listMachines({})).length;
    const result = await api.commitImport({ uploadId, systems: systems.map((system) => accept(system)) });
    expect(result.machines.map((m) => m.name)).toEqual([systems[0]!.suggestedName]);
    expect(result.refused).toEqual([{ sourceId: 'bsd-box', name: 'bsd-box', reason: systems[1]!.refusal }]);
    expect(result.warnings).toContain(`bsd-box: not imported (${systems[1]!.refusal})`);
    expect((await api.listMachines({})).length).toBe(before + 1);
  });

  it('choosing only refused machines imports nothing and says why', async () => {
    const xml = pair.replace('<rasd:Address>08:00:27:65:43:21</rasd:Address>', '<rasd:Address>00:00:00:00:00:00</rasd:Address>');
    const uploadId = await upload('zero.ovf', Buffer.from(xml));
    const { systems } = await api.readImport({ uploadId });
    const choices = [{ ...accept(systems[0]!), include: false }, accept(systems[1]!)];
    expect(await refusal(api.commitImport({ uploadId, systems: choices }))).toEqual({
      code: 'VALIDATION',
      message: '"bsd-box" cannot be imported: network adapter 1 has the all-zero MAC address 00:00:00:00:00:00, which no adapter can use; nothing was imported',
      field: 'systems.1',
    });
    await api.cancelImport({ uploadId });
  });

  it('a VirtualSystem id over the limit is refused when reading, not with a schema message at commit', async () => {
    const uploadId = await upload('long.ovf', Buffer.from(pair.replace('ovf:id="bsd-box"', `ovf:id="${'b'.repeat(301)}"`)));
    expect(await refusal(api.readImport({ uploadId }))).toEqual({ code: 'VALIDATION', message: `VirtualSystem id "${'b'.repeat(40)}…" is 301 characters long; at most 300 are accepted` });
    await api.cancelImport({ uploadId });
  });
});

describe('all-or-nothing commit', () => {
  it('checks every choice before creating anything', async () => {
    const a = await api.createMachine({ name: 'pair-a', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
    const b = await api.createMachine({ name: 'pair-b', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
    const { files } = await api.exportMachines({ machineIds: [a.id, b.id], format: 'ova', fileBaseName: 'pair' });
    const uploadId = await upload('pair.ova', Buffer.from(files[0]!.base64, 'base64'));
    const { systems } = await api.readImport({ uploadId });
    const before = (await api.listMachines({})).length;
    const [first, second] = systems.map((system) => accept(system));
    expect(await refusal(api.commitImport({ uploadId, systems: [first!, { ...second!, name: first!.name }] }))).toMatchObject({ code: 'CONFLICT', field: 'systems.1.name' });
    expect(await refusal(api.commitImport({ uploadId, systems: [first!, { ...second!, vcpus: 64 }] }))).toMatchObject({ code: 'INSUFFICIENT_RESOURCES', field: 'systems.1.vcpus' });
    expect(await refusal(api.commitImport({ uploadId, systems: [first!, { ...second!, platformId: 'nope' }] }))).toMatchObject({ code: 'NOT_FOUND', field: 'systems.1.platformId' });
    expect(await refusal(api.commitImport({ uploadId, systems: [{ ...first!, include: false }, { ...second!, include: false }] }))).toMatchObject({ code: 'VALIDATION', field: 'systems' });
    expect((await api.listMachines({})).length).toBe(before);
    await api.cancelImport({ uploadId });
  });

  it('removes the machines it created when a later one cannot be created', async () => {
    const keep = await api.createMachine({ name: 'mac-keep', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
    const gone = await api.createMachine({ name: 'mac-gone', osType: 'ubuntu64', vcpus: 1, memoryMiB: 1024, diskGiB: 10 });
    const { files } = await api.exportMachines({ machineIds: [gone.id, keep.id], format: 'ova', fileBaseName: 'macs' });
    await api.deleteMachine({ id: gone.id });
    const uploadId = await upload('macs.ova', Buffer.from(files[0]!.base64, 'base64'));
    const { systems } = await api.readImport({ uploadId });
    const before = (await api.listMachines({})).map((m) => m.id).sort();
    // Keeping MACs: the first copy takes the deleted machine's free MAC, the second collides with "mac-keep" itself.
    const failure = await refusal(api.commitImport({ uploadId, systems: systems.map((system) => accept(system, 'keep')) }));
    expect(failure).toMatchObject({ code: 'CONFLICT', field: 'systems.1' });
    expect(failure.message).toMatch(/^"mac-keep_1" could not be created \(MAC address .* is already used by "mac-keep"\); nothing was imported$/);
    expect((await api.listMachines({})).map((m) => m.id).sort()).toEqual(before);
    // The preview stays: the user can change the MAC policy and try again.
    const retry = await api.commitImport({ uploadId, systems: systems.map((system) => accept(system, 'new')) });
    expect(retry.machines.map((m) => m.name)).toEqual(['mac-gone', 'mac-keep_1']);
  });
});

describe('uploads', () => {
  it('refuses a wrong offset, a chunk past the announced size, reading early, and other clients', async () => {
    const { uploadId } = await api.beginImport({ fileName: 'x.ova', size: 6 });
    expect(await refusal(api.uploadImportChunk({ uploadId, offset: 3, data: 'AAAA' }))).toMatchObject({ code: 'VALIDATION', field: 'offset', message: 'The chunk starts at byte 3, but 0 bytes have been received; send the chunk that starts at 0' });
    expect(await api.uploadImportChunk({ uploadId, offset: 0, data: 'AAAA' })).toEqual({ receivedBytes: 3 });
    expect(await refusal(api.uploadImportChunk({ uploadId, offset: 3, data: 'AAAAAA==' }))).toMatchObject({ code: 'VALIDATION', field: 'data', message: 'The chunk would make the file 7 bytes, more than the 6 bytes announced' });
    expect(await refusal(api.readImport({ uploadId }))).toMatchObject({ code: 'INVALID_STATE', message: '"x.ova" is not fully uploaded yet (3 of 6 bytes)' });
    const other = backend.apiFor(backend.connect(() => undefined));
    expect(await refusal(other.uploadImportChunk({ uploadId, offset: 3, data: 'AAAA' }))).toMatchObject({ code: 'NOT_FOUND', field: 'uploadId' });
    expect(await api.cancelImport({ uploadId })).toEqual({ uploadId });
    expect(await refusal(api.uploadImportChunk({ uploadId, offset: 3, data: 'AAAA' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('allows four uploads at a time (across all clients) and drops a client\'s uploads (and temp files) when it disconnects', async () => {
    const client = backend.connect(() => undefined);
    const mine = backend.apiFor(client);
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) ids.push((await mine.beginImport({ fileName: `f${i}.ovf`, size: 10 })).uploadId);
    expect(await refusal(mine.beginImport({ fileName: 'f5.ovf', size: 10 }))).toMatchObject({ code: 'CONFLICT', message: 'At most 4 imports can be uploading at once; finish or cancel one first' });
    expect((await uploadFiles()).filter((name) => ids.some((id) => name.startsWith(id)))).toHaveLength(4);
    backend.disconnect(client);
    await expect.poll(async () => (await uploadFiles()).filter((name) => ids.some((id) => name.startsWith(id)))).toEqual([]);
  });
});
