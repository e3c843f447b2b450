// Per-pool fields the step reads or writes, in one typed array by pool index, so the step never chases pool objects.

/**
 * Offsets of a pool's fields (P_STRIDE doubles per pool). At 100,000 guests the world has thousands of pools; their
 * records, boxed numbers, hosts and counter arrays lay scattered over the heap, and reading them cost the step a cache
 * miss per object per pool (a tenth of the demand sweep in a profile). Here the step walks them in order, like the
 * guests' columns. Slot numbers are stored as doubles: read them with `| 0` so loops index with integers.
 */
export const P_START = 0;
export const P_COUNT = 1;
/** Slot of the partition providing the pool, or -1 for the hardware (refreshed with the slot layout). */
export const P_PARTITION_SLOT = 2;
/** The host's cores and memory. */
export const P_HOST_CORES = 3;
export const P_HOST_MIB = 4;
export const P_HOST = 5;
/** Booleans as 0 or 1. */
export const P_DEDICATED = 6;
export const P_USE_RESERVATIONS = 7;
/** Whether any guest had memory reclaimed last step (so the values must be recomputed or cleared). */
export const P_RECLAIMED = 8;
export const P_PLATFORM_CORES = 9;
export const P_PLATFORM_MIB = 10;
export const P_CONTROL_CORES = 11;
/** Reclaim techniques active (bit 0 balloon, 1 sharing, 2 swapping), then each one's quiet-step counter. */
export const P_ACTIVE = 12;
export const P_QUIET = 13;
export const P_PEAK_DEFICIT = 16;
export const P_C_FORWARD = 17;
export const P_STRIDE = 18;

export class PoolColumns {
  /** Pool p's field k is f[p * P_STRIDE + k]; replaced (not resized) when pools are added. */
  f = new Float64Array(16 * P_STRIDE);

  /** Makes room for pool `index`. */
  ensure(index: number): void {
    if ((index + 1) * P_STRIDE <= this.f.length) return;
    const bigger = new Float64Array(Math.max((index + 1) * P_STRIDE, this.f.length * 2));
    bigger.set(this.f);
    this.f = bigger;
  }
}
