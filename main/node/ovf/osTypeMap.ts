// Maps Virtlab OS types to CIM OperatingSystem ids and VirtualBox OSType names, and back when importing.
import type { OsTypeId } from '../../../shared/domain/osTypes.ts';

interface OsMapping {
  /** CIM_OperatingSystem.OSType value VirtualBox writes (1 = Other when CIM has no matching entry). */
  readonly cim: number;
  readonly vbox: string;
}

export const osTypeMappings: Readonly<Record<OsTypeId, OsMapping>> = {
  ubuntu64: { cim: 94, vbox: 'Ubuntu_64' },
  debian64: { cim: 96, vbox: 'Debian_64' },
  fedora64: { cim: 101, vbox: 'Fedora_64' },
  alpine64: { cim: 101, vbox: 'Linux26_64' },
  windows11: { cim: 113, vbox: 'Windows11_64' },
  windows2022: { cim: 112, vbox: 'Windows2022_64' },
  freebsd64: { cim: 78, vbox: 'FreeBSD_64' },
  other64: { cim: 102, vbox: 'Other_64' },
  'ubuntu-arm64': { cim: 1, vbox: 'Ubuntu_arm64' },
  'debian-arm64': { cim: 1, vbox: 'Debian_arm64' },
  'irix-mips': { cim: 1, vbox: 'Other' },
  'debian-ppc': { cim: 1, vbox: 'Other' },
  'macos9-ppc': { cim: 1, vbox: 'Other' },
  'console-6502': { cim: 1, vbox: 'Other' },
};

/** VirtualBox OSType names seen in the wild (32-bit variants land on the 64-bit type Virtlab offers). */
const fromVbox: Readonly<Record<string, OsTypeId>> = {
  ubuntu_64: 'ubuntu64',
  ubuntu: 'ubuntu64',
  debian_64: 'debian64',
  debian: 'debian64',
  fedora_64: 'fedora64',
  fedora: 'fedora64',
  freebsd_64: 'freebsd64',
  freebsd: 'freebsd64',
  windows11_64: 'windows11',
  windows2022_64: 'windows2022',
  other_64: 'other64',
  ubuntu_arm64: 'ubuntu-arm64',
  debian_arm64: 'debian-arm64',
};

/** CIM ids with an unambiguous Virtlab type. */
const fromCim: Readonly<Record<number, OsTypeId>> = {
  93: 'ubuntu64',
  94: 'ubuntu64',
  95: 'debian64',
  96: 'debian64',
  42: 'freebsd64',
  78: 'freebsd64',
  102: 'other64',
};

/** VMware guest ids (vmw:osType) with an unambiguous Virtlab type. */
const fromVmware: Readonly<Record<string, OsTypeId>> = {
  ubuntu64guest: 'ubuntu64',
  freebsd64guest: 'freebsd64',
  fedora64guest: 'fedora64',
  windows11_64guest: 'windows11',
  windows2019srvnext_64guest: 'windows2022',
  other64guest: 'other64',
};

export interface OsHints {
  cimId?: string;
  vboxType?: string;
  vmwareType?: string;
  description?: string;
}

export interface OsResolution {
  osType: OsTypeId;
  warning?: string;
}

/** Most specific hint first, as VirtualBox does: its own OSType, then VMware's, then the CIM id. */
export function resolveOsType(hints: OsHints): OsResolution {
  const vbox = hints.vboxType?.trim().toLowerCase();
  if (vbox && fromVbox[vbox]) return { osType: fromVbox[vbox] };
  if (vbox?.startsWith('debian')) return { osType: 'debian64' };
  const vmware = hints.vmwareType?.trim().toLowerCase();
  if (vmware && fromVmware[vmware]) return { osType: fromVmware[vmware] };
  if (vmware?.startsWith('debian') && vmware.includes('64')) return { osType: 'debian64' };
  const cim = hints.cimId === undefined ? undefined : Number(hints.cimId);
  if (cim !== undefined && Number.isInteger(cim) && fromCim[cim]) return { osType: fromCim[cim] };
  const shown = hints.vboxType ?? hints.vmwareType ?? hints.description ?? (hints.cimId ? `CIM OS id ${hints.cimId}` : 'none given');
  return { osType: 'other64', warning: `OS type "${shown}" is not known to Virtlab; using Other (64-bit)` };
}
