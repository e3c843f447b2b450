// Fixed-size numeric ring buffer for telemetry series: O(1) push, oldest samples drop off.
export class RingBuffer {
  readonly capacity: number;
  readonly #values: Float64Array;
  #start = 0;
  #length = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('Ring buffer capacity must be a positive integer');
    this.capacity = capacity;
    this.#values = new Float64Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    const end = (this.#start + this.#length) % this.capacity;
    this.#values[end] = value;
    if (this.#length < this.capacity) this.#length += 1;
    else this.#start = (this.#start + 1) % this.capacity;
  }

  /** Newest sample, or undefined when empty. */
  last(): number | undefined {
    return this.#length === 0 ? undefined : this.#values[(this.#start + this.#length - 1) % this.capacity];
  }

  /** A fresh plain array, oldest first: callers (Chart.js) may mutate it freely. */
  toArray(): number[] {
    const out = new Array<number>(this.#length);
    for (let i = 0; i < this.#length; i += 1) out[i] = this.#values[(this.#start + i) % this.capacity] ?? 0;
    return out;
  }

  clear(): void {
    this.#start = 0;
    this.#length = 0;
  }
}
