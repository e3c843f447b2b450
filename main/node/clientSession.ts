// One connected client (a WebSocket connection or an Electron webContents) and its telemetry subscription.
import type { EventName, EventPayload } from '../../shared/api/events.ts';
import type { TelemetryBatch } from '../../shared/domain/telemetry.ts';

/** Delivers one event to the client; transports decide how (WebSocket frame, webContents.send). */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class ClientSession {
  readonly id: number;
  readonly #sink: EventSink;
  #telemetryIds = new Set<string>();
  #closed = false;

  constructor(id: number, sink: EventSink) {
    this.id = id;
    this.#sink = sink;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get telemetryIds(): readonly string[] {
    return [...this.#telemetryIds];
  }

  setTelemetrySubscription(machineIds: readonly string[]): string[] {
    this.#telemetryIds = new Set(machineIds);
    return [...this.#telemetryIds];
  }

  /** A deleted machine will never produce samples again; forget it. */
  forgetMachine(id: string): void {
    this.#telemetryIds.delete(id);
  }

  send<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (!this.#closed) this.#sink(event, payload);
  }

  /** Sends only the subscribed machines' samples; nothing at all when none of them is in the batch. */
  sendTelemetry(batch: TelemetryBatch): void {
    const filtered = filterTelemetry(batch, this.#telemetryIds);
    if (filtered) this.send('telemetry', filtered);
  }

  close(): void {
    this.#closed = true;
  }
}

/** Keeps the columns aligned while dropping unsubscribed machines; always yields plain arrays (JSON- and clone-safe). */
export function filterTelemetry(batch: TelemetryBatch, wanted: ReadonlySet<string>): TelemetryBatch | null {
  const out: TelemetryBatch = { simTimeMs: batch.simTimeMs, machineIds: [], cpuPct: [], memoryUsedMiB: [] };
  if (wanted.size === 0) return null;
  batch.machineIds.forEach((id, index) => {
    if (!wanted.has(id)) return;
    out.machineIds.push(id);
    out.cpuPct.push(Number(batch.cpuPct[index]));
    out.memoryUsedMiB.push(Number(batch.memoryUsedMiB[index]));
  });
  return out.machineIds.length > 0 ? out : null;
}
