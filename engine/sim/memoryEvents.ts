// Logs when each memory technique starts and stops in a pool, with hysteresis so noise does not flap.
import { stepMs } from './clock.ts';
import { P_ACTIVE, P_QUIET, P_STRIDE } from './poolColumns.ts';
import type { PoolRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

const techniques = ['Ballooning', 'Page sharing', 'Hypervisor swapping'] as const;
/** A technique counts as active above this many MiB... */
const onMiB = 16;
/** ...and as stopped after this long at zero. */
const quietMs = 5000;

/** Called each step for pool `pi` while any technique is or was active; reads and writes the pool's columns only. */
export function trackTechniques(w: WorldState, pi: number, balloon: number, shared: number, swapped: number, needMiB: number, capMiB: number, atMs: number): void {
  const f = w.poolColumns.f;
  const o = pi * P_STRIDE;
  for (let t = 0; t < 3; t++) {
    const bit = 1 << t;
    const amount = t === 0 ? balloon : t === 1 ? shared : swapped;
    const quiet = o + P_QUIET + t;
    if ((f[o + P_ACTIVE]! & bit) === 0) {
      if (amount > onMiB) {
        f[o + P_ACTIVE] = f[o + P_ACTIVE]! | bit;
        f[quiet] = 0;
        const why = t === 1 ? 'identical pages merged in the background' : `guests need ${Math.round(needMiB)} MiB, ${Math.round(capMiB)} MiB available`;
        log(w, w.pools[pi]!, atMs, `${techniques[t]} started: ${Math.round(amount)} MiB reclaimed (${why})`);
      }
    } else if (amount > 0) {
      f[quiet] = 0;
    } else if ((f[quiet] = f[quiet]! + 1) * stepMs >= quietMs) {
      f[o + P_ACTIVE] = f[o + P_ACTIVE]! & ~bit;
      log(w, w.pools[pi]!, atMs, `${techniques[t]} stopped: ${t === 1 ? 'no identical pages left to share' : 'no more pressure'}`);
    }
  }
}

/** Events about a pool name the platform owning it, on the pool's host. */
function log(w: WorldState, pool: PoolRec, atMs: number, message: string): void {
  const owner = pool.owner >= 0 ? w.platforms[pool.owner] : undefined;
  if (owner) w.logPlatform(owner, 'memory', message, atMs);
  else w.events.add(atMs, w.hosts[pool.host]!.id, undefined, 'memory', message);
}
