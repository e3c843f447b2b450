// Fixed-capacity ring of timed samples with every telemetry metric per row: typed arrays, O(1) append, no allocation per sample.
import { telemetryMetrics } from '../../shared/domain/telemetry.ts';

const width = telemetryMetrics.length;

export class SeriesBuffer {
  readonly capacity: number;
  readonly #times: Float64Array;
  readonly #values: Float32Array;
  #start = 0;
  #length = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('Series capacity must be a positive integer');
    this.capacity = capacity;
    this.#times = new Float64Array(capacity);
    this.#values = new Float32Array(capacity * width);
  }

  get length(): number {
    return this.#length;
  }

  /** Newest sample time, or null when empty. */
  lastTime(): number | null {
    return this.#length === 0 ? null : (this.#times[this.#slot(this.#length - 1)] ?? null);
  }

  firstTime(): number | null {
    return this.#length === 0 ? null : (this.#times[this.#start] ?? null);
  }

  /**
   * Appends one row: metric `metricIndexes[k]` takes `source[offset + k]`; metrics not given are NaN.
   * Returns false (and stores nothing) for a time not after the newest, e.g. a frame repeated after a reconnection.
   */
  push(simTimeMs: number, metricIndexes: readonly number[], source: ArrayLike<number>, offset: number): boolean {
    const last = this.lastTime();
    if (last !== null && simTimeMs <= last) return false;
    let slot: number;
    if (this.#length < this.capacity) {
      slot = this.#slot(this.#length);
      this.#length += 1;
    } else {
      slot = this.#start;
      this.#start = (this.#start + 1) % this.capacity;
    }
    this.#times[slot] = simTimeMs;
    const row = slot * width;
    this.#values.fill(Number.NaN, row, row + width);
    for (let k = 0; k < metricIndexes.length; k += 1) this.#values[row + (metricIndexes[k] ?? 0)] = source[offset + k] ?? Number.NaN;
    return true;
  }

  /** Time of the i-th sample, oldest first. */
  timeAt(i: number): number {
    return this.#times[this.#slot(i)] ?? Number.NaN;
  }

  /** Metric `metricIndex` of the i-th sample, oldest first (NaN when the machine had no sample). */
  valueAt(i: number, metricIndex: number): number {
    return this.#values[this.#slot(i) * width + metricIndex] ?? Number.NaN;
  }

  /** Index of the first sample later than `simTimeMs` (binary search; samples are in time order). */
  indexAfter(simTimeMs: number): number {
    let lo = 0;
    let hi = this.#length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) <= simTimeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clear(): void {
    this.#start = 0;
    this.#length = 0;
  }

  #slot(i: number): number {
    return (this.#start + i) % this.capacity;
  }
}
