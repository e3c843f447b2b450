// WebSocket client for tests: sends call frames or raw data and waits for matching result/event (and binary telemetry) frames.
import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import { decodeTelemetryFrame } from '../../../shared/transport/telemetryCodec.ts';
import type { EventName, EventPayload } from '../../../shared/api/events.ts';
import type { WsEventFrame, WsResultFrame, WsServerFrame } from '../../../shared/transport/wsProtocol.ts';

type Waiter = { match: (frame: WsServerFrame) => boolean; resolve: (frame: WsServerFrame) => void };

export class WsTestClient {
  readonly socket: WebSocket;
  readonly frames: WsServerFrame[] = [];
  /** Bytes of every message received (payloads, without WebSocket framing), and of telemetry messages alone. */
  receivedBytes = 0;
  telemetryBytes = 0;
  #waiters: Waiter[] = [];
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      const bytes = rawBytes(data);
      this.receivedBytes += bytes.byteLength;
      let frame: WsServerFrame;
      if (isBinary) {
        // Binary messages are telemetry frames; a test sees them as telemetry events with Float32Array groups.
        const decoded = decodeTelemetryFrame(bytes);
        if (!decoded.ok) throw new Error(`unreadable telemetry frame: ${decoded.error}`);
        this.telemetryBytes += bytes.byteLength;
        frame = { kind: 'event', event: 'telemetry', payload: decoded.frame };
      } else {
        frame = JSON.parse(bytes.toString('utf8')) as WsServerFrame;
      }
      this.frames.push(frame);
      const ready = this.#waiters.filter((w) => w.match(frame));
      this.#waiters = this.#waiters.filter((w) => !w.match(frame));
      for (const waiter of ready) waiter.resolve(frame);
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<WsTestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.once('open', () => resolve(new WsTestClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  /** Resolves with the first frame (already received or future) matching `match`. */
  waitFor(match: (frame: WsServerFrame) => boolean): Promise<WsServerFrame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }

  /** Resolves with the payload of the first `event` frame whose payload matches. */
  async waitForEvent<E extends EventName>(event: E, match: (payload: EventPayload<E>) => boolean = () => true): Promise<EventPayload<E>> {
    const frame = await this.waitFor((f) => f.kind === 'event' && f.event === event && match(f.payload as EventPayload<E>));
    return (frame as WsEventFrame<E>).payload;
  }

  nextId(): number {
    return this.#nextId++;
  }

  /** Sends `{"kind":"call","id":…,"method":…,"params":<paramsJson>}` with params given as raw JSON text. */
  callRaw(method: string, paramsJson: string): Promise<WsResultFrame> {
    const id = this.nextId();
    this.socket.send(`{"kind":"call","id":${id},"method":${JSON.stringify(method)},"params":${paramsJson}}`);
    return this.waitFor((f) => f.kind === 'result' && f.id === id) as Promise<WsResultFrame>;
  }

  call(method: string, params?: unknown): Promise<WsResultFrame> {
    return this.callRaw(method, params === undefined ? '{}' : JSON.stringify(params));
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

function rawBytes(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return data;
}
