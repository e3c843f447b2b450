// Sentences that say why a disk takes the space it takes: a new one before creation, an existing one in the details.
import { findOsType } from '../../shared/domain/osTypes.ts';
import type { DiskAllocation } from '../../shared/domain/storage.ts';
import { gib, installedFootprintMiB } from './diskMath.ts';
import { formatGiB } from './diskStore.ts';

const spaceText = (mib: number) => (mib < 1024 ? `${Math.round(mib)} MiB` : formatGiB(mib));

/** What a new disk takes in its pool at once, and why. */
export function newDiskNote(osType: string, diskGiB: number, allocation: DiskAllocation): { initialMiB: number; note: string } {
  const capacity = gib(diskGiB);
  if (allocation === 'fixed') return { initialMiB: capacity, note: `A fixed-size disk takes its whole ${diskGiB} GiB in the storage pool at once` };
  const initial = installedFootprintMiB(osType, capacity);
  const os = findOsType(osType)?.label ?? osType;
  return { initialMiB: initial, note: `Starts at ${spaceText(initial)}: ${os} is installed on it. It grows as the guest writes, up to ${diskGiB} GiB` };
}

/** Why a machine's disk takes what it owns now. */
export function diskUsageNote(input: { allocation: DiskAllocation; osType: string; capacityGiB: number; linked: boolean; fullCloneOf?: string | undefined; chainLength: number }): string {
  if (input.allocation === 'fixed' && !input.linked) return `Fixed size: the whole ${input.capacityGiB} GiB was reserved when the disk was created`;
  if (input.linked) return 'A linked clone reads its source\'s disk and holds only what it has written since, in differencing disks';
  if (input.fullCloneOf !== undefined) return `A copy of the data of "${input.fullCloneOf}", grown by what the guest wrote since`;
  const os = findOsType(input.osType)?.label ?? input.osType;
  const installed = spaceText(installedFootprintMiB(input.osType, gib(input.capacityGiB)));
  const snapshots = input.chainLength > 1 ? ', kept across its snapshots\' differencing disks' : '';
  return `${os} installed on it (${installed}) and what the guest has written since${snapshots}; it grows up to ${input.capacityGiB} GiB`;
}
