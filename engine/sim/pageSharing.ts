// Content-based page sharing: a background scanner merges identical OS-image pages of a pool's guests, copy-on-write.
import { F_SHARE, S_OFF } from './guestArrays.ts';
import type { PoolRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

/**
 * How fast the scanner finds duplicates: it converges on what can be shared with this time constant. ESX rescans each
 * guest's memory every few minutes and Linux KSM scans ~20 MB/s by default; a minute is of that order (assumption).
 */
const scanTauS = 60;
const scanEase = 1 - Math.exp(-1 / scanTauS);

/**
 * Called once a simulated second per pool. With n running guests booted from the same OS image, each keeps a private
 * copy of 1/n of the identical part and maps the rest to the shared copy: at most (n − 1)/n of min(image, touched) of
 * each guest is shared, so together they save n − 1 copies of the image and never more.
 */
export function scanSharedPages(w: WorldState, pool: PoolRec): void {
  const g = w.g;
  const { state, flags, osIdx, touched, shared } = g;
  const start = pool.start;
  const end = start + pool.count;
  const counts = w.osScratch;
  let any = false;
  for (let i = start; i < end; i++) {
    if ((flags[i]! & F_SHARE) === 0) continue;
    if (!any) {
      counts.fill(0);
      any = true;
    }
    if (state[i] !== S_OFF) counts[osIdx[i]!] = counts[osIdx[i]!]! + 1;
  }
  if (!any) return;
  for (let i = start; i < end; i++) {
    if ((flags[i]! & F_SHARE) === 0 || state[i] === S_OFF) continue;
    const n = counts[osIdx[i]!]!;
    const image = w.imageMiB[osIdx[i]!]!;
    const identical = image < touched[i]! ? image : touched[i]!;
    const target = n >= 2 ? (identical * (n - 1)) / n : 0;
    const now = shared[i]!;
    // Sharing grows as the scanner finds pages; a guest that touches fewer pages or whose twins stop loses it at once.
    shared[i] = target < now ? target : now + (target - now) * scanEase;
  }
}
