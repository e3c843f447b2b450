// Machine records with every field filled (config, snapshots, several NICs, clone origin) for library tests.
import type { MachineRecord } from '../../../../shared/engine/protocol.ts';

/** A linked clone with two snapshots, three adapters and an ISO: every optional field of a record is present. */
export function fullRecord(id: string, overrides: Partial<MachineRecord> = {}, snapshotCount = 2): MachineRecord {
  const snapshots = Array.from({ length: snapshotCount }, (_, index) => ({
    id: `${id}-snap-${index + 1}`,
    name: `Snapshot ${index + 1}`,
    description: index === 0 ? 'Before the upgrade — "quoted" & unicode ✓' : '',
    ...(index === 0 ? {} : { parentId: `${id}-snap-${index}` }),
    takenAtMs: 60_000 * (index + 1),
    withMemory: index % 2 === 0,
    memoryStateMiB: index % 2 === 0 ? 2048 : 0,
    diskImageId: `${id}-img-${index}`,
    settings: { osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 40 },
  }));
  const images = [
    { id: 'source-base', hostId: 'host-1', kind: 'base' as const, allocation: 'fixed' as const, capacityMiB: 40_960, allocatedMiB: 40_960, snapshotId: 'source-snap' },
    ...Array.from({ length: snapshotCount + 1 }, (_, index) => ({
      id: `${id}-img-${index}`,
      hostId: 'host-1',
      kind: 'differencing' as const,
      allocation: 'dynamic' as const,
      parentId: index === 0 ? 'source-base' : `${id}-img-${index - 1}`,
      capacityMiB: 40_960,
      allocatedMiB: 100 * (index + 1),
      ownerMachineId: id,
      ...(index < snapshotCount ? { snapshotId: `${id}-snap-${index + 1}` } : {}),
    })),
  ];
  return {
    id,
    name: 'web-01',
    osType: 'ubuntu64',
    hostId: 'host-1',
    platformId: 'host-1-type1',
    workload: 'database',
    vcpus: 4,
    memoryMiB: 4096,
    diskGiB: 40,
    nic: { mac: '08:00:27:12:34:56', network: 'nat' },
    createdAtMs: 12_345,
    config: {
      diskAllocation: 'fixed',
      images,
      currentImageId: `${id}-img-${snapshotCount}`,
      ...(snapshotCount > 0 ? { currentSnapshotId: `${id}-snap-${snapshotCount}` } : {}),
      snapshots,
      nics: [
        { slot: 1, attachment: 'nat', networkId: 'nat-1', mac: '08:00:27:12:34:56', ipMode: 'dhcp', ip: '10.0.2.15' },
        { slot: 2, attachment: 'hostOnly', networkId: 'hostonly-1', mac: '08:00:27:AB:CD:EF', ipMode: 'static', ip: '192.168.56.10' },
        { slot: 4, attachment: 'internal', networkId: 'intnet', mac: '0A:00:27:00:00:01', ipMode: 'dhcp', ip: '172.16.0.2' },
      ],
      optical: { kind: 'iso', image: 'ubuntu-24.04-live-server-amd64.iso' },
      origin: { machineId: 'source', snapshotId: 'source-snap', mode: 'linked' },
    },
    ...overrides,
  };
}

/** The record the crash-test child writes as its `save`-th save of machine `index`; sizes vary so torn writes show. */
export function crashRecord(index: number, save: number): MachineRecord {
  const record = fullRecord(`machine-${index}`, { name: `machine ${index}`, createdAtMs: index, vcpus: 1 + (save % 64) }, 1 + (save % 7));
  const first = record.config?.snapshots[0];
  if (first) first.description = `save ${save}`;
  return record;
}

/** The save number `crashRecord` put into a record. */
export function saveNumberOf(record: MachineRecord): number {
  return Number(/^save (\d+)$/.exec(record.config?.snapshots[0]?.description ?? '')?.[1] ?? Number.NaN);
}

/** Seeded PRNG (mulberry32) so a failing random schedule can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
