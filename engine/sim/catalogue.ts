// Catalogue of the simulated world: guest OS images, per-kind labels and features, and host defaults.
import { osTypes } from '../../shared/domain/osTypes.ts';
import type { OsTypeId } from '../../shared/domain/osTypes.ts';
import { kindInfo, platformKinds } from '../../shared/domain/virtualization.ts';
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

type SimOsExtras = Omit<SimOs, 'id' | 'label' | 'isa'>;

/** Simulation-only facts per shared OS type id; keyed by OsTypeId so every OS the wizard offers has an entry. */
const simOsExtras: Readonly<Record<OsTypeId, SimOsExtras>> = {
  ubuntu64: { kernel: 'linux', imageMiB: 420, paravirtualizable: true },
  debian64: { kernel: 'linux', imageMiB: 300, paravirtualizable: true },
  fedora64: { kernel: 'linux', imageMiB: 440, paravirtualizable: true },
  alpine64: { kernel: 'linux', imageMiB: 60, paravirtualizable: true },
  windows11: { kernel: 'windows', imageMiB: 1300, paravirtualizable: false },
  windows2022: { kernel: 'windows', imageMiB: 1100, paravirtualizable: false },
  centos64: { kernel: 'linux', imageMiB: 450, paravirtualizable: true },
  rhel64: { kernel: 'linux', imageMiB: 460, paravirtualizable: true },
  linux64: { kernel: 'linux', imageMiB: 250, paravirtualizable: true },
  windows10: { kernel: 'windows', imageMiB: 1200, paravirtualizable: false },
  windows7: { kernel: 'windows', imageMiB: 900, paravirtualizable: false },
  windows2003: { kernel: 'windows', imageMiB: 500, paravirtualizable: false },
  windows2008: { kernel: 'windows', imageMiB: 800, paravirtualizable: false },
  windows2012: { kernel: 'windows', imageMiB: 950, paravirtualizable: false },
  windows2016: { kernel: 'windows', imageMiB: 1000, paravirtualizable: false },
  windows2019: { kernel: 'windows', imageMiB: 1050, paravirtualizable: false },
  freebsd64: { kernel: 'bsd', imageMiB: 260, paravirtualizable: true },
  other64: { kernel: 'none', imageMiB: 64, paravirtualizable: false },
  'ubuntu-arm64': { kernel: 'linux', imageMiB: 400, paravirtualizable: true },
  'debian-arm64': { kernel: 'linux', imageMiB: 290, paravirtualizable: true },
  'irix-mips': { kernel: 'irix', imageMiB: 90, paravirtualizable: false },
  'debian-ppc': { kernel: 'linux', imageMiB: 200, paravirtualizable: false },
  'macos9-ppc': { kernel: 'classic', imageMiB: 60, paravirtualizable: false },
  'console-6502': { kernel: 'none', imageMiB: 0, paravirtualizable: false },
};

/** The shared OS types (id, label, ISA) with the simulation's own facts; same order as the shared list. */
export const simOsCatalogue: readonly SimOs[] = osTypes.map((os) => ({ id: os.id, label: os.label, isa: os.isa, ...simOsExtras[os.id] }));

export function findSimOs(id: string): SimOs | undefined {
  return simOsCatalogue.find((os) => os.id === id);
}

export function simOsIndex(id: string): number {
  return simOsCatalogue.findIndex((os) => os.id === id);
}

/** Lower-case kind labels for use inside sentences, derived from the shared labels. */
export const kindLabels = Object.fromEntries(
  platformKinds.map((kind) => [kind, kindInfo[kind].label.charAt(0).toLowerCase() + kindInfo[kind].label.slice(1)]),
) as Readonly<Record<SimPlatformKind, string>>;

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
