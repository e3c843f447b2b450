// Memory overcommit of one pool under pressure: ballooning first, then hypervisor swapping (sharing runs in the background).
import type { GuestArrays } from './guestArrays.ts';
import { F_BALLOON, F_SWAP, S_OFF } from './guestArrays.ts';

/**
 * Reclaims `deficit` MiB from the pool's slots [start, start + count) and returns what could not be reclaimed.
 * The order is the cheap-to-expensive one: a balloon only takes pages the guest itself considers free (cache beyond the
 * working set), so the guest chooses; swapping takes pages blindly, hot ones included, so it hurts (and a guest that
 * later pages the same page out itself pays twice: double paging). Pages already shared are not resident twice.
 */
export function reclaimMemory(g: GuestArrays, start: number, count: number, deficit: number): number {
  const end = start + count;
  const { state, flags, touched, ws, balloon, shared, swapped } = g;
  let left = deficit;

  // 1. Ballooning: the guest's free and cache pages.
  let available = 0;
  for (let i = start; i < end; i++) {
    if (state[i] === S_OFF || (flags[i]! & F_BALLOON) === 0) continue;
    available += Math.max(0, touched[i]! - ws[i]! - balloon[i]!);
  }
  if (available > 0 && left > 0) {
    const ratio = Math.min(1, left / available);
    for (let i = start; i < end; i++) {
      if (state[i] === S_OFF || (flags[i]! & F_BALLOON) === 0) continue;
      balloon[i] = balloon[i]! + Math.max(0, touched[i]! - ws[i]! - balloon[i]!) * ratio;
    }
    left -= available * ratio;
  }
  if (left <= 0) return 0;

  // 2. Hypervisor swapping: whatever is still resident.
  available = 0;
  for (let i = start; i < end; i++) {
    if (state[i] === S_OFF || (flags[i]! & F_SWAP) === 0) continue;
    available += Math.max(0, touched[i]! - balloon[i]! - shared[i]!);
  }
  if (available > 0) {
    const ratio = Math.min(1, left / available);
    for (let i = start; i < end; i++) {
      if (state[i] === S_OFF || (flags[i]! & F_SWAP) === 0) continue;
      swapped[i] = Math.max(0, touched[i]! - balloon[i]! - shared[i]!) * ratio;
    }
    left -= available * ratio;
  }
  return Math.max(0, left);
}
