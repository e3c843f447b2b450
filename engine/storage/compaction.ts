// Compacting a dynamically allocated image: the blocks of files the guest deleted (and zeroed) go back to the pool.
import type { ImageRec } from './diskStore.ts';

/**
 * Guests delete about a third of what they write (rotated logs, temporary files, package caches); those blocks stay
 * allocated in a dynamic image until it is compacted. Below the floor (the installed OS of a new disk, or what was left
 * after the last compaction) nothing is known to be deleted.
 */
export const deletedShareOfWrites = 1 / 3;

/** MiB compacting the image would give back now. A base without a recorded floor (older libraries) counts as compacted. */
export function compactableMiB(image: ImageRec): number {
  if (image.allocation === 'fixed') return 0;
  const floor = image.compactFloorMiB ?? (image.kind === 'base' ? image.allocatedMiB : 0);
  return Math.max(0, Math.floor((image.allocatedMiB - floor) * deletedShareOfWrites));
}

/** Compacts in place; returns the MiB freed. */
export function compact(image: ImageRec): number {
  const freed = compactableMiB(image);
  image.allocatedMiB -= freed;
  image.compactFloorMiB = image.allocatedMiB;
  return freed;
}
