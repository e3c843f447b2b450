// The world the engine starts with: five hosts and one platform of every kind, with the ids the UI and e2e rely on.
import type { PlatformKind } from '../shared/domain/virtualization.ts';
import type { HostInput, PlatformInput } from './sim/types.ts';
import { SimWorld } from './sim/world.ts';

/** A host as the contract names it, and the name it has inside the simulation. */
export interface HostEntry {
  readonly id: string;
  readonly name: string;
  /** Operating system on the hardware, when a host OS (or hosted-OS hypervisor) runs there. */
  readonly hostOs?: string;
  readonly sim: HostInput;
}

/** A platform as the contract names it; `sim` is its definition inside the simulation (named by `name`). */
export interface PlatformEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: PlatformKind;
  readonly hostId: string;
  readonly parentPlatformId?: string;
  readonly sim: PlatformInput;
}

export interface WorldDirectory {
  readonly hosts: readonly HostEntry[];
  /** In installation order; a host's first platform that accepts guests is its default. */
  readonly platforms: readonly PlatformEntry[];
  /** Where a spec naming neither platform nor host goes. */
  readonly defaultPlatformId: string;
}

const x86 = { isa: 'x86_64', vtx: true, nestedPaging: true } as const;

const hosts: readonly HostEntry[] = [
  { id: 'host-1', name: 'Atlas', sim: { name: 'Atlas', ...x86, cores: 16, memoryMiB: 65_536, storageGiB: 2048 } },
  { id: 'host-2', name: 'Mainframe', sim: { name: 'Mainframe', ...x86, cores: 16, memoryMiB: 131_072, storageGiB: 4096, nics: 4, diskControllers: 4 } },
  { id: 'host-3', name: 'Hyperion', hostOs: 'Linux', sim: { name: 'Hyperion', ...x86, cores: 12, memoryMiB: 49_152, storageGiB: 1024 } },
  { id: 'host-4', name: 'Xenon', sim: { name: 'Xenon', ...x86, cores: 12, memoryMiB: 49_152, storageGiB: 1024 } },
  { id: 'host-5', name: 'Workstation', hostOs: 'Linux', sim: { name: 'Workstation', ...x86, cores: 8, memoryMiB: 32_768, storageGiB: 1024 } },
];

function platform(id: string, name: string, kind: PlatformKind, hostId: string, on: PlatformInput['on'], extra: Partial<PlatformInput> = {}, parentPlatformId?: string): PlatformEntry {
  const entry = { id, name, kind, hostId, sim: { ...extra, name, kind, on } };
  return parentPlatformId === undefined ? entry : { ...entry, parentPlatformId };
}

const onWorkstationOs = { platform: 'Workstation Linux' };

const platforms: readonly PlatformEntry[] = [
  platform('esx-atlas', 'Atlas ESX', 'type1', 'host-1', { host: 'Atlas' }),
  platform('lpar-fw', 'Mainframe partitions', 'type0', 'host-2', { host: 'Mainframe' }, { controlPartition: { cores: 1, memoryMiB: 2048 } }),
  platform('kvm-hyperion', 'Hyperion KVM', 'type1hosted', 'host-3', { host: 'Hyperion' }, { os: 'linux' }),
  platform('xen-xenon', 'Xenon Xen', 'paravirt', 'host-4', { host: 'Xenon' }),
  platform('ws-linux', 'Workstation Linux', 'hostOs', 'host-5', { host: 'Workstation' }, { os: 'linux' }),
  platform('ws-vbox', 'Desktop VMM (no admin)', 'type2', 'host-5', onWorkstationOs, { admin: false }, 'ws-linux'),
  platform('ws-qemu', 'QEMU (dynamic translation)', 'emulator', 'host-5', onWorkstationOs, { mode: 'dbt' }, 'ws-linux'),
  platform('ws-jvm', 'Java VM', 'processVm', 'host-5', onWorkstationOs, {}, 'ws-linux'),
  platform('ws-lxc', 'LXC containers', 'containers', 'host-5', onWorkstationOs, {}, 'ws-linux'),
];

export const defaultDirectory: WorldDirectory = { hosts, platforms, defaultPlatformId: 'esx-atlas' };

/** A fresh simulated world with every host and platform of `directory` installed, and no guests. */
export function buildWorld(seed: number, directory: WorldDirectory = defaultDirectory, capacity = 64): SimWorld {
  const world = new SimWorld(seed, { capacity });
  for (const host of directory.hosts) world.addHost(host.sim);
  for (const entry of directory.platforms) world.addPlatform(entry.sim);
  return world;
}
