// Writes a machine library of many machines for the UI benches (faster than creating them one by one through the API).
import { randomUUID } from 'node:crypto';
import { MachineLibrary } from '../../main/node/library/machineLibrary.ts';
import type { MachineRecord } from '../../shared/domain/machineRecord.ts';
import type { WorkloadName } from '../../shared/domain/virtualization.ts';

/** Shared platforms with their hosts; dedicated (type 0) and host-OS platforms take no bench guests. */
const platforms = [
  { platformId: 'esx-atlas', hostId: 'host-1' },
  { platformId: 'kvm-hyperion', hostId: 'host-3' },
  { platformId: 'xen-xenon', hostId: 'host-4' },
  { platformId: 'ws-vbox', hostId: 'host-5' },
  { platformId: 'ws-qemu', hostId: 'host-5' },
  { platformId: 'ws-jvm', hostId: 'host-5' },
  { platformId: 'ws-lxc', hostId: 'host-5' },
];
const workloads: WorkloadName[] = ['web', 'database', 'compile', 'bursty', 'idle', 'cpuBatch'];
const osTypes = ['debian64', 'ubuntu64', 'alpine64', 'fedora64'];

/**
 * One fixed address per machine when they must all run at once: the four /24 networks' DHCP pools hold fewer than a
 * thousand leases, so bench machines take static addresses (gateway and DHCP server addresses skipped).
 */
const staticAddresses = [
  { attachment: 'internal', networkId: 'intnet', prefix: '10.10.0.', reserved: [1, 2] },
  { attachment: 'bridged', networkId: 'lan', prefix: '192.168.1.', reserved: [1] },
  { attachment: 'hostOnly', networkId: 'vboxnet0', prefix: '192.168.56.', reserved: [1, 100] },
  { attachment: 'nat', networkId: 'natnet', prefix: '10.0.2.', reserved: [1, 2, 3] },
].flatMap(({ attachment, networkId, prefix, reserved }) =>
  Array.from({ length: 253 }, (_, i) => i + 2)
    .filter((host) => !reserved.includes(host))
    .map((host) => ({ attachment, networkId, ip: `${prefix}${host}` })),
);

const mac = (n: number): string => `08:00:27:${[(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':')}`;

export interface BenchLibraryOptions {
  /** Give every machine its own static address so all can run at once (at most ~1,000). */
  readonly runnable?: boolean;
  /** Spread machines over nested groups (lab-N/team-M). */
  readonly grouped?: boolean;
}

export function benchRecords(count: number, options: BenchLibraryOptions = {}): MachineRecord[] {
  if (options.runnable && count > staticAddresses.length) throw new Error(`at most ${staticAddresses.length} runnable bench machines`);
  return Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    const place = platforms[i % platforms.length]!;
    const address = staticAddresses[i];
    // NAT networks are per host ("natnet" is the first host's): each machine's adapter is on its own host's.
    const natnet = place.hostId === 'host-1' ? 'natnet' : `natnet-${place.hostId}`;
    const networkId = address?.networkId === 'natnet' ? natnet : address?.networkId;
    const nic = options.runnable && address && networkId
      ? { slot: 1, attachment: address.attachment as 'nat', networkId, mac: mac(i + 1), ipMode: 'static' as const, ip: address.ip }
      : { slot: 1, attachment: 'nat' as const, networkId: natnet, mac: mac(i + 1), ipMode: 'dhcp' as const, ip: '' };
    const record: MachineRecord = {
      id,
      name: `vm-${String(i).padStart(5, '0')}`,
      osType: osTypes[i % osTypes.length]!,
      hostId: place.hostId,
      platformId: place.platformId,
      workload: workloads[i % workloads.length]!,
      vcpus: 1,
      memoryMiB: 256,
      diskGiB: 1,
      nic: { mac: nic.mac, network: nic.attachment },
      createdAtMs: i,
      config: {
        diskAllocation: 'dynamic',
        images: [{ id: `img-${id}`, hostId: place.hostId, kind: 'base', allocation: 'dynamic', capacityMiB: 1024, allocatedMiB: 64, ownerMachineId: id }],
        currentImageId: `img-${id}`,
        snapshots: [],
        nics: [nic],
        optical: { kind: 'empty' },
      },
    };
    if (options.grouped) record.group = `lab-${i % 20}/team-${i % 5}`;
    if (i % 7 === 0) record.tags = ['bench', i % 2 === 0 ? 'even' : 'odd'];
    if (i % 11 === 0) record.owner = `owner-${i % 13}`;
    return record;
  });
}

export async function writeBenchLibrary(dir: string, count: number, options: BenchLibraryOptions = {}): Promise<void> {
  const library = await MachineLibrary.open(dir);
  try {
    await library.sync(benchRecords(count, options));
  } finally {
    await library.close();
  }
}
