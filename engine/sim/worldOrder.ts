// Pools and the slot order grouped by pool, which lets the hot loop walk each pool's guests contiguously.
import type { PoolRec } from './worldModel.ts';

export function createPool(index: number, host: number, partitionSlot: number): PoolRec {
  return {
    index,
    host,
    partitionSlot,
    dedicated: false,
    bareMetal: -1,
    useReservations: false,
    reclaimed: false,
    platformCores: 0,
    platformMiB: 0,
    controlCores: 0,
    start: 0,
    count: 0,
    active: 0,
    quietSteps: new Int32Array(3),
    cCapS: 0,
    cBusyS: 0,
    cMemNeed: 0,
    cMemCap: 0,
    peakDeficit: 0,
    cForward: 0,
  };
}

/** Counting sort of slots by pool: sets each pool's start/count and returns the order. */
export function groupSlotsByPool(pools: readonly PoolRec[], slotPool: Int32Array, slots: number): Int32Array<ArrayBuffer> {
  const counts = new Int32Array(pools.length);
  // Deleted (free) slots have pool -1 and stay out of the order until reused.
  for (let i = 0; i < slots; i++) if (slotPool[i]! >= 0) counts[slotPool[i]!]! += 1;
  let at = 0;
  for (const pool of pools) {
    pool.start = at;
    pool.count = counts[pool.index]!;
    at += pool.count;
  }
  const fill = new Int32Array(pools.length);
  const order = new Int32Array(at);
  for (let i = 0; i < slots; i++) {
    const p = slotPool[i]!;
    if (p < 0) continue;
    order[pools[p]!.start + fill[p]!] = i;
    fill[p]! += 1;
  }
  return order;
}
