// Manual interval scheduler for tests: ticks only when a test says so, so no real time passes.
import type { IntervalScheduler } from './realtimeLoop.ts';

export class ManualScheduler implements IntervalScheduler {
  private readonly timers = new Map<number, { callback: () => void; ms: number }>();
  private nextHandle = 1;

  get activeCount(): number {
    return this.timers.size;
  }

  intervalOf(handle: number): number | undefined {
    return this.timers.get(handle)?.ms;
  }

  setInterval(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { callback, ms });
    return handle;
  }

  clearInterval(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** Fires every active interval `times` times. */
  fire(times = 1): void {
    for (let i = 0; i < times; i++) for (const timer of [...this.timers.values()]) timer.callback();
  }
}
