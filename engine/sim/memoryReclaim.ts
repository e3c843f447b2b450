// Memory overcommit of one pool under pressure: ballooning, then content-based page sharing, then hypervisor swapping.
import type { GuestArrays } from './guestArrays.ts';
import { F_BALLOON, F_SHARE, F_SWAP, S_OFF } from './guestArrays.ts';

/**
 * Reclaims `deficit` MiB from the pool's guests and returns what could not be reclaimed.
 * The order is the cheap-to-expensive one: a balloon only takes pages the guest itself considers free
 * (cache beyond the working set), so the guest chooses; sharing merges identical OS-image pages
 * (copy-on-write, small cost); swapping takes pages blindly, hot ones included, so it hurts (and a guest
 * that later pages the same page out itself pays twice: double paging).
 */
export function reclaimMemory(
  g: GuestArrays,
  order: Int32Array,
  start: number,
  count: number,
  deficit: number,
  imageMiB: Float64Array,
  osCount: Float64Array,
): number {
  const end = start + count;
  const { state, flags, touched, ws, balloon, shared, swapped, osIdx } = g;
  let left = deficit;

  // 1. Ballooning: the guest's free and cache pages.
  let available = 0;
  for (let k = start; k < end; k++) {
    const i = order[k]!;
    if (state[i] === S_OFF || (flags[i]! & F_BALLOON) === 0) continue;
    available += Math.max(0, touched[i]! - ws[i]! - balloon[i]!);
  }
  if (available > 0 && left > 0) {
    const ratio = Math.min(1, left / available);
    for (let k = start; k < end; k++) {
      const i = order[k]!;
      if (state[i] === S_OFF || (flags[i]! & F_BALLOON) === 0) continue;
      balloon[i] = balloon[i]! + Math.max(0, touched[i]! - ws[i]! - balloon[i]!) * ratio;
    }
    left -= available * ratio;
  }
  if (left <= 0) return 0;

  // 2. Content-based sharing: n guests booted from the same image keep one copy of its pages.
  osCount.fill(0);
  for (let k = start; k < end; k++) {
    const i = order[k]!;
    if (state[i] !== S_OFF && (flags[i]! & F_SHARE) !== 0) osCount[osIdx[i]!] = osCount[osIdx[i]!]! + 1;
  }
  available = 0;
  for (let k = start; k < end; k++) {
    const i = order[k]!;
    if (state[i] === S_OFF || (flags[i]! & F_SHARE) === 0) continue;
    const n = osCount[osIdx[i]!]!;
    if (n >= 2) available += (imageMiB[osIdx[i]!]! * (n - 1)) / n;
  }
  if (available > 0) {
    const ratio = Math.min(1, left / available);
    for (let k = start; k < end; k++) {
      const i = order[k]!;
      if (state[i] === S_OFF || (flags[i]! & F_SHARE) === 0) continue;
      const n = osCount[osIdx[i]!]!;
      if (n >= 2) shared[i] = ((imageMiB[osIdx[i]!]! * (n - 1)) / n) * ratio;
    }
    left -= available * ratio;
  }
  if (left <= 0) return 0;

  // 3. Hypervisor swapping: whatever is still resident.
  available = 0;
  for (let k = start; k < end; k++) {
    const i = order[k]!;
    if (state[i] === S_OFF || (flags[i]! & F_SWAP) === 0) continue;
    available += Math.max(0, touched[i]! - balloon[i]! - shared[i]!);
  }
  if (available > 0) {
    const ratio = Math.min(1, left / available);
    for (let k = start; k < end; k++) {
      const i = order[k]!;
      if (state[i] === S_OFF || (flags[i]! & F_SWAP) === 0) continue;
      swapped[i] = Math.max(0, touched[i]! - balloon[i]! - shared[i]!) * ratio;
    }
    left -= available * ratio;
  }
  return Math.max(0, left);
}
