// Catalogue of guest OS types with the recommended defaults the New Machine wizard offers.
import { z } from 'zod';
import type { Isa } from './virtualization.ts';

export interface OsType {
  readonly id: string;
  readonly label: string;
  readonly family: 'Linux' | 'Windows' | 'BSD' | 'Classic' | 'Other';
  /** Instruction set the OS is built for; a different host ISA needs an emulator. */
  readonly isa: Isa;
  readonly recommended: { readonly vcpus: number; readonly memoryMiB: number; readonly diskGiB: number };
}

export const osTypes = [
  { id: 'ubuntu64', label: 'Ubuntu (64-bit)', family: 'Linux', isa: 'x86_64', recommended: { vcpus: 2, memoryMiB: 2048, diskGiB: 25 } },
  { id: 'debian64', label: 'Debian (64-bit)', family: 'Linux', isa: 'x86_64', recommended: { vcpus: 1, memoryMiB: 1024, diskGiB: 20 } },
  { id: 'fedora64', label: 'Fedora (64-bit)', family: 'Linux', isa: 'x86_64', recommended: { vcpus: 2, memoryMiB: 2048, diskGiB: 25 } },
  { id: 'alpine64', label: 'Alpine Linux (64-bit)', family: 'Linux', isa: 'x86_64', recommended: { vcpus: 1, memoryMiB: 256, diskGiB: 2 } },
  { id: 'windows11', label: 'Windows 11 (64-bit)', family: 'Windows', isa: 'x86_64', recommended: { vcpus: 2, memoryMiB: 4096, diskGiB: 80 } },
  { id: 'windows2022', label: 'Windows Server 2022 (64-bit)', family: 'Windows', isa: 'x86_64', recommended: { vcpus: 2, memoryMiB: 4096, diskGiB: 50 } },
  { id: 'centos64', label: 'CentOS (64-bit)', family: 'Linux', isa: 'x86_64', recommended: { vcpus: 1, memoryMiB: 2048, diskGiB: 20 } },
  { id: 'rhel64', label: 'Red Hat Enterprise Linux (64-bit)', family: 'Linux', isa: 'x86_64', recommended: { vcpus: 2, memoryMiB: 2048, diskGiB: 20 } },
  { id: 'linux64', label: 'Other Linux (64-bit)', family: 'Linux', isa: 'x86_64', recommended: { vcpus: 1, memoryMiB: 1024, diskGiB: 16 } },
  { id: 'windows10', label: 'Windows 10 (64-bit)', family: 'Windows', isa: 'x86_64', recommended: { vcpus: 2, memoryMiB: 2048, diskGiB: 50 } },
  { id: 'windows7', label: 'Windows 7', family: 'Windows', isa: 'x86_64', recommended: { vcpus: 1, memoryMiB: 1024, diskGiB: 32 } },
  { id: 'windows2003', label: 'Windows Server 2003', family: 'Windows', isa: 'x86_64', recommended: { vcpus: 1, memoryMiB: 512, diskGiB: 20 } },
  { id: 'windows2008', label: 'Windows Server 2008 / 2008 R2 (64-bit)', family: 'Windows', isa: 'x86_64', recommended: { vcpus: 1, memoryMiB: 2048, diskGiB: 32 } },
  { id: 'windows2012', label: 'Windows Server 2012 / 2012 R2 (64-bit)', family: 'Windows', isa: 'x86_64', recommended: { vcpus: 2, memoryMiB: 2048, diskGiB: 32 } },
  { id: 'windows2016', label: 'Windows Server 2016 (64-bit)', family: 'Windows', isa: 'x86_64', recommended: { vcpus: 2, memoryMiB: 2048, diskGiB: 32 } },
  { id: 'windows2019', label: 'Windows Server 2019 (64-bit)', family: 'Windows', isa: 'x86_64', recommended: { vcpus: 2, memoryMiB: 2048, diskGiB: 32 } },
  { id: 'freebsd64', label: 'FreeBSD (64-bit)', family: 'BSD', isa: 'x86_64', recommended: { vcpus: 1, memoryMiB: 1024, diskGiB: 16 } },
  { id: 'other64', label: 'Other (64-bit)', family: 'Other', isa: 'x86_64', recommended: { vcpus: 1, memoryMiB: 512, diskGiB: 8 } },
  { id: 'ubuntu-arm64', label: 'Ubuntu (ARM64)', family: 'Linux', isa: 'arm64', recommended: { vcpus: 2, memoryMiB: 2048, diskGiB: 25 } },
  { id: 'debian-arm64', label: 'Debian (ARM64)', family: 'Linux', isa: 'arm64', recommended: { vcpus: 1, memoryMiB: 1024, diskGiB: 20 } },
  { id: 'irix-mips', label: 'IRIX 6.5 (MIPS)', family: 'Other', isa: 'mips', recommended: { vcpus: 1, memoryMiB: 256, diskGiB: 4 } },
  { id: 'debian-ppc', label: 'Debian (PowerPC)', family: 'Linux', isa: 'ppc', recommended: { vcpus: 1, memoryMiB: 512, diskGiB: 8 } },
  { id: 'macos9-ppc', label: 'Mac OS 9 (PowerPC)', family: 'Classic', isa: 'ppc', recommended: { vcpus: 1, memoryMiB: 256, diskGiB: 2 } },
  { id: 'console-6502', label: '8-bit console (6502)', family: 'Other', isa: '6502', recommended: { vcpus: 1, memoryMiB: 4, diskGiB: 1 } },
] as const satisfies readonly OsType[];

export type OsTypeId = (typeof osTypes)[number]['id'];
export const osTypeIds = osTypes.map((os) => os.id) as [OsTypeId, ...OsTypeId[]];
export const osTypeIdSchema = z.enum(osTypeIds, { error: 'Choose an OS type from the list' });

export function findOsType(id: string): OsType | undefined {
  return osTypes.find((os) => os.id === id);
}
