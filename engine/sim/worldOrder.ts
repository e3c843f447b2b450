// Pools, and the slot layout grouped by pool that lets the hot loop walk each pool's guests contiguously.
import { P_PARTITION_SLOT, P_STRIDE } from './poolColumns.ts';
import { PoolRecord } from './poolRecord.ts';
import type { HostModel } from './types.ts';
import type { GuestRec, PoolRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

/** A new empty pool on host `host` (the hardware's, or the one `partition` provides). */
export function createPool(w: WorldState, index: number, host: number, model: HostModel, partition: GuestRec | undefined): PoolRec {
  return new PoolRecord(w.poolColumns, index, host, model.cores, model.memoryMiB, partition);
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
  const columns = w.poolColumns.f;
  for (const pool of w.pools) columns[pool.index * P_STRIDE + P_PARTITION_SLOT] = pool.partition ? pool.partition.slot : -1;
  w.layoutDirty = false;
}

function isIdentity(order: Int32Array, slots: number): boolean {
  if (order.length !== slots) return false;
  for (let k = 0; k < order.length; k++) if (order[k] !== k) return false;
  return true;
}
