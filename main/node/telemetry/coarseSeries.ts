// One machine's 1-minute min/max/mean buckets of every metric for at least a day, in hour blocks allocated as it runs.
import { metricsPerRow } from './indexedBatch.ts';

export const bucketSeconds = 60;
export const coarseBlockBuckets = 60;
/** 25 one-hour blocks: the 24 whole hours before the current one are always held. */
export const coarseBlockCount = 25;

const stride = metricsPerRow * 3;

export interface BucketStats {
  count: number;
  min: number;
  max: number;
  sum: number;
}

export class CoarseSeries {
  readonly #blocks: (Float32Array | undefined)[] = new Array(coarseBlockCount).fill(undefined);
  readonly #counts: (Uint16Array | undefined)[] = new Array(coarseBlockCount).fill(undefined);
  readonly #blockNumber = new Float64Array(coarseBlockCount).fill(-1);
  /** Ring slots written since `takeDirtySlots`. */
  readonly #dirty = new Set<number>();

  /** The minute bucket a sample ending at `second` falls in: minute m holds samples ending in (60m, 60(m+1)]. */
  static bucketOf(second: number): number {
    return Math.floor((second - 1) / bucketSeconds);
  }

  write(second: number, values: Float32Array, offset: number): void {
    const bucket = CoarseSeries.bucketOf(second);
    const block = Math.floor(bucket / coarseBlockBuckets);
    const slot = block % coarseBlockCount;
    let data = this.#blocks[slot];
    let counts = this.#counts[slot];
    if (this.#blockNumber[slot] !== block) {
      data ??= new Float32Array(coarseBlockBuckets * stride);
      counts ??= new Uint16Array(coarseBlockBuckets);
      counts.fill(0);
      this.#blocks[slot] = data;
      this.#counts[slot] = counts;
      this.#blockNumber[slot] = block;
    }
    this.#dirty.add(slot);
    const index = bucket - block * coarseBlockBuckets;
    const first = counts![index] === 0;
    counts![index] = counts![index]! + 1;
    const at = index * stride;
    for (let k = 0; k < metricsPerRow; k++) {
      const v = values[offset + k]!;
      const o = at + k * 3;
      if (first) {
        data![o] = v;
        data![o + 1] = v;
        data![o + 2] = v;
      } else {
        if (v < data![o]!) data![o] = v;
        if (v > data![o + 1]!) data![o + 1] = v;
        // A running mean, not a sum: a Float32 sum of 60 large values would lose the precision the mean needs.
        data![o + 2] = data![o + 2]! + (v - data![o + 2]!) / counts![index]!;
      }
    }
  }

  /** Adds minute `bucket`'s statistics of metric `column` into `into`; nothing when the bucket is empty or not held. */
  accumulate(bucket: number, column: number, into: BucketStats): void {
    const block = Math.floor(bucket / coarseBlockBuckets);
    const slot = block % coarseBlockCount;
    if (this.#blockNumber[slot] !== block) return;
    const index = bucket - block * coarseBlockBuckets;
    const count = this.#counts[slot]![index]!;
    if (count === 0) return;
    const o = index * stride + column * 3;
    const data = this.#blocks[slot]!;
    into.min = into.count === 0 ? data[o]! : Math.min(into.min, data[o]!);
    into.max = into.count === 0 ? data[o + 1]! : Math.max(into.max, data[o + 1]!);
    into.sum += data[o + 2]! * count;
    into.count += count;
  }

  /** Slots written since the last call, with the block each holds now and its per-bucket sample counts (for saving). */
  takeDirtySlots(): { slot: number; block: number; data: Float32Array; counts: Uint16Array }[] {
    const out = [...this.#dirty].map((slot) => ({ slot, block: this.#blockNumber[slot]!, data: this.#blocks[slot]!, counts: this.#counts[slot]! }));
    this.#dirty.clear();
    return out;
  }

  /** Puts a saved block back in its slot (a newer block already there wins). */
  restoreBlock(block: number, data: Float32Array, counts: Uint16Array): void {
    if (data.length !== coarseBlockBuckets * stride || counts.length !== coarseBlockBuckets || !Number.isSafeInteger(block) || block < 0) return;
    const slot = block % coarseBlockCount;
    if (this.#blockNumber[slot]! > block) return;
    this.#blocks[slot] = data;
    this.#counts[slot] = counts;
    this.#blockNumber[slot] = block;
  }

  /** First minute bucket still held, or null. */
  oldestBucket(): number | null {
    let oldest = Number.POSITIVE_INFINITY;
    for (const block of this.#blockNumber) if (block >= 0 && block < oldest) oldest = block;
    return Number.isFinite(oldest) ? oldest * coarseBlockBuckets : null;
  }

  get bytes(): number {
    let sum = 0;
    for (let s = 0; s < coarseBlockCount; s++) sum += (this.#blocks[s]?.byteLength ?? 0) + (this.#counts[s]?.byteLength ?? 0);
    return sum;
  }
}
