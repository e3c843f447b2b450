// Machines, configs and snapshot trees for CLI formatter and resolver tests.
import type { Machine } from '../../../shared/domain/machine.ts';
import type { MachineConfig } from '../../../shared/domain/machineConfig.ts';
import type { Snapshot, SnapshotTree } from '../../../shared/domain/snapshot.ts';

export function sampleMachine(overrides: Partial<Machine> = {}): Machine {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'web-01',
    osType: 'ubuntu64',
    hostId: 'host-1',
    platformId: 'esx-atlas',
    kind: 'type1',
    workload: 'web',
    chain: ['Atlas hardware (x86_64)', 'Type 1: Atlas ESX', 'web-01'],
    vcpus: 2,
    memoryMiB: 2048,
    diskGiB: 25,
    nic: { mac: '08:00:27:00:00:01', network: 'nat' },
    state: 'PoweredOff',
    stateSinceMs: 3_723_000,
    createdAtMs: 0,
    ...overrides,
  };
}

export function sampleConfig(machine: Machine): MachineConfig {
  return {
    machineId: machine.id,
    disk: { allocation: 'dynamic', capacityGiB: machine.diskGiB, currentImageId: 'img-1', chain: ['img-1'], ownedMiB: 1536 },
    nics: [{ slot: 1, attachment: 'nat', networkId: 'natnet', mac: machine.nic.mac, ipMode: 'dhcp', ip: '10.0.2.15' }],
    optical: { kind: 'iso', image: 'ubuntu-24.04.iso' },
    snapshotCount: 0,
  };
}

export function sampleSnapshot(overrides: Partial<Snapshot> & Pick<Snapshot, 'id' | 'name'>): Snapshot {
  return {
    description: '',
    childIds: [],
    takenAtMs: 0,
    withMemory: false,
    memoryStateMiB: 0,
    diskImageId: `img-${overrides.id}`,
    diskMiB: 0,
    settings: { osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25 },
    ...overrides,
  };
}

/** base → (a, b): two branches under one root, the current state under "b". */
export function sampleTree(machineId: string): SnapshotTree {
  return {
    machineId,
    snapshots: [
      sampleSnapshot({ id: 's-base', name: 'Base', description: 'fresh install', childIds: ['s-a', 's-b'] }),
      sampleSnapshot({ id: 's-a', name: 'Branch A', parentId: 's-base' }),
      sampleSnapshot({ id: 's-b', name: 'Branch B', parentId: 's-base' }),
    ],
    currentSnapshotId: 's-b',
    currentState: { diskImageId: 'img-cur', diskMiB: 0 },
  };
}
