// Catalogue of the simulated world: guest OS images, per-kind labels and features, and host defaults.
import type { HostInput, HostModel, SimIsa, SimPlatformKind } from './types.ts';

export interface SimOs {
  readonly id: string;
  readonly label: string;
  readonly isa: SimIsa;
  /** Kernel family; containers must match the host OS kernel. */
  readonly kernel: 'linux' | 'windows' | 'bsd' | 'macos' | 'irix' | 'classic' | 'none';
  /** Pages of the OS image identical in every guest booted from it: what content-based sharing can merge. */
  readonly imageMiB: number;
  /** Source is available to modify for paravirtualization (Xen-style PV). */
  readonly paravirtualizable: boolean;
}

export const simOsCatalogue: readonly SimOs[] = [
  { id: 'ubuntu64', label: 'Ubuntu (64-bit)', isa: 'x86_64', kernel: 'linux', imageMiB: 420, paravirtualizable: true },
  { id: 'debian64', label: 'Debian (64-bit)', isa: 'x86_64', kernel: 'linux', imageMiB: 300, paravirtualizable: true },
  { id: 'fedora64', label: 'Fedora (64-bit)', isa: 'x86_64', kernel: 'linux', imageMiB: 440, paravirtualizable: true },
  { id: 'alpine64', label: 'Alpine Linux (64-bit)', isa: 'x86_64', kernel: 'linux', imageMiB: 60, paravirtualizable: true },
  { id: 'windows11', label: 'Windows 11 (64-bit)', isa: 'x86_64', kernel: 'windows', imageMiB: 1300, paravirtualizable: false },
  { id: 'windows2022', label: 'Windows Server 2022', isa: 'x86_64', kernel: 'windows', imageMiB: 1100, paravirtualizable: false },
  { id: 'freebsd64', label: 'FreeBSD (64-bit)', isa: 'x86_64', kernel: 'bsd', imageMiB: 260, paravirtualizable: true },
  { id: 'other64', label: 'Other (64-bit)', isa: 'x86_64', kernel: 'none', imageMiB: 64, paravirtualizable: false },
  { id: 'ubuntu-arm64', label: 'Ubuntu (ARM64)', isa: 'arm64', kernel: 'linux', imageMiB: 400, paravirtualizable: true },
  { id: 'debian-arm64', label: 'Debian (ARM64)', isa: 'arm64', kernel: 'linux', imageMiB: 290, paravirtualizable: true },
  { id: 'irix-mips', label: 'IRIX 6.5 (MIPS)', isa: 'mips', kernel: 'irix', imageMiB: 90, paravirtualizable: false },
  { id: 'debian-ppc', label: 'Debian (PowerPC)', isa: 'ppc', kernel: 'linux', imageMiB: 200, paravirtualizable: false },
  { id: 'macos9-ppc', label: 'Mac OS 9 (PowerPC)', isa: 'ppc', kernel: 'classic', imageMiB: 60, paravirtualizable: false },
  { id: 'console-6502', label: '8-bit console (6502)', isa: '6502', kernel: 'none', imageMiB: 0, paravirtualizable: false },
];

export function findSimOs(id: string): SimOs | undefined {
  return simOsCatalogue.find((os) => os.id === id);
}

export function simOsIndex(id: string): number {
  return simOsCatalogue.findIndex((os) => os.id === id);
}

export const kindLabels: Readonly<Record<SimPlatformKind, string>> = {
  type0: 'type 0 (firmware partitions)',
  type1: 'type 1 (bare metal)',
  type1hosted: 'type 1 hosted-OS (KVM-like)',
  hostOs: 'host OS',
  type2: 'type 2 (application VMM)',
  paravirt: 'paravirtualization (Xen-like)',
  emulator: 'emulator',
  processVm: 'process VM (JVM-like)',
  containers: 'containers',
};

/** What each kind can do; the fit check and the resource managers read this, never the kind name. */
export interface KindFeatures {
  /** Runs directly on hardware or in a partition, owning it (at most one per host or partition). */
  readonly bareMetal: boolean;
  /** Needs a host OS platform underneath (it is an application). */
  readonly needsHostOs: boolean;
  /** Can run guests (hostOs itself runs only its own processes). */
  readonly hostsGuests: boolean;
  readonly dedicatedResources: boolean;
  readonly reservations: boolean;
  readonly ballooning: boolean;
  readonly pageSharing: boolean;
  /** Hypervisor (or host OS) swapping of guest memory. */
  readonly swapping: boolean;
  readonly passthrough: boolean;
  /** Guest ISA may differ from the host's. */
  readonly crossIsa: boolean;
  readonly defaultIo: 'native' | 'emulated' | 'paravirtual' | 'controlPartition';
}

const base: KindFeatures = {
  bareMetal: false,
  needsHostOs: false,
  hostsGuests: true,
  dedicatedResources: false,
  reservations: false,
  ballooning: false,
  pageSharing: false,
  swapping: true,
  passthrough: false,
  crossIsa: false,
  defaultIo: 'native',
};

export const kindFeatures: Readonly<Record<SimPlatformKind, KindFeatures>> = {
  type0: { ...base, bareMetal: true, dedicatedResources: true, swapping: false, passthrough: true, defaultIo: 'controlPartition' },
  type1: { ...base, bareMetal: true, reservations: true, ballooning: true, pageSharing: true, passthrough: true, defaultIo: 'paravirtual' },
  // A general-purpose OS with a VMM module: KSM-style sharing and ballooning, but no CPU reservations.
  type1hosted: { ...base, bareMetal: true, ballooning: true, pageSharing: true, passthrough: true, defaultIo: 'paravirtual' },
  hostOs: { ...base, bareMetal: true, hostsGuests: false },
  type2: { ...base, needsHostOs: true, defaultIo: 'emulated' },
  // Xen-style: modified guests, I/O through shared rings to the driver domain; no transparent page sharing.
  paravirt: { ...base, bareMetal: true, reservations: true, ballooning: true, passthrough: true, defaultIo: 'paravirtual' },
  emulator: { ...base, needsHostOs: true, crossIsa: true, defaultIo: 'emulated' },
  processVm: { ...base, needsHostOs: true },
  containers: { ...base, needsHostOs: true },
};

export function resolveHost(input: HostInput): HostModel {
  return {
    name: input.name,
    isa: input.isa ?? 'x86_64',
    cores: input.cores ?? 16,
    memoryMiB: input.memoryMiB ?? 65_536,
    storageGiB: input.storageGiB ?? 2048,
    vtx: input.vtx ?? true,
    nestedPaging: input.nestedPaging ?? true,
    nics: input.nics ?? 2,
    diskControllers: input.diskControllers ?? 2,
  };
}
