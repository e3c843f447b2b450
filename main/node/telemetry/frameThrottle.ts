// Sends at most one frame per interval: immediately when the last one is old enough, else once the interval has passed.
export interface ThrottleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Telemetry frames per client are at most this close together (≈ 10 a second). */
export const minFrameIntervalMs = 100;

export class FrameThrottle {
  readonly #flush: () => void;
  readonly #clock: ThrottleClock;
  readonly #intervalMs: number;
  #lastFlushAt = Number.NEGATIVE_INFINITY;
  #timer: unknown = undefined;

  constructor(flush: () => void, clock: ThrottleClock = systemClock, intervalMs = minFrameIntervalMs) {
    this.#flush = flush;
    this.#clock = clock;
    this.#intervalMs = intervalMs;
  }

  /** Something is waiting to be sent. */
  request(): void {
    if (this.#timer !== undefined) return;
    const wait = this.#lastFlushAt + this.#intervalMs - this.#clock.now();
    if (wait <= 0) {
      this.#run();
      return;
    }
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.#run();
    }, wait);
  }

  cancel(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #run(): void {
    this.#lastFlushAt = this.#clock.now();
    this.#flush();
  }
}
