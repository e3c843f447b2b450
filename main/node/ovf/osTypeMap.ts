// Maps Virtlab OS types to CIM OperatingSystem ids and VirtualBox OSType names, and back from CIM, VirtualBox and VMware ids.
import type { OsTypeId } from '../../../shared/domain/osTypes.ts';

interface OsMapping {
  /** CIM_OperatingSystem.OSType (DSP1041; the values VirtualBox's ovfreader.h lists); 1 = Other where CIM has none. */
  readonly cim: number;
  readonly vbox: string;
}

export const osTypeMappings: Readonly<Record<OsTypeId, OsMapping>> = {
  ubuntu64: { cim: 94, vbox: 'Ubuntu_64' },
  debian64: { cim: 96, vbox: 'Debian_64' },
  fedora64: { cim: 101, vbox: 'Fedora_64' },
  alpine64: { cim: 101, vbox: 'Linux26_64' },
  centos64: { cim: 107, vbox: 'RedHat_64' },
  rhel64: { cim: 80, vbox: 'RedHat_64' },
  linux64: { cim: 101, vbox: 'Linux26_64' },
  windows11: { cim: 120, vbox: 'Windows11_64' },
  windows10: { cim: 120, vbox: 'Windows10_64' },
  windows7: { cim: 105, vbox: 'Windows7' },
  windows2003: { cim: 69, vbox: 'Windows2003' },
  windows2008: { cim: 77, vbox: 'Windows2008_64' },
  windows2012: { cim: 112, vbox: 'Windows2012_64' },
  windows2016: { cim: 118, vbox: 'Windows2016_64' },
  windows2019: { cim: 118, vbox: 'Windows2019_64' },
  windows2022: { cim: 118, vbox: 'Windows2022_64' },
  freebsd64: { cim: 78, vbox: 'FreeBSD_64' },
  other64: { cim: 102, vbox: 'Other_64' },
  'ubuntu-arm64': { cim: 1, vbox: 'Ubuntu_arm64' },
  'debian-arm64': { cim: 1, vbox: 'Debian_arm64' },
  'irix-mips': { cim: 1, vbox: 'Other' },
  'debian-ppc': { cim: 1, vbox: 'Other' },
  'macos9-ppc': { cim: 1, vbox: 'Other' },
  'console-6502': { cim: 1, vbox: 'Other' },
};

type Rule = readonly [RegExp, OsTypeId];

/**
 * VirtualBox OSType ids (Global.cpp), lower-cased: versioned ones (Debian12_64, RedHat9_64, Ubuntu24_LTS_64) too.
 * 32-bit variants land on the closest type Virtlab offers, as the catalogue has few 32-bit entries.
 */
const vboxRules: readonly Rule[] = [
  [/^ubuntu.*arm64$/, 'ubuntu-arm64'],
  [/^debian.*arm64$/, 'debian-arm64'],
  [/^ubuntu/, 'ubuntu64'],
  [/^debian/, 'debian64'],
  [/^fedora/, 'fedora64'],
  [/^(redhat|oracle)/, 'rhel64'],
  [/^(linux(2[246])?(_64)?|opensuse.*|suse.*|mandriva.*|gentoo.*|archlinux.*|turbolinux.*|xandros.*)$/, 'linux64'],
  [/^freebsd/, 'freebsd64'],
  [/^windows2003/, 'windows2003'],
  [/^windows2008/, 'windows2008'],
  [/^windows2012/, 'windows2012'],
  [/^windows2016/, 'windows2016'],
  [/^windows2019/, 'windows2019'],
  [/^windows20(22|25)/, 'windows2022'],
  [/^windows11/, 'windows11'],
  [/^windows10/, 'windows10'],
  [/^windows7/, 'windows7'],
  [/^other(_64)?$/, 'other64'],
];

/** VMware guest ids (vmw:osType, vSphere GuestOsIdentifier), lower-cased and without "Guest" (otherGuest64 too). */
const vmwareRules: readonly Rule[] = [
  [/^ubuntu/, 'ubuntu64'],
  [/^debian/, 'debian64'],
  [/^fedora/, 'fedora64'],
  [/^centos/, 'centos64'],
  [/^(rhel|oraclelinux|almalinux|rockylinux)/, 'rhel64'],
  [/^(other(\d+x|2[46]x)?linux|sles|opensuse|suse|asianux|photon|mandr|turbolinux|nld|amazonlinux|vmwarephoton)/, 'linux64'],
  [/^freebsd/, 'freebsd64'],
  [/^winnet/, 'windows2003'],
  [/^(winlonghorn|windows7server)/, 'windows2008'],
  [/^windows8server/, 'windows2012'],
  [/^windows9server/, 'windows2016'],
  [/^windows2019srv_64$/, 'windows2019'],
  [/^windows20(19|22)srvnext/, 'windows2022'],
  [/^windows1[12]_64$/, 'windows11'],
  [/^windows9(_64)?$/, 'windows10'],
  [/^windows7(_64)?$/, 'windows7'],
  [/^other(64)?$/, 'other64'],
];

/** CIM ids with one clear Virtlab type (ids from the VirtualBox list in ovfreader.h). */
const fromCim: Readonly<Record<number, OsTypeId>> = {
  36: 'linux64',
  42: 'freebsd64',
  69: 'windows2003',
  70: 'windows2003',
  76: 'windows2008',
  77: 'windows2008',
  78: 'freebsd64',
  79: 'rhel64',
  80: 'rhel64',
  93: 'ubuntu64',
  94: 'ubuntu64',
  95: 'debian64',
  96: 'debian64',
  97: 'linux64',
  98: 'linux64',
  99: 'linux64',
  100: 'linux64',
  101: 'linux64',
  102: 'other64',
  103: 'windows2008',
  105: 'windows7',
  106: 'centos64',
  107: 'centos64',
  108: 'rhel64',
  109: 'rhel64',
  112: 'windows2012',
  115: 'windows2012',
  118: 'windows2016',
  119: 'windows10',
  120: 'windows10',
};

export interface OsHints {
  cimId?: string | undefined;
  vboxType?: string | undefined;
  vmwareType?: string | undefined;
  description?: string | undefined;
}

export interface OsResolution {
  osType: OsTypeId;
  warning?: string;
}

const match = (rules: readonly Rule[], id: string | undefined): OsTypeId | undefined => (id === undefined ? undefined : rules.find(([pattern]) => pattern.test(id))?.[1]);

/**
 * Most specific hint first, as VirtualBox does: its own OSType (also the way VirtualBox repeats it in Description),
 * then VMware's guest id, then the CIM id.
 */
export function resolveOsType(hints: OsHints): OsResolution {
  const vbox = hints.vboxType?.trim().toLowerCase();
  const vmware = hints.vmwareType?.trim().toLowerCase().replace('guest', '');
  const description = hints.description?.trim().toLowerCase();
  const cim = hints.cimId === undefined ? undefined : Number(hints.cimId);
  const found =
    match(vboxRules, vbox) ??
    match(vmwareRules, vmware) ??
    (cim !== undefined && Number.isInteger(cim) ? fromCim[cim] : undefined) ??
    // VirtualBox writes its OSType id as the Description when it leaves out vbox:OSType (OVF 2.0 files).
    (description !== undefined && /^[a-z0-9_]+$/.test(description) ? match(vboxRules, description) : undefined);
  if (found) return { osType: found };
  const shown = hints.vboxType ?? hints.vmwareType ?? hints.description ?? (hints.cimId ? `CIM OS id ${hints.cimId}` : 'none given');
  return { osType: 'other64', warning: `OS type "${shown}" is not known to Virtlab; using Other (64-bit)` };
}
