// Block arithmetic of disk images: thin growth, union of a child with its parent, and the installed-OS footprint.
import { findOsType } from '../../shared/domain/osTypes.ts';

/**
 * Writes land on uniformly random blocks, so a share allocated/capacity of them hit blocks the image already holds.
 * Growth from `writtenMiB` is therefore written × (1 − allocated/capacity): thin images approach, never pass, capacity.
 */
export function grownAllocation(allocatedMiB: number, capacityMiB: number, writtenMiB: number): number {
  if (capacityMiB <= 0 || writtenMiB <= 0) return allocatedMiB;
  const next = allocatedMiB + writtenMiB * (1 - allocatedMiB / capacityMiB);
  return Math.min(capacityMiB, next);
}

/**
 * Blocks held by a parent (a MiB) and its child (b MiB) together: by the same uniform-block argument the child
 * overwrites a·b/capacity of the parent's blocks, so merging them frees exactly that overlap.
 */
export function unionMiB(parentMiB: number, childMiB: number, capacityMiB: number): number {
  if (capacityMiB <= 0) return 0;
  return Math.min(capacityMiB, parentMiB + childMiB - (parentMiB * childMiB) / capacityMiB);
}

/** What a new dynamically allocated disk holds after the OS is installed: a quarter of the OS's recommended disk, at most the capacity. */
export function installedFootprintMiB(osType: string, capacityMiB: number): number {
  const recommendedGiB = findOsType(osType)?.recommended.diskGiB ?? 4;
  return Math.min(capacityMiB, Math.round(recommendedGiB * 1024 * 0.25));
}

export const gib = (n: number): number => n * 1024;
