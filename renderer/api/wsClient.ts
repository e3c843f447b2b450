// Web-mode transport: AppApi calls and events over one WebSocket (JSON text; telemetry as binary frames), with reconnection.
import { AppError, appErrorSchema } from '../../shared/errors.ts';
import { isEventName } from '../../shared/api/events.ts';
import type { EventListener, EventName, EventPayload, Unsubscribe } from '../../shared/api/events.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/methods.ts';
import type { WsCallFrame } from '../../shared/transport/wsProtocol.ts';
import { decodeTelemetryFrame } from '../../shared/transport/telemetryCodec.ts';
import type { ApiTransport, ConnectionState } from './apiClient.ts';

/** The part of the browser WebSocket this client uses, so tests can pass a fake. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  /** Set to 'arraybuffer' so binary telemetry frames arrive as ArrayBuffers, not Blobs. */
  binaryType?: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WsClientOptions {
  url: string;
  createSocket?: (url: string) => WebSocketLike;
  /** Reconnection delay doubles from `initialDelayMs` up to `maxDelayMs`, and resets once a connection opens. */
  reconnect?: { initialDelayMs: number; maxDelayMs: number };
  callTimeoutMs?: number;
  /**
   * Asked after a connection attempt fails: a WebSocket refused for its token looks like any other failure to a page,
   * so the server is asked over HTTP whether it knows this token. Without it every failure counts as unreachable.
   */
  checkToken?: () => Promise<TokenCheck>;
}

export type TokenCheck = 'valid' | 'invalid' | 'unreachable';

interface PendingCall {
  frame: WsCallFrame;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  timer: ReturnType<typeof setTimeout>;
}

const notSentMessage =
  'Virtlab could not connect to its backend, so the request was not sent. It keeps retrying; try again once the status bar shows Connected.';
const lostMessage =
  'The connection to the Virtlab backend was lost before it answered. Check the machine list before retrying.';
const closedMessage = 'Virtlab is not connected to its backend right now (reconnecting). Try again in a moment.';
export const unauthorizedMessage =
  'This page’s access token is no longer valid: the Virtlab server was restarted with a new one. Open the URL it printed ' +
  '("Virtlab web mode: http://…/?token=…"), or run it again to see that line.';

export class WsTransport implements ApiTransport {
  readonly kind = 'web' as const;
  readonly #url: string;
  readonly #createSocket: (url: string) => WebSocketLike;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #callTimeoutMs: number;
  readonly #checkToken: (() => Promise<TokenCheck>) | undefined;
  #socket: WebSocketLike | null = null;
  #state: ConnectionState = 'connecting';
  #nextId = 1;
  #failedAttempts = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;
  readonly #pending = new Map<number, PendingCall>();
  readonly #eventListeners = new Map<EventName, Set<(payload: never) => void>>();
  readonly #stateListeners = new Set<(state: ConnectionState) => void>();

  constructor(options: WsClientOptions) {
    this.#url = options.url;
    this.#createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as WebSocketLike);
    this.#initialDelayMs = options.reconnect?.initialDelayMs ?? 250;
    this.#maxDelayMs = options.reconnect?.maxDelayMs ?? 5_000;
    this.#callTimeoutMs = options.callTimeoutMs ?? 30_000;
    this.#checkToken = options.checkToken;
  }

  /** Opens the first connection; later ones are opened automatically after a drop. */
  start(): void {
    if (this.#socket || this.#disposed) return;
    this.#connect();
  }

  connectionState(): ConnectionState {
    return this.#state;
  }

  onConnectionChange(listener: (state: ConnectionState) => void): Unsubscribe {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
    let set = this.#eventListeners.get(event);
    if (!set) {
      set = new Set();
      this.#eventListeners.set(event, set);
    }
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    if (this.#state === 'unauthorized') return Promise.reject(new AppError('UNAUTHORIZED', unauthorizedMessage));
    if (this.#disposed || this.#state === 'closed') {
      return Promise.reject(new AppError('ENGINE_UNAVAILABLE', closedMessage));
    }
    const frame: WsCallFrame = { kind: 'call', id: this.#nextId++, method, params: input };
    return new Promise<MethodOutput<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(frame.id);
        reject(new AppError('TIMEOUT', `The Virtlab backend did not answer "${method}" within ${Math.round(this.#callTimeoutMs / 1000)} s.`));
      }, this.#callTimeoutMs);
      const pending: PendingCall = { frame, sent: false, resolve: resolve as (value: unknown) => void, reject, timer };
      this.#pending.set(frame.id, pending);
      // While connecting the call waits in #pending and is sent when the socket opens.
      if (this.#state === 'open') this.#send(pending);
    });
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#reconnectTimer);
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.onopen = socket.onclose = socket.onmessage = socket.onerror = null;
      socket.close(1000, 'client closed');
    }
    this.#failPending();
    this.#setState('closed');
  }

  #connect(): void {
    this.#setState('connecting');
    let socket: WebSocketLike;
    try {
      socket = this.#createSocket(this.#url);
    } catch {
      this.#handleClose(true);
      return;
    }
    this.#socket = socket;
    socket.binaryType = 'arraybuffer';
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.#failedAttempts = 0;
      this.#setState('open');
      for (const pending of this.#pending.values()) if (!pending.sent) this.#send(pending);
    };
    socket.onmessage = (event) => this.#handleMessage(event.data);
    socket.onclose = () => {
      if (this.#socket === socket) this.#handleClose(!opened);
    };
    // An error is always followed by close, which does the work.
    socket.onerror = () => undefined;
  }

  /** `refused`: the attempt never opened, which is how a wrong token looks from here. */
  #handleClose(refused = false): void {
    this.#socket = null;
    this.#failPending();
    this.#setState('closed');
    if (this.#disposed) return;
    if (refused && this.#checkToken) {
      this.#checkToken().then(
        (verdict) => {
          if (this.#disposed || this.#socket) return;
          if (verdict === 'invalid') this.#setState('unauthorized');
          else this.#scheduleReconnect();
        },
        () => this.#scheduleReconnect(),
      );
      return;
    }
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#disposed) return;
    const delay = Math.min(this.#maxDelayMs, this.#initialDelayMs * 2 ** this.#failedAttempts);
    this.#failedAttempts += 1;
    this.#reconnectTimer = setTimeout(() => this.#connect(), delay);
  }

  #send(pending: PendingCall): void {
    try {
      this.#socket?.send(JSON.stringify(pending.frame));
      pending.sent = true;
    } catch {
      this.#settle(pending.frame.id, (p) => p.reject(new AppError('ENGINE_UNAVAILABLE', notSentMessage)));
    }
  }

  #failPending(): void {
    for (const pending of [...this.#pending.values()]) {
      this.#settle(pending.frame.id, (p) => p.reject(new AppError('ENGINE_UNAVAILABLE', p.sent ? lostMessage : notSentMessage)));
    }
  }

  #settle(id: number, finish: (pending: PendingCall) => void): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    finish(pending);
  }

  #handleMessage(data: unknown): void {
    if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
      this.#handleTelemetry(data);
      return;
    }
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const f = frame as Record<string, unknown>;
    if (f.kind === 'result' && typeof f.id === 'number') {
      if (f.ok === true) {
        this.#settle(f.id, (p) => p.resolve(f.value));
      } else {
        const parsed = appErrorSchema.safeParse(f.error);
        const error = parsed.success
          ? AppError.fromData(parsed.data)
          : new AppError('INTERNAL', 'The Virtlab backend sent an unreadable error.');
        this.#settle(f.id, (p) => p.reject(error));
      }
    } else if (f.kind === 'result') {
      // id null: the server could not read a frame at all; nothing pending can be matched to it.
      console.warn('Virtlab backend rejected a request frame', f.error);
    } else if (f.kind === 'event' && isEventName(f.event)) {
      this.#emit(f.event, f.payload as EventPayload<typeof f.event>);
    }
  }

  /** Binary messages are telemetry frames; a malformed one is dropped (the next frame carries on). */
  #handleTelemetry(data: ArrayBuffer | ArrayBufferView): void {
    const decoded = decodeTelemetryFrame(data);
    if (!decoded.ok) {
      console.warn(`Virtlab backend sent an unreadable telemetry frame: ${decoded.error}`);
      return;
    }
    this.#emit('telemetry', decoded.frame);
  }

  #emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...(this.#eventListeners.get(event) ?? [])]) {
      try {
        (listener as EventListener<E>)(payload);
      } catch (error) {
        console.error(`Listener for "${event}" failed`, error);
      }
    }
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const listener of [...this.#stateListeners]) listener(state);
  }
}
