// Simulated clock: time only moves when the engine advances it explicitly, never from the wall clock.

export class SimClock {
  private currentMs: number;

  constructor(startMs = 0) {
    this.currentMs = startMs;
  }

  get nowMs(): number {
    return this.currentMs;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Simulated time can only move forward (got ${ms} ms)`);
    this.currentMs += ms;
    return this.currentMs;
  }
}
