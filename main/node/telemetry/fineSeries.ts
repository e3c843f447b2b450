// One machine's 1 s samples of every metric for the last hour: Float32 blocks by absolute second, allocated as it runs.
import { metricsPerRow } from './indexedBatch.ts';

/** Seconds per block: small blocks keep a machine that ran a few minutes cheap. */
export const fineBlockSeconds = 120;
/** 31 blocks of 120 s: the 30 whole blocks before the current one always hold ≥ 3,600 s. */
export const fineBlockCount = 31;
/** Seconds guaranteed to be held. */
export const fineRetainedSeconds = (fineBlockCount - 1) * fineBlockSeconds;

export class FineSeries {
  /** Block by ring slot, and the absolute block number it holds (-1: none). Missing seconds read as NaN. */
  readonly #blocks: (Float32Array | undefined)[] = new Array(fineBlockCount).fill(undefined);
  readonly #blockNumber = new Float64Array(fineBlockCount).fill(-1);
  /** Ring slots written since `takeDirtySlots`, so saving rewrites only those. */
  readonly #dirty = new Set<number>();

  /** `second` is the sample's end time in whole seconds; `values[offset..offset+12)` its metrics. */
  write(second: number, values: Float32Array, offset: number): void {
    const block = Math.floor(second / fineBlockSeconds);
    const slot = block % fineBlockCount;
    let data = this.#blocks[slot];
    if (this.#blockNumber[slot] !== block) {
      // An evicted block's memory is reused for the new one.
      data ??= new Float32Array(fineBlockSeconds * metricsPerRow);
      data.fill(Number.NaN);
      this.#blocks[slot] = data;
      this.#blockNumber[slot] = block;
    }
    // A plain loop: a subarray per machine per second would be garbage at a thousand machines.
    this.#dirty.add(slot);
    const at = (second - block * fineBlockSeconds) * metricsPerRow;
    for (let k = 0; k < metricsPerRow; k++) data![at + k] = values[offset + k]!;
  }

  /** Metric `column` at `second`, NaN when not held (powered off then, or too old). */
  read(second: number, column: number): number {
    const block = Math.floor(second / fineBlockSeconds);
    const slot = block % fineBlockCount;
    if (this.#blockNumber[slot] !== block) return Number.NaN;
    return this.#blocks[slot]![(second - block * fineBlockSeconds) * metricsPerRow + column]!;
  }

  /** Slots written since the last call, with the block each holds now (for saving). */
  takeDirtySlots(): { slot: number; block: number; data: Float32Array }[] {
    const out = [...this.#dirty].map((slot) => ({ slot, block: this.#blockNumber[slot]!, data: this.#blocks[slot]! }));
    this.#dirty.clear();
    return out;
  }

  /** Puts a saved block back in its slot (a newer block already there wins). */
  restoreBlock(block: number, data: Float32Array): void {
    if (data.length !== fineBlockSeconds * metricsPerRow || !Number.isSafeInteger(block) || block < 0) return;
    const slot = block % fineBlockCount;
    if (this.#blockNumber[slot]! > block) return;
    this.#blocks[slot] = data;
    this.#blockNumber[slot] = block;
  }

  /** Bytes of sample storage allocated. */
  get bytes(): number {
    return this.#blocks.reduce((sum, block) => sum + (block?.byteLength ?? 0), 0);
  }
}
