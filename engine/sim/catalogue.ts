// Catalogue of the simulated world: guest OS images (ISA, kernel, shareable pages) and host defaults.
import { osTypes } from '../../shared/domain/osTypes.ts';
import type { OsTypeId } from '../../shared/domain/osTypes.ts';
import type { HostInput, HostModel, SimIsa } from './types.ts';

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
  /**
   * How the OS answers the ACPI power button: shuts down, ignores it while programs keep it busy (they block the
   * shutdown), or has no ACPI support at all (firmware without ACPI tables, pre-ACPI systems).
   */
  readonly acpi: 'yes' | 'idleOnly' | 'no';
}

type SimOsExtras = Omit<SimOs, 'id' | 'label' | 'isa'>;

/** Simulation-only facts per shared OS type id; keyed by OsTypeId so every OS the wizard offers has an entry. */
const simOsExtras: Readonly<Record<OsTypeId, SimOsExtras>> = {
  ubuntu64: { kernel: 'linux', imageMiB: 420, paravirtualizable: true, acpi: 'yes' },
  debian64: { kernel: 'linux', imageMiB: 300, paravirtualizable: true, acpi: 'yes' },
  fedora64: { kernel: 'linux', imageMiB: 440, paravirtualizable: true, acpi: 'yes' },
  alpine64: { kernel: 'linux', imageMiB: 60, paravirtualizable: true, acpi: 'yes' },
  windows11: { kernel: 'windows', imageMiB: 1300, paravirtualizable: false, acpi: 'idleOnly' },
  windows2022: { kernel: 'windows', imageMiB: 1100, paravirtualizable: false, acpi: 'idleOnly' },
  centos64: { kernel: 'linux', imageMiB: 450, paravirtualizable: true, acpi: 'yes' },
  rhel64: { kernel: 'linux', imageMiB: 460, paravirtualizable: true, acpi: 'yes' },
  linux64: { kernel: 'linux', imageMiB: 250, paravirtualizable: true, acpi: 'yes' },
  windows10: { kernel: 'windows', imageMiB: 1200, paravirtualizable: false, acpi: 'idleOnly' },
  windows7: { kernel: 'windows', imageMiB: 900, paravirtualizable: false, acpi: 'idleOnly' },
  windows2003: { kernel: 'windows', imageMiB: 500, paravirtualizable: false, acpi: 'idleOnly' },
  windows2008: { kernel: 'windows', imageMiB: 800, paravirtualizable: false, acpi: 'idleOnly' },
  windows2012: { kernel: 'windows', imageMiB: 950, paravirtualizable: false, acpi: 'idleOnly' },
  windows2016: { kernel: 'windows', imageMiB: 1000, paravirtualizable: false, acpi: 'idleOnly' },
  windows2019: { kernel: 'windows', imageMiB: 1050, paravirtualizable: false, acpi: 'idleOnly' },
  freebsd64: { kernel: 'bsd', imageMiB: 260, paravirtualizable: true, acpi: 'yes' },
  other64: { kernel: 'none', imageMiB: 64, paravirtualizable: false, acpi: 'yes' },
  'ubuntu-arm64': { kernel: 'linux', imageMiB: 400, paravirtualizable: true, acpi: 'yes' },
  'debian-arm64': { kernel: 'linux', imageMiB: 290, paravirtualizable: true, acpi: 'yes' },
  'irix-mips': { kernel: 'irix', imageMiB: 90, paravirtualizable: false, acpi: 'no' },
  'debian-ppc': { kernel: 'linux', imageMiB: 200, paravirtualizable: false, acpi: 'yes' },
  'macos9-ppc': { kernel: 'classic', imageMiB: 60, paravirtualizable: false, acpi: 'no' },
  'console-6502': { kernel: 'none', imageMiB: 0, paravirtualizable: false, acpi: 'no' },
};

/** The shared OS types (id, label, ISA) with the simulation's own facts; same order as the shared list. */
export const simOsCatalogue: readonly SimOs[] = osTypes.map((os) => ({ id: os.id, label: os.label, isa: os.isa, ...simOsExtras[os.id] }));

export function findSimOs(id: string): SimOs | undefined {
  return simOsCatalogue.find((os) => os.id === id);
}

export function simOsIndex(id: string): number {
  return simOsCatalogue.findIndex((os) => os.id === id);
}

export function resolveHost(input: HostInput): HostModel {
  return {
    id: input.id ?? input.name,
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
