// Sample machine records for the OVF tests: a fully configured machine and a legacy record without config.
import type { ExportMachine } from './exportModel.ts';

export const fullMachine: ExportMachine = {
  id: '5b0f3c7e-2a4d-4e57-9a3b-1f2e3d4c5b6a',
  name: 'web & db-01',
  osType: 'ubuntu64',
  hostId: 'host-1',
  platformId: 'host-1-type1',
  kind: 'type1',
  workload: 'database',
  vcpus: 4,
  memoryMiB: 6144,
  diskGiB: 40,
  nic: { mac: '08:00:27:12:34:56', network: 'nat' },
  createdAtMs: 1000,
  owner: 'Ana <ops & dev>',
  purpose: 'Course demo "web" tier',
  tags: ['demo', 'web&db'],
  expiresOn: '2030-06-30',
  config: {
    diskAllocation: 'fixed',
    images: [],
    currentImageId: 'img-2',
    currentSnapshotId: 'snap-2',
    snapshots: [
      { id: 'snap-1', name: 'Fresh install', description: '', takenAtMs: 5000, withMemory: false, memoryStateMiB: 0, diskImageId: 'img-0', settings: { osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 40 } },
      { id: 'snap-2', name: 'Before upgrade', description: '', parentId: 'snap-1', takenAtMs: 9000, withMemory: true, memoryStateMiB: 6144, diskImageId: 'img-1', settings: { osType: 'ubuntu64', vcpus: 4, memoryMiB: 6144, diskGiB: 40 } },
    ],
    nics: [
      { slot: 1, attachment: 'nat', networkId: 'net-nat', mac: '08:00:27:12:34:56', ipMode: 'dhcp', ip: '10.0.2.15' },
      { slot: 2, attachment: 'hostOnly', networkId: 'net-hostonly', mac: '08:00:27:AB:CD:EF', ipMode: 'static', ip: '192.168.56.20' },
      { slot: 3, attachment: 'internal', networkId: 'net-intnet', mac: '08:00:27:00:00:03', ipMode: 'dhcp', ip: '' },
      { slot: 4, attachment: 'bridged', networkId: 'net-bridged', mac: '08:00:27:00:00:04', ipMode: 'dhcp', ip: '' },
    ],
    optical: { kind: 'iso', image: 'ubuntu-24.04.iso' },
    origin: { machineId: 'gone-id', machineName: 'ubuntu template', snapshotName: 'clean <base>', mode: 'linked' },
  },
};

export const legacyMachine: ExportMachine = {
  id: '6c1f3c7e-2a4d-4e57-9a3b-1f2e3d4c5b6b',
  name: 'bsd-box',
  osType: 'freebsd64',
  hostId: 'host-1',
  platformId: 'host-1-type2',
  workload: 'idle',
  vcpus: 1,
  memoryMiB: 1024,
  diskGiB: 16,
  nic: { mac: '08:00:27:65:43:21', network: 'bridged' },
  createdAtMs: 2000,
};

/**
 * The largest machine record Virtlab can hold, every text at its longest and made of characters XML must escape:
 * the worst case for the descriptor size an export can reach.
 */
export function largestMachine(index: number): ExportMachine {
  const escaped = (length: number, tail = ''): string => `${'&'.repeat(length - tail.length)}${tail}`;
  const suffix = String(index).padStart(4, '0');
  const snapshots = Array.from({ length: 60 }, (_, s) => ({
    id: `snap-${s}`,
    name: escaped(128, String(s)),
    description: '',
    takenAtMs: 1000 + s,
    withMemory: true,
    memoryStateMiB: 1,
    diskImageId: `img-${s}`,
    settings: { osType: 'ubuntu64', vcpus: 64, memoryMiB: 1_048_576, diskGiB: 65_536 },
  }));
  return {
    ...fullMachine,
    id: `00000000-0000-4000-8000-${suffix.padStart(12, '0')}`,
    name: escaped(64, suffix),
    group: escaped(200),
    owner: escaped(100),
    purpose: escaped(200),
    tags: Array.from({ length: 20 }, (_, t) => escaped(40, String(t))),
    hostId: escaped(100),
    platformId: escaped(100),
    vcpus: 64,
    memoryMiB: 1_048_576,
    diskGiB: 65_536,
    config: {
      ...fullMachine.config!,
      snapshots,
      currentSnapshotId: 'snap-59',
      nics: fullMachine.config!.nics.map((nic) => ({ ...nic, networkId: escaped(100), ip: '192.168.100.200' })),
      optical: { kind: 'iso', image: escaped(255) },
      disks: Array.from({ length: 30 }, (_, d) => ({ label: escaped(200, String(d)), capacityMiB: 64 * 1024 * 1024 })),
    },
  };
}

/** A machine imported from a two-disk appliance whose first disk is 64 MiB (the simulated disk is 1 GiB). */
export const multiDiskMachine: ExportMachine = {
  ...fullMachine,
  id: '7d2f3c7e-2a4d-4e57-9a3b-1f2e3d4c5b6c',
  name: 'two-disks',
  group: 'lab/vApp',
  diskGiB: 1,
  config: { ...fullMachine.config!, disks: [{ label: 'vmdisk1', capacityMiB: 64 }, { label: 'vmdisk2', capacityMiB: 10 * 1024 }] },
};
