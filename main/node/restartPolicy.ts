// Decides whether and when to restart a crashed engine worker: backoff per crash, capped per minute.
export interface RestartPolicyOptions {
  /** Delay before each successive restart within the window; the last value repeats. */
  readonly backoffMs?: readonly number[];
  /** More crashes than this within `windowMs` mean something is deeply wrong: stop restarting. */
  readonly maxRestarts?: number;
  readonly windowMs?: number;
}

export type RestartDecision = { restart: true; delayMs: number } | { restart: false; recentRestarts: number };

export const defaultRestartPolicy = { backoffMs: [100, 500, 1000, 2000], maxRestarts: 5, windowMs: 60_000 } as const;

export class RestartPolicy {
  readonly #backoffMs: readonly number[];
  readonly #maxRestarts: number;
  readonly #windowMs: number;
  #restartTimes: number[] = [];

  constructor(options: RestartPolicyOptions = {}) {
    this.#backoffMs = options.backoffMs ?? defaultRestartPolicy.backoffMs;
    this.#maxRestarts = options.maxRestarts ?? defaultRestartPolicy.maxRestarts;
    this.#windowMs = options.windowMs ?? defaultRestartPolicy.windowMs;
  }

  get windowMs(): number {
    return this.#windowMs;
  }

  /** Records a crash at `nowMs` and returns what to do about it. */
  onCrash(nowMs: number): RestartDecision {
    this.#restartTimes = this.#restartTimes.filter((t) => nowMs - t < this.#windowMs);
    const recent = this.#restartTimes.length;
    if (recent >= this.#maxRestarts) return { restart: false, recentRestarts: recent };
    this.#restartTimes.push(nowMs);
    const delayMs = this.#backoffMs[Math.min(recent, this.#backoffMs.length - 1)] ?? 0;
    return { restart: true, delayMs };
  }
}
