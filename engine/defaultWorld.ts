// The world the engine starts with: five hosts with one platform of every kind (ids the UI and e2e rely on), a small
// cluster of Linux hosts running containers (applications are spread and rescheduled there), and a rack of ten
// identical type 1 hosts (migration, consolidation and HA are shown there).
import type { ClusterSpec, HostSpec } from './datacenter/clusterConfig.ts';
import type { HostInput, PlatformInput } from './sim/types.ts';
import { SimWorld } from './sim/world.ts';

/** Hosts and platforms (in installation order) a world is built from; every entry carries its id. */
export interface WorldDirectory {
  readonly hosts: readonly (HostInput & { readonly id: string })[];
  readonly platforms: readonly (PlatformInput & { readonly id: string })[];
  /** Where a spec naming neither platform nor host goes. */
  readonly defaultPlatformId: string;
  /** Clusters of hosts (links, shared or local storage, HA, balancing); hosts in none are standalone. */
  readonly clusters?: readonly ClusterSpec[];
  /** Per-host migration links and power profiles, when not the defaults. */
  readonly hostSpecs?: readonly HostSpec[];
}

const x86 = { isa: 'x86_64', vtx: true, nestedPaging: true } as const;
/** Hosts 6–8: Linux with a container runtime each, for applications spread across hosts. */
const clusterNodes = [1, 2, 3] as const;

/** The rack: ten identical 8-core type 1 hosts on shared storage, where migration, consolidation and HA are shown. */
export const rackHostIds = Array.from({ length: 10 }, (_, i) => `rack-${String(i + 1).padStart(2, '0')}`);
const rackName = (i: number) => `Rack ${String(i + 1).padStart(2, '0')}`;

export const defaultDirectory: WorldDirectory = {
  hosts: [
    { id: 'host-1', name: 'Atlas', ...x86, cores: 16, memoryMiB: 65_536, storageGiB: 2048 },
    { id: 'host-2', name: 'Mainframe', ...x86, cores: 16, memoryMiB: 131_072, storageGiB: 4096, nics: 4, diskControllers: 4 },
    { id: 'host-3', name: 'Hyperion', ...x86, cores: 12, memoryMiB: 49_152, storageGiB: 1024 },
    { id: 'host-4', name: 'Xenon', ...x86, cores: 12, memoryMiB: 49_152, storageGiB: 1024 },
    { id: 'host-5', name: 'Workstation', ...x86, cores: 8, memoryMiB: 32_768, storageGiB: 1024 },
    ...clusterNodes.map((n) => ({ id: `host-${5 + n}`, name: `Node ${n}`, ...x86, cores: 4, memoryMiB: 16_384, storageGiB: 256 })),
    ...rackHostIds.map((id, i) => ({ id, name: rackName(i), ...x86, cores: 8, memoryMiB: 32_768, storageGiB: 1024 })),
  ],
  platforms: [
    { id: 'esx-atlas', name: 'Atlas ESX', kind: 'type1', on: { host: 'host-1' } },
    { id: 'lpar-fw', name: 'Mainframe partitions', kind: 'type0', on: { host: 'host-2' }, controlPartition: { cores: 1, memoryMiB: 2048 } },
    { id: 'kvm-hyperion', name: 'Hyperion KVM', kind: 'type1hosted', on: { host: 'host-3' }, os: 'linux' },
    { id: 'xen-xenon', name: 'Xenon Xen', kind: 'paravirt', on: { host: 'host-4' } },
    { id: 'ws-linux', name: 'Workstation Linux', kind: 'hostOs', on: { host: 'host-5' }, os: 'linux' },
    { id: 'ws-vbox', name: 'Desktop VMM (no admin)', kind: 'type2', on: { platform: 'ws-linux' }, admin: false },
    { id: 'ws-qemu', name: 'QEMU (dynamic translation)', kind: 'emulator', on: { platform: 'ws-linux' }, mode: 'dbt' },
    { id: 'ws-jvm', name: 'Java VM', kind: 'processVm', on: { platform: 'ws-linux' } },
    { id: 'ws-lxc', name: 'LXC containers', kind: 'containers', on: { platform: 'ws-linux' } },
    ...clusterNodes.flatMap((n) => [
      { id: `node${n}-linux`, name: `Node ${n} Linux`, kind: 'hostOs', on: { host: `host-${5 + n}` }, os: 'linux' } as const,
      { id: `node${n}-containers`, name: `Node ${n} containers`, kind: 'containers', on: { platform: `node${n}-linux` } } as const,
    ]),
    ...rackHostIds.map((id, i) => ({ id: `esx-${id}`, name: `${rackName(i)} ESX`, kind: 'type1' as const, on: { host: id } })),
  ],
  defaultPlatformId: 'esx-atlas',
  clusters: [{ id: 'cluster-rack', name: 'Rack cluster', hostIds: rackHostIds }],
};

/** A fresh simulated world with every host and platform of `directory` installed, and no guests. */
export function buildWorld(seed: number, directory: WorldDirectory = defaultDirectory, capacity = 64): SimWorld {
  const world = new SimWorld(seed, { capacity });
  for (const host of directory.hosts) world.addHost(host);
  for (const platform of directory.platforms) world.addPlatform(platform);
  return world;
}
