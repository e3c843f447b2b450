// Struct-of-arrays state of every guest slot: typed arrays indexed by slot, grown by doubling, never per step.

/** Life-cycle codes, in the order of shared machineStates. */
export const S_OFF = 0;
export const S_STARTING = 1;
export const S_RUNNING = 2;
export const S_PAUSED = 3;
export const S_STOPPING = 4;

/** Dynamic cost model of a slot. */
export const DYN_NONE = 0;
export const DYN_DBT = 1;
export const DYN_JVM = 2;

/** Capability bits. */
export const F_BALLOON = 1;
export const F_SHARE = 2;
export const F_SWAP = 4;
/** Container or process VM: killed when its working set exceeds its memory cap. */
export const F_CAPPED = 8;
/** A partition hosting a platform: its own load is its nested pool's. */
export const F_HOSTING = 16;
export const F_HIDDEN = 32;
/** Page-table updates go through (batched) hypercalls, which the grant sweep counts. */
export const F_HYPERCALLS = 64;

/**
 * Offsets in `hot`, the interleaved block (HOT_STRIDE doubles per slot) of the fields every step reads or writes for
 * every running guest. Kept together rather than as ~18 separate columns: at 100,000 guests the columns do not fit in
 * any cache, and one guest's fields then come in as a few consecutive cache lines (one stream the prefetcher follows)
 * instead of one line from each column; the loop also addresses one array instead of ~18. Fields only some guests use
 * (a translator's or JIT's costs, a collector's pause, a ramping working set, hypercall counts, a device's capacity)
 * are columns of their own, so the others do not carry them through the cache each step. Configuration comes first,
 * then the dynamic state, then the grant sweep's cumulative counters.
 */
export const H_INTENSITY = 0;
/** CPU seconds per core-second of work for everything but dynamically costed instructions (1 = native). */
export const H_PER_WORK = 1;
/** CPU seconds per running vCPU-second (timer ticks). */
export const H_PER_VCPU = 2;
export const H_LIMIT = 3;
export const H_OVH_MIB = 4;
/** Dynamic cost model (DYN_*) and I/O path (index in ioPaths), stored as doubles to sit in the block. */
export const H_DYN = 5;
export const H_IO_PATH = 6;
export const H_NOISE = 7;
export const H_BURST = 8;
export const H_BURST_LEFT_S = 9;
/** Share of its demand a guest can use while it waits for swapped pages (1 = none swapped); set each step. */
export const H_STALL = 10;
export const H_DEMAND = 11;
export const H_NEED = 12;
export const H_IO_OPS = 13;
export const H_IO_SERVED = 14;
export const H_C_DEMAND = 15;
export const H_C_RUN_S = 16;
export const H_C_TOUCHED = 17;
export const HOT_STRIDE = 18;

type SlotColumn = Float64Array | Int32Array | Uint32Array;

const pageBytes = 4096;
const lineBytes = 64;

export class GuestArrays {
  capacity: number;
  // Configuration (changes only on commands).
  state: Int32Array;
  pool: Int32Array;
  osIdx: Int32Array;
  profile: Int32Array;
  flags: Int32Array;
  vcpus: Float64Array;
  memMiB: Float64Array;
  shares: Float64Array;
  reservation: Float64Array;
  forwardCostS: Float64Array;
  ringSize: Float64Array;
  hitMax: Float64Array;
  /** Share of the work whose instructions run through a warming translator or JIT. */
  dynShare: Float64Array;
  /** Warm host instructions per guest instruction of the translator or JIT. */
  dynN: Float64Array;
  /** Requests per second the guest's emulated device or paravirtual ring can complete. */
  ioMaxPerS: Float64Array;
  /** Page-table updates per hypercall (F_HYPERCALLS guests). */
  hcBatch: Float64Array;
  balloonFloor: Float64Array;
  settleAtMs: Float64Array;
  // Dynamic state.
  touched: Float64Array;
  ws: Float64Array;
  want: Float64Array;
  granted: Float64Array;
  ringOcc: Float64Array;
  ringBacklog: Float64Array;
  warm: Float64Array;
  heapUsed: Float64Array;
  /** Seconds left of a garbage-collection pause (process VMs). */
  gcLeftS: Float64Array;
  /** Seconds run under the current workload, for working sets that ramp up. */
  runS: Float64Array;
  balloon: Float64Array;
  shared: Float64Array;
  swapped: Float64Array;
  // Cumulative metrics (summaries and per-second deltas are differences of these).
  cGranted: Float64Array;
  cGuest: Float64Array;
  cReady: Float64Array;
  cUseful: Float64Array;
  cBalloon: Float64Array;
  cShared: Float64Array;
  cSwapped: Float64Array;
  pBalloon: Float64Array;
  pShared: Float64Array;
  pSwapped: Float64Array;
  /** Useful work already turned into disk and network totals (see ioAccounting.ts). */
  ioSettledUseful: Float64Array;
  cDiskRead: Float64Array;
  cDiskWrite: Float64Array;
  cNetRx: Float64Array;
  cNetTx: Float64Array;
  cRingFull: Float64Array;
  cRingEmpty: Float64Array;
  cGcPauses: Float64Array;
  cGcPauseS: Float64Array;
  /** Physical CPU granted to garbage collection (process VMs), core-seconds. */
  cGcCpu: Float64Array;
  cHypercalls: Float64Array;
  /** Physical CPU this slot cost its host, core-seconds: every granted core, booting, stopping and host processes included. */
  cHostBusy: Float64Array;
  rng: Uint32Array;
  /** The interleaved per-step fields (see H_* above); slot i's field f is hot[i * HOT_STRIDE + f]. */
  hot: Float64Array;

  constructor(initialCapacity: number) {
    // Every column is declared here for one slot, then laid out at full capacity in one buffer (see layOut).
    const capacity = 1;
    this.capacity = capacity;
    const i32 = () => new Int32Array(capacity);
    const f64 = () => new Float64Array(capacity);
    this.state = i32();
    this.pool = i32();
    this.osIdx = i32();
    this.profile = i32();
    this.flags = i32();
    this.vcpus = f64();
    this.memMiB = f64();
    this.shares = f64();
    this.reservation = f64();
    this.forwardCostS = f64();
    this.ringSize = f64();
    this.hitMax = f64();
    this.dynShare = f64();
    this.dynN = f64();
    this.ioMaxPerS = f64();
    this.hcBatch = f64();
    this.balloonFloor = f64();
    this.settleAtMs = f64();
    this.touched = f64();
    this.ws = f64();
    this.want = f64();
    this.granted = f64();
    this.ringOcc = f64();
    this.ringBacklog = f64();
    this.warm = f64();
    this.heapUsed = f64();
    this.gcLeftS = f64();
    this.runS = f64();
    this.balloon = f64();
    this.shared = f64();
    this.swapped = f64();
    this.cGranted = f64();
    this.cGuest = f64();
    this.cReady = f64();
    this.cUseful = f64();
    this.cBalloon = f64();
    this.cShared = f64();
    this.cSwapped = f64();
    this.pBalloon = f64();
    this.pShared = f64();
    this.pSwapped = f64();
    this.ioSettledUseful = f64();
    this.cDiskRead = f64();
    this.cDiskWrite = f64();
    this.cNetRx = f64();
    this.cNetTx = f64();
    this.cRingFull = f64();
    this.cRingEmpty = f64();
    this.cGcPauses = f64();
    this.cGcPauseS = f64();
    this.cGcCpu = f64();
    this.cHypercalls = f64();
    this.cHostBusy = f64();
    this.rng = new Uint32Array(capacity * 4);
    this.hot = new Float64Array(capacity * HOT_STRIDE);
    this.layOut(Math.max(1, initialCapacity));
  }

  /** Every typed-array column with its name, so growing, clearing and reordering never miss one. */
  private columns(): [string, SlotColumn][] {
    const self = this as unknown as Record<string, unknown>;
    const out: [string, SlotColumn][] = [];
    for (const key of Object.keys(self)) {
      const value = self[key];
      if (value instanceof Float64Array || value instanceof Int32Array || value instanceof Uint32Array) out.push([key, value]);
    }
    return out;
  }

  /** Copies every array into one twice as large (or at least `min`); only called when adding guests. */
  grow(min: number): void {
    this.layOut(Math.max(min, this.capacity * 2));
  }

  /**
   * Moves every column, contents kept, into one new buffer of `next` slots, each column starting on a fresh page plus
   * one more cache line than the one before. Why: the step reads element i of some twenty columns at once. Columns
   * allocated one by one at power-of-two capacities can all start at the same offset within a page, which puts element
   * i of every column in the same set of the 8-way L1 cache, where they evict each other; whether they do depended on
   * the allocator's history (identical code measured ~5 % apart from one process to the next at 100,000 guests). Here
   * column j's element i lies j cache lines further along the sets, whatever the allocator did.
   */
  private layOut(next: number): void {
    const columns = this.columns();
    const offsets: number[] = [];
    let bytes = 0;
    columns.forEach(([, value], j) => {
      const start = Math.ceil(bytes / pageBytes) * pageBytes + ((j * lineBytes) % pageBytes);
      offsets.push(start);
      bytes = start + next * (value.length / this.capacity) * value.BYTES_PER_ELEMENT;
    });
    const buffer = new ArrayBuffer(bytes);
    const self = this as unknown as Record<string, unknown>;
    columns.forEach(([key, value], j) => {
      const Column = value.constructor as new (buffer: ArrayBuffer, byteOffset: number, length: number) => SlotColumn;
      const column = new Column(buffer, offsets[j]!, next * (value.length / this.capacity));
      column.set(value);
      self[key] = column;
    });
    this.capacity = next;
  }

  /** Zeroes every array of slot `i` (configuration, state and cumulative counters) so the slot starts clean. */
  clearSlot(i: number): void {
    for (const [, value] of this.columns()) {
      const perSlot = value.length / this.capacity;
      value.fill(0, i * perSlot, (i + 1) * perSlot);
    }
  }

  /** Reorders every column so that new slot k holds what old slot `order[k]` held; slots past the order are cleared. */
  permute(order: Int32Array): void {
    const n = order.length;
    for (const [, value] of this.columns()) {
      const perSlot = value.length / this.capacity;
      const copy = value.slice();
      for (let k = 0; k < n; k++) {
        const from = order[k]! * perSlot;
        const to = k * perSlot;
        for (let w = 0; w < perSlot; w++) value[to + w] = copy[from + w]!;
      }
      value.fill(0, n * perSlot);
    }
  }

  /** Field `field` (an H_* offset) of slot `i` in the hot block, for code outside the step loop. */
  hotOf(i: number, field: number): number {
    return this.hot[i * HOT_STRIDE + field]!;
  }

  setHot(i: number, field: number, value: number): void {
    this.hot[i * HOT_STRIDE + field] = value;
  }

  /** Forgets everything a run leaves behind in a slot (memory, caches, warm JIT) when it powers off. */
  resetDynamic(i: number): void {
    const o = i * HOT_STRIDE;
    const hot = this.hot;
    hot[o + H_NOISE] = 0;
    hot[o + H_BURST] = 0;
    hot[o + H_BURST_LEFT_S] = 0;
    this.runS[i] = 0;
    this.touched[i] = 0;
    this.ws[i] = 0;
    hot[o + H_DEMAND] = 0;
    hot[o + H_NEED] = 0;
    this.want[i] = 0;
    this.granted[i] = 0;
    hot[o + H_IO_OPS] = 0;
    hot[o + H_IO_SERVED] = 1;
    this.ringOcc[i] = 0;
    this.ringBacklog[i] = 0;
    this.warm[i] = 0;
    hot[o + H_STALL] = 1;
    this.heapUsed[i] = 0;
    this.gcLeftS[i] = 0;
    this.balloon[i] = 0;
    this.shared[i] = 0;
    this.swapped[i] = 0;
  }
}
