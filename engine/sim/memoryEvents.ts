// Logs when each memory reclamation technique starts and stops in a pool, with hysteresis so noise does not flap.
import { stepMs } from './costModel.ts';
import type { SimWorld } from './world.ts';

const techniques = ['Ballooning', 'Page sharing', 'Hypervisor swapping'] as const;
/** A technique counts as active above this many MiB... */
const onMiB = 16;
/** ...and as stopped after this long at zero. */
const quietMs = 5000;

export function trackTechniques(w: SimWorld, pi: number, balloon: number, shared: number, swapped: number, needMiB: number, capMiB: number, atMs: number): void {
  const pool = w.pools[pi]!;
  for (let t = 0; t < 3; t++) {
    const bit = 1 << t;
    const amount = t === 0 ? balloon : t === 1 ? shared : swapped;
    if ((pool.active & bit) === 0) {
      if (amount > onMiB) {
        pool.active |= bit;
        pool.quietSteps[t] = 0;
        w.events.add(atMs, poolHost(w, pi), poolName(w, pi), 'memory',
          `${techniques[t]} started: ${Math.round(amount)} MiB reclaimed (guests need ${Math.round(needMiB)} MiB, ${Math.round(capMiB)} MiB available)`);
      }
    } else if (amount > 0) {
      pool.quietSteps[t] = 0;
    } else if ((pool.quietSteps[t] = pool.quietSteps[t]! + 1) * stepMs >= quietMs) {
      pool.active &= ~bit;
      w.events.add(atMs, poolHost(w, pi), poolName(w, pi), 'memory', `${techniques[t]} stopped: no more pressure`);
    }
  }
}

function poolHost(w: SimWorld, pi: number): string {
  return w.hosts[w.pools[pi]!.host]!.model.name;
}

/** Events about a pool name the platform owning it. */
function poolName(w: SimWorld, pi: number): string | undefined {
  const owner = w.pools[pi]!.bareMetal;
  return owner >= 0 ? w.platforms[owner]!.name : undefined;
}
