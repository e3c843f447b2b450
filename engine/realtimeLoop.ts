// Drives an engine from real time: every tick advances it by tick × speed and hands the notifications on.
import type { EngineNotification } from '../shared/engine/protocol.ts';

/** The timer functions the loop needs, injected so the core never touches host globals. */
export interface IntervalScheduler {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** What the loop drives; the Engine satisfies it. */
export interface Advanceable {
  readonly speed: number;
  advance(ms: number): EngineNotification[];
}

export interface RealtimeLoopOptions {
  readonly engine: Advanceable;
  readonly scheduler: IntervalScheduler;
  readonly onNotifications: (notifications: EngineNotification[]) => void;
  /** Real milliseconds between ticks. */
  readonly tickMs?: number;
}

export const defaultTickMs = 100;

export class RealtimeLoop {
  private readonly options: RealtimeLoopOptions;
  private readonly tickMs: number;
  private handle: unknown = undefined;
  private started = false;

  constructor(options: RealtimeLoopOptions) {
    this.options = options;
    this.tickMs = options.tickMs ?? defaultTickMs;
  }

  get running(): boolean {
    return this.started;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.handle = this.options.scheduler.setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.options.scheduler.clearInterval(this.handle);
    this.handle = undefined;
  }

  /**
   * One tick. Speed is read each time so a re-init with another speed applies at once.
   * Timer jitter is deliberately ignored: simulated time per tick stays fixed, which keeps runs reproducible.
   */
  tick(): void {
    const notifications = this.options.engine.advance(this.tickMs * this.options.engine.speed);
    if (notifications.length > 0) this.options.onNotifications(notifications);
  }
}
