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
