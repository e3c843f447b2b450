// One connected client (a WebSocket connection or an Electron webContents), its telemetry subscription and frame stream.
import type { EventName, EventPayload } from '../../shared/api/events.ts';
import type { TelemetryGroup, TelemetrySubscriptionReply } from '../../shared/domain/telemetry.ts';
import { FrameAssembler } from './telemetry/frameAssembler.ts';
import { FrameThrottle } from './telemetry/frameThrottle.ts';
import type { ThrottleClock } from './telemetry/frameThrottle.ts';
import type { IndexedBatch } from './telemetry/indexedBatch.ts';
import { layOut, replyOf } from './telemetry/subscriptionLayout.ts';

/** Delivers one event to the client; transports decide how (WebSocket text or binary frame, webContents.send, MessagePort). */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface ClientSessionOptions {
  /** Timers for the telemetry frame cap; real ones by default. */
  readonly clock?: ThrottleClock;
}

export class ClientSession {
  readonly id: number;
  readonly #sink: EventSink;
  readonly #frames = new FrameAssembler();
  readonly #throttle: FrameThrottle;
  #version = 0;
  #closed = false;

  constructor(id: number, sink: EventSink, options: ClientSessionOptions = {}) {
    this.id = id;
    this.#sink = sink;
    this.#throttle = new FrameThrottle(() => this.#flushTelemetry(), options.clock);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Replaces the subscription; the version goes up with every call so frames can be matched to the layout they use.
   * Machines stay in the layout after they are deleted (their values are NaN) so the client's indexes never shift.
   */
  setTelemetrySubscription(groups: readonly TelemetryGroup[]): TelemetrySubscriptionReply {
    const layout = layOut(groups, ++this.#version);
    this.#throttle.cancel();
    this.#frames.setLayout(layout);
    return replyOf(layout);
  }

  send<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (!this.#closed) this.#sink(event, payload);
  }

  /** Queues this second's subscribed values; frames go out at most every 100 ms, several samples each when time runs fast. */
  addTelemetry(batch: IndexedBatch): void {
    if (this.#closed) return;
    this.#frames.add(batch);
    if (this.#frames.pending > 0) this.#throttle.request();
  }

  close(): void {
    this.#closed = true;
    this.#throttle.cancel();
  }

  #flushTelemetry(): void {
    const frame = this.#frames.take();
    if (frame) this.send('telemetry', frame);
  }
}
