// Real appliances written by VirtualBox, VMware and Canonical import through the API with what each file states.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppApi } from '../../../shared/api/methods.ts';
import type { ImportChoice, ImportSystem } from '../../../shared/domain/appliance.ts';
import type { Attachment } from '../../../shared/domain/network.ts';
import type { OsTypeId } from '../../../shared/domain/osTypes.ts';
import { BackendService } from '../backendService.ts';
import { EngineHost } from '../engineHost.ts';

const workerUrl = new URL('../../../engine/worker.ts', import.meta.url);
const fixtureDir = path.resolve(import.meta.dirname, '../../../../shared/fixtures/ovf');
const reason = existsSync(fixtureDir) ? undefined : `real OVF fixtures not found at ${fixtureDir} (../shared is missing)`;
if (reason) console.warn(`[applianceFixtures.test] skipping: ${reason}`);

interface Expected {
  name: string;
  osType: OsTypeId;
  vcpus: number;
  memoryMiB: number;
  /** Every disk's capacity in MiB, in the order the hardware section attaches them. */
  disksMiB: number[];
  nics: { attachment: Attachment; connection: string }[];
  group?: string;
}

/** What each file states (checked by hand against the XML; see ../shared/fixtures/ovf/README.md for the origins). */
const fixtures: Record<string, Expected[]> = {
  'virtualbox-vagrant-freebsd.ovf': [{ name: 'vagrant-freebsd', osType: 'freebsd64', vcpus: 1, memoryMiB: 512, disksMiB: [40 * 1024], nics: [{ attachment: 'nat', connection: 'NAT' }] }],
  'virtualbox-6-ishoal.ovf': [{ name: 'ishoal', osType: 'linux64', vcpus: 1, memoryMiB: 128, disksMiB: [64], nics: [{ attachment: 'bridged', connection: 'Bridged' }] }],
  'virtualbox-vbox5-all-storage-controllers.ovf': [{ name: 'vbox5', osType: 'ubuntu64', vcpus: 1, memoryMiB: 384, disksMiB: [4, 10 * 1024], nics: [{ attachment: 'nat', connection: 'NAT' }] }],
  'virtualbox-2.0-untangle.ovf': [
    {
      name: 'Untangle',
      osType: 'debian64',
      vcpus: 2,
      memoryMiB: 2048,
      disksMiB: [50 * 1024],
      // VirtualBox attaches a network it does not know ("External") to NAT, and so does Virtlab, with a warning.
      nics: [{ attachment: 'nat', connection: 'External' }, { attachment: 'internal', connection: 'Internal' }],
    },
  ],
  'vmware-esx-ubuntu-12.04.ovf': [{ name: 'Ubuntu-12.04.2-64-Server-Tools', osType: 'ubuntu64', vcpus: 4, memoryMiB: 2048, disksMiB: [40 * 1024], nics: [{ attachment: 'nat', connection: 'Private' }] }],
  'vmware-ovftool-vapp-2vms.ovf': [
    { name: 'sql2k5-win-2k3-32-ent-sp2-ovf', osType: 'windows2003', vcpus: 1, memoryMiB: 1024, disksMiB: [10 * 1024], nics: [{ attachment: 'nat', connection: 'Private' }], group: 'sql2k5-win-2k3-32-ent-sp2-ovf' },
    { name: 'centos-5.5-32-esx-qa', osType: 'centos64', vcpus: 1, memoryMiB: 256, disksMiB: [4 * 1024], nics: [{ attachment: 'nat', connection: 'none' }], group: 'sql2k5-win-2k3-32-ent-sp2-ovf' },
  ],
  'canonical-ubuntu-24.10-cloudimg.ovf': [
    { name: 'ubuntu-oracular-24.10-cloudimg-20241109', osType: 'ubuntu64', vcpus: 2, memoryMiB: 1024, disksMiB: [10 * 1024], nics: [{ attachment: 'nat', connection: 'VM Network' }] },
  ],
};

let host: EngineHost;
let backend: BackendService;
let api: AppApi;

beforeAll(async () => {
  host = new EngineHost({ workerUrl, seed: 5, speed: 1, log: () => undefined });
  await host.start();
  backend = new BackendService({ engine: host, transport: 'web', version: 'test', log: () => undefined });
  api = backend.apiFor(backend.connect(() => undefined));
});
afterAll(async () => {
  backend.dispose();
  await host.stop();
});

async function upload(fileName: string, bytes: Uint8Array): Promise<string> {
  const { uploadId, chunkBytes } = await api.beginImport({ fileName, size: bytes.byteLength });
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    await api.uploadImportChunk({ uploadId, offset, data: Buffer.from(bytes.subarray(offset, offset + chunkBytes)).toString('base64') });
  }
  return uploadId;
}

const accept = (system: ImportSystem): ImportChoice => ({
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
  macPolicy: 'new',
});

describe.skipIf(reason !== undefined)(`real appliances through the import API${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it('has a test for every fixture in the folder', () => {
    const files = (existsSync(fixtureDir) ? readdirOvf() : []).sort();
    expect(files).toEqual(Object.keys(fixtures).sort());
  });

  for (const [file, expected] of Object.entries(fixtures)) {
    it(`${file}: name, vCPUs, memory, every disk, every NIC, OS${expected[0]?.group ? ' and vApp group' : ''}`, async () => {
      const uploadId = await upload(file, readFileSync(path.join(fixtureDir, file)));
      const preview = await api.readImport({ uploadId });
      expect(preview.systems.map((system) => system.refusal)).toEqual(expected.map(() => undefined));
      expect(
        preview.systems.map((system) => ({
          name: system.name,
          osType: system.osType,
          vcpus: system.vcpus,
          memoryMiB: system.memoryMiB,
          disksMiB: (system.disks ?? []).map((disk) => disk.capacityMiB),
          nics: system.nics.map((nic) => ({ attachment: nic.attachment, connection: nic.connection })),
          ...(system.group === undefined ? {} : { group: system.group }),
        })),
      ).toEqual(expected);
      // The simulated disk is the first one in whole GiB (a 64 MiB disk runs as 1 GiB; its real size stays in the record).
      expect(preview.systems.map((system) => system.diskGiB)).toEqual(expected.map((e) => Math.max(1, Math.ceil((e.disksMiB[0] ?? 0) / 1024))));

      const { machines, refused } = await api.commitImport({ uploadId, systems: preview.systems.map(accept) });
      expect(refused).toEqual([]);
      expect(machines.map((m) => ({ name: m.name, osType: m.osType, vcpus: m.vcpus, memoryMiB: m.memoryMiB, group: m.group }))).toEqual(
        expected.map((e) => ({ name: e.name, osType: e.osType, vcpus: e.vcpus, memoryMiB: e.memoryMiB, group: e.group })),
      );
      for (const [index, machine] of machines.entries()) {
        const config = await api.getMachineConfig({ id: machine.id });
        const want = expected[index]!;
        expect(config.nics.map((nic) => nic.attachment)).toEqual(want.nics.map((nic) => nic.attachment));
        const exactDisks = want.disksMiB.length === 1 && want.disksMiB[0]! % 1024 === 0;
        // The configuration keeps every disk at its real size whenever the simulated disk alone would not say it.
        expect(config.disks?.map((disk) => disk.capacityMiB)).toEqual(exactDisks ? undefined : want.disksMiB);
        expect(config.disk.capacityGiB).toBe(Math.max(1, Math.ceil(want.disksMiB[0]! / 1024)));
      }
    });
  }
});

function readdirOvf(): string[] {
  return readdirSync(fixtureDir).filter((name) => name.endsWith('.ovf'));
}
