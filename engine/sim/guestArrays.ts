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

type SlotColumn = Float64Array | Int32Array | Uint32Array;

export class GuestArrays {
  capacity: number;
  // Configuration (changes only on commands).
  state: Int32Array;
  pool: Int32Array;
  osIdx: Int32Array;
  profile: Int32Array;
  ioPath: Int32Array;
  dyn: Int32Array;
  flags: Int32Array;
  vcpus: Float64Array;
  memMiB: Float64Array;
  shares: Float64Array;
  reservation: Float64Array;
  limit: Float64Array;
  intensity: Float64Array;
  /** CPU seconds per core-second of work for everything but dynamically costed instructions (1 = native). */
  perWork: Float64Array;
  /** Share of the work whose instructions run through a warming translator or JIT. */
  dynShare: Float64Array;
  /** CPU seconds per running vCPU-second (timer ticks). */
  perVcpu: Float64Array;
  /** Warm host instructions per guest instruction of the translator or JIT. */
  dynN: Float64Array;
  forwardCostS: Float64Array;
  ioMaxPerS: Float64Array;
  ringSize: Float64Array;
  hitMax: Float64Array;
  balloonFloor: Float64Array;
  settleAtMs: Float64Array;
  hcBatch: Float64Array;
  ovhMiB: Float64Array;
  // Dynamic state.
  noise: Float64Array;
  burst: Float64Array;
  burstLeftS: Float64Array;
  runS: Float64Array;
  touched: Float64Array;
  ws: Float64Array;
  /** Share of its demand a guest can use while it waits for swapped pages (1 = none swapped); set each step. */
  stall: Float64Array;
  demand: Float64Array;
  need: Float64Array;
  want: Float64Array;
  granted: Float64Array;
  ioOps: Float64Array;
  ioServed: Float64Array;
  ringOcc: Float64Array;
  ringBacklog: Float64Array;
  warm: Float64Array;
  heapUsed: Float64Array;
  gcLeftS: Float64Array;
  balloon: Float64Array;
  shared: Float64Array;
  swapped: Float64Array;
  // Cumulative metrics (summaries and per-second deltas are differences of these).
  cGranted: Float64Array;
  cGuest: Float64Array;
  cReady: Float64Array;
  cUseful: Float64Array;
  cDemand: Float64Array;
  cRunS: Float64Array;
  cTouched: Float64Array;
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
  cHypercalls: Float64Array;
  cGcPauses: Float64Array;
  cGcPauseS: Float64Array;
  /** Physical CPU granted to garbage collection (process VMs), core-seconds. */
  cGcCpu: Float64Array;
  /** Physical CPU this slot cost its host, core-seconds: every granted core, booting, stopping and host processes included. */
  cHostBusy: Float64Array;
  rng: Uint32Array;

  constructor(initialCapacity: number) {
    const capacity = Math.max(1, initialCapacity);
    this.capacity = capacity;
    const i32 = () => new Int32Array(capacity);
    const f64 = () => new Float64Array(capacity);
    this.state = i32();
    this.pool = i32();
    this.osIdx = i32();
    this.profile = i32();
    this.ioPath = i32();
    this.dyn = i32();
    this.flags = i32();
    this.vcpus = f64();
    this.memMiB = f64();
    this.shares = f64();
    this.reservation = f64();
    this.limit = f64();
    this.intensity = f64();
    this.perWork = f64();
    this.dynShare = f64();
    this.perVcpu = f64();
    this.dynN = f64();
    this.forwardCostS = f64();
    this.ioMaxPerS = f64();
    this.ringSize = f64();
    this.hitMax = f64();
    this.balloonFloor = f64();
    this.settleAtMs = f64();
    this.hcBatch = f64();
    this.ovhMiB = f64();
    this.noise = f64();
    this.burst = f64();
    this.burstLeftS = f64();
    this.runS = f64();
    this.touched = f64();
    this.ws = f64();
    this.stall = f64();
    this.demand = f64();
    this.need = f64();
    this.want = f64();
    this.granted = f64();
    this.ioOps = f64();
    this.ioServed = f64();
    this.ringOcc = f64();
    this.ringBacklog = f64();
    this.warm = f64();
    this.heapUsed = f64();
    this.gcLeftS = f64();
    this.balloon = f64();
    this.shared = f64();
    this.swapped = f64();
    this.cGranted = f64();
    this.cGuest = f64();
    this.cReady = f64();
    this.cUseful = f64();
    this.cDemand = f64();
    this.cRunS = f64();
    this.cTouched = f64();
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
    this.cHypercalls = f64();
    this.cGcPauses = f64();
    this.cGcPauseS = f64();
    this.cGcCpu = f64();
    this.cHostBusy = f64();
    this.rng = new Uint32Array(capacity * 4);
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
    const next = Math.max(min, this.capacity * 2);
    const self = this as unknown as Record<string, unknown>;
    for (const [key, value] of this.columns()) {
      const perSlot = value.length / this.capacity;
      const bigger = new (value.constructor as new (n: number) => SlotColumn)(next * perSlot);
      bigger.set(value);
      self[key] = bigger;
    }
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

  /** Forgets everything a run leaves behind in a slot (memory, caches, warm JIT) when it powers off. */
  resetDynamic(i: number): void {
    this.noise[i] = 0;
    this.burst[i] = 0;
    this.burstLeftS[i] = 0;
    this.runS[i] = 0;
    this.touched[i] = 0;
    this.ws[i] = 0;
    this.demand[i] = 0;
    this.need[i] = 0;
    this.want[i] = 0;
    this.granted[i] = 0;
    this.ioOps[i] = 0;
    this.ioServed[i] = 1;
    this.ringOcc[i] = 0;
    this.ringBacklog[i] = 0;
    this.warm[i] = 0;
    this.stall[i] = 1;
    this.heapUsed[i] = 0;
    this.gcLeftS[i] = 0;
    this.balloon[i] = 0;
    this.shared[i] = 0;
    this.swapped[i] = 0;
  }
}
