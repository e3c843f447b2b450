// Pools, and the slot layout grouped by pool that lets the hot loop walk each pool's guests contiguously.
import type { GuestRec, PoolRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

export function createPool(index: number, host: number, partition: GuestRec | undefined): PoolRec {
  return {
    index,
    host,
    partition,
    dedicated: false,
    owner: -1,
    useReservations: false,
    reclaimed: false,
    platformCores: 0,
    platformMiB: 0,
    hostOsCores: 0,
    hostOsMiB: 0,
    controlCores: 0,
    start: 0,
    count: 0,
    members: new Set(),
    committedVcpus: 0,
    committedMiB: 0,
    active: 0,
    quietSteps: new Int32Array(3),
    peakDeficit: 0,
    cForward: 0,
  };
}

/**
 * Moves every live guest's slot so each pool's guests are contiguous (pool.start .. pool.start + pool.count) and
 * deleted slots disappear: the step then walks memory in order, with no index indirection. Every GuestRec's slot is
 * updated; nothing outside the core ever keeps a slot number.
 */
export function rebuildLayout(w: WorldState): void {
  const counts = new Int32Array(w.pools.length);
  let live = 0;
  for (let i = 0; i < w.slotCount; i++) {
    const rec = w.guests[i];
    if (!rec || rec.deleted) continue;
    counts[rec.pool]! += 1;
    live += 1;
  }
  let at = 0;
  for (const pool of w.pools) {
    pool.start = at;
    pool.count = counts[pool.index]!;
    at += pool.count;
  }
  const fill = new Int32Array(w.pools.length);
  const order = new Int32Array(live);
  for (let i = 0; i < w.slotCount; i++) {
    const rec = w.guests[i];
    if (!rec || rec.deleted) continue;
    const pool = w.pools[rec.pool]!;
    order[pool.start + fill[rec.pool]!] = i;
    fill[rec.pool]! += 1;
  }
  if (!isIdentity(order, w.slotCount)) {
    const byOld = w.guests.slice(0, w.slotCount);
    w.g.permute(order);
    w.seconds.permute(order);
    for (let k = 0; k < live; k++) {
      const rec = byOld[order[k]!]!;
      rec.slot = k;
      w.guests[k] = rec;
    }
    w.guests.length = live;
    w.slotCount = live;
  }
  w.layoutDirty = false;
}

function isIdentity(order: Int32Array, slots: number): boolean {
  if (order.length !== slots) return false;
  for (let k = 0; k < order.length; k++) if (order[k] !== k) return false;
  return true;
}
