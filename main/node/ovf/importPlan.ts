// The import plan of one VirtualSystem and the clamping to Virtlab's limits, with a warning for each change (as VirtualBox does).
import { machineLimits, machineNameSchema } from '../../../shared/domain/machine.ts';
import { replaceRefusedNameCharacters } from '../../../shared/domain/nameCharacters.ts';
import { nicLimits } from '../../../shared/domain/network.ts';
import type { Attachment, OpticalDrive } from '../../../shared/domain/network.ts';
import type { OsTypeId } from '../../../shared/domain/osTypes.ts';
import { applianceDiskLimits } from '../../../shared/domain/storage.ts';
import { describeCharacter, replaceUnsafe, unsafeCharacters, visible } from './displayText.ts';
import type { VirtlabSection } from './virtlabSection.ts';

export interface PlannedDisk {
  diskId: string;
  /** The capacity the file states, exactly. */
  capacityBytes: number;
  /** Rounded up to whole MiB: what the machine's configuration record keeps (64 MiB stays 64 MiB). */
  capacityMiB: number;
  /** Rounded up to whole GiB (at least 1): the size of the simulated disk when this is the first one. */
  capacityGiB: number;
  /** The package ships an image file for it; otherwise an empty disk of that capacity is created. */
  fileRef?: string;
}

export interface PlannedNic {
  slot: number;
  attachment: Attachment;
  /** Network name as the descriptor gives it (rasd:Connection). */
  connection: string;
  mac?: string;
}

export interface ImportPlan {
  /** ovf:id of the VirtualSystem. */
  sourceId: string;
  name: string;
  /** The VirtualSystemCollection (vApp) the system is in, "outer/inner" when nested; absent for a lone system. */
  group?: string;
  osType: OsTypeId;
  vcpus: number;
  memoryMiB: number;
  disks: PlannedDisk[];
  nics: PlannedNic[];
  /** null when the appliance has no optical drive. */
  optical: OpticalDrive | null;
  /** Restored from a Virtlab export. */
  virtlab?: VirtlabSection;
  /** Why this system cannot be imported (the others of the file still can), e.g. a broadcast MAC address. */
  refusal?: string;
  warnings: string[];
}

function clamp(value: number, range: { min: number; max: number }): number {
  return Math.min(range.max, Math.max(range.min, value));
}

/** Fits a plan read from a foreign descriptor into Virtlab's limits; each change is explained in `warnings`. */
export function clampPlan(plan: ImportPlan): ImportPlan {
  const warnings = [...plan.warnings];
  let name = plan.name;
  const controls = unsafeCharacters(name);
  if (controls.length > 0) {
    const cleaned = replaceUnsafe(name, '_');
    warnings.push(`Name "${visible(name)}" contains ${controls.map(describeCharacter).join(', ')}; each is replaced by "_"`);
    name = cleaned;
  }
  if (!machineNameSchema.safeParse(name).success) {
    // Cut before cleaning, so a surrogate pair split by the cut is cleaned too.
    const cut = name.trim().slice(0, machineLimits.nameMaxLength);
    const cleaned = replaceRefusedNameCharacters(cut, '_').replace(/[/\\:*?"<>|]/g, '_').trim() || `imported-${plan.sourceId}`.slice(0, machineLimits.nameMaxLength);
    warnings.push(`Name "${name}" is not a valid machine name; using "${cleaned}"`);
    name = cleaned;
  }
  const vcpus = clamp(plan.vcpus, machineLimits.vcpus);
  if (vcpus !== plan.vcpus) warnings.push(`${plan.vcpus} vCPUs requested; clamped to ${vcpus} (Virtlab allows ${machineLimits.vcpus.min} to ${machineLimits.vcpus.max})`);
  const memoryMiB = clamp(plan.memoryMiB, machineLimits.memoryMiB);
  if (memoryMiB !== plan.memoryMiB) warnings.push(`${plan.memoryMiB} MiB of memory requested; clamped to ${memoryMiB} MiB`);
  let disks = plan.disks.map((disk) => {
    const capacityGiB = clamp(disk.capacityGiB, machineLimits.diskGiB);
    if (capacityGiB !== disk.capacityGiB) warnings.push(`Disk "${disk.diskId}" of ${disk.capacityGiB} GiB clamped to ${capacityGiB} GiB`);
    const capacityMiB = Math.min(disk.capacityMiB, capacityGiB * 1024);
    return { ...disk, capacityGiB, capacityMiB };
  });
  if (disks.length > applianceDiskLimits.max) {
    warnings.push(`${disks.length} disks found; only the first ${applianceDiskLimits.max} are kept`);
    disks = disks.slice(0, applianceDiskLimits.max);
  }
  let nics = plan.nics;
  if (nics.length > nicLimits.max) {
    warnings.push(`${nics.length} network adapters found; only the first ${nicLimits.max} are kept`);
    nics = nics.slice(0, nicLimits.max);
  }
  if (nics.length === 0) {
    warnings.push('No network adapter found; one NAT adapter is added');
    nics = [{ slot: 1, attachment: 'nat', connection: 'NAT' }];
  }
  return { ...plan, name, vcpus, memoryMiB, disks, nics, warnings };
}
