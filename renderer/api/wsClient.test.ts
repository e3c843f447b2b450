// Tests for the WebSocket transport against a fake socket: framing, errors, events, reconnection and failure modes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { WsTransport } from './wsClient.ts';
import type { TokenCheck, WebSocketLike } from './wsClient.ts';
import { tokenChecker } from './createApi.ts';
import { withMethods } from './apiClient.ts';
import { encodeTelemetryFrame } from '../../shared/transport/telemetryCodec.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import type { ConnectionState } from './apiClient.ts';

class FakeSocket implements WebSocketLike {
  onopen: WebSocketLike['onopen'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onerror: WebSocketLike['onerror'] = null;
  binaryType: string | undefined;
  readonly sent: Record<string, unknown>[] = [];
  closed = false;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.({});
  }
  drop(): void {
    this.onerror?.({});
    this.onclose?.({ code: 1006, reason: '' });
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  receiveBinary(data: ArrayBuffer): void {
    this.onmessage?.({ data });
  }
}

let sockets: FakeSocket[];
const latest = (): FakeSocket => {
  const socket = sockets.at(-1);
  if (!socket) throw new Error('no socket was opened');
  return socket;
};

function createTransport(callTimeoutMs = 30_000, checkToken?: () => Promise<TokenCheck>) {
  const transport = new WsTransport({
    ...(checkToken && { checkToken }),
    url: 'ws://127.0.0.1:1234/api?token=abc',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
    callTimeoutMs,
  });
  const states: ConnectionState[] = [];
  transport.onConnectionChange((state) => states.push(state));
  transport.start();
  return { transport, api: withMethods(transport), states };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WsTransport', () => {
  it('connects to the given URL and queues calls until the socket opens', async () => {
    const { api, states } = createTransport();
    expect(latest().url).toBe('ws://127.0.0.1:1234/api?token=abc');
    expect(states).toEqual([]);
    const reply = api.listMachines({});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(states).toEqual(['open']);
    expect(latest().sent).toEqual([{ kind: 'call', id: 1, method: 'listMachines', params: {} }]);
    latest().receive({ kind: 'result', id: 1, ok: true, value: [] });
    await expect(reply).resolves.toEqual([]);
  });

  it('matches replies to requests by id, whatever their order', async () => {
    const { api } = createTransport();
    latest().open();
    const first = api.getMachine({ id: 'a' });
    const second = api.getEngineStatus({});
    const [a, b] = latest().sent.map((frame) => frame.id);
    latest().receive({ kind: 'result', id: b, ok: true, value: 'second' });
    latest().receive({ kind: 'result', id: a, ok: true, value: 'first' });
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
  });

  it('throws an AppError with code and field when the envelope says ok:false', async () => {
    const { api } = createTransport();
    latest().open();
    const reply = api.createMachine({ name: 'x', osType: 'debian64', vcpus: 1, memoryMiB: 512, diskGiB: 8 });
    latest().receive({ kind: 'result', id: 1, ok: false, error: { code: 'CONFLICT', message: 'A machine named "x" already exists', field: 'name' } });
    const error = await rejection(reply);
    expect(error.code).toBe('CONFLICT');
    expect(error.field).toBe('name');
    expect(error.message).toBe('A machine named "x" already exists');
  });

  it('delivers events to their listeners until they unsubscribe, and ignores junk frames', () => {
    const { transport } = createTransport();
    latest().open();
    const seen: string[] = [];
    const stop = transport.on('machinesChanged', ({ removed }) => seen.push(...removed));
    latest().receive('not json');
    latest().receive({ kind: 'event', event: '__proto__', payload: {} });
    latest().receive({ kind: 'event', event: 'machinesChanged', payload: { machines: [], configChanged: [], removed: ['m1'] } });
    stop();
    latest().receive({ kind: 'event', event: 'machinesChanged', payload: { machines: [], configChanged: [], removed: ['m2'] } });
    expect(seen).toEqual(['m1']);
  });

  it('fails calls in flight with ENGINE_UNAVAILABLE when the connection drops, and refuses new ones while closed', async () => {
    const { api, states } = createTransport();
    latest().open();
    const inFlight = api.startMachine({ id: 'a' });
    latest().drop();
    const lost = await rejection(inFlight);
    expect(lost.code).toBe('ENGINE_UNAVAILABLE');
    expect(lost.message).toMatch(/lost before it answered/);
    expect(states).toEqual(['open', 'closed']);
    const refused = await rejection(api.listMachines({}));
    expect(refused.code).toBe('ENGINE_UNAVAILABLE');
    expect(refused.message).toMatch(/not connected/);
  });

  it('fails queued calls when the first connection attempt fails', async () => {
    const { api } = createTransport();
    const queued = api.listMachines({});
    latest().drop();
    const error = await rejection(queued);
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    expect(error.message).toMatch(/was not sent/);
  });

  it('reconnects with exponential backoff capped at the maximum, resetting after success', () => {
    const { states } = createTransport();
    latest().drop();
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(200);
    expect(sockets).toHaveLength(3);
    latest().drop();
    vi.advanceTimersByTime(400);
    expect(sockets).toHaveLength(4);
    latest().drop();
    vi.advanceTimersByTime(400);
    expect(sockets).toHaveLength(5);
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(6);
    expect(states.slice(0, 3)).toEqual(['closed', 'connecting', 'closed']);
    expect(states.at(-1)).toBe('connecting');
  });

  it('times out a call the server never answers', async () => {
    const { api } = createTransport(1000);
    latest().open();
    const reply = api.listHosts({});
    vi.advanceTimersByTime(1000);
    const error = await rejection(reply);
    expect(error.code).toBe('TIMEOUT');
  });

  it('stops reconnecting once disposed', () => {
    const { transport } = createTransport();
    latest().open();
    transport.dispose();
    expect(latest().closed).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    expect(transport.connectionState()).toBe('closed');
  });

  it('asks for ArrayBuffers and turns binary messages into telemetry events with Float32Array groups', () => {
    const { api } = createTransport();
    const socket = latest();
    socket.open();
    expect(socket.binaryType).toBe('arraybuffer');
    const frames: TelemetryFrame[] = [];
    api.on('telemetry', (frame) => frames.push(frame));
    const sent: TelemetryFrame = { version: 3, simTimeMs: [5000, 6000], groups: [Float32Array.of(1.5, Number.NaN), Float32Array.of(7, 8, 9, 10)] };
    socket.receiveBinary(encodeTelemetryFrame(sent).buffer);
    expect(frames).toHaveLength(1);
    expect(frames[0]!.version).toBe(3);
    expect(frames[0]!.simTimeMs).toEqual([5000, 6000]);
    expect(frames[0]!.groups[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(frames[0]!.groups[0]!)).toEqual([1.5, Number.NaN]);
    expect(Array.from(frames[0]!.groups[1]!)).toEqual([7, 8, 9, 10]);
  });

  it('drops a malformed binary message with a warning and keeps working', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { api } = createTransport();
    const socket = latest();
    socket.open();
    const frames: TelemetryFrame[] = [];
    api.on('telemetry', (frame) => frames.push(frame));
    const good = encodeTelemetryFrame({ version: 1, simTimeMs: [1000], groups: [Float32Array.of(1)] });
    socket.receiveBinary(good.buffer.slice(0, good.byteLength - 4));
    socket.receiveBinary(new ArrayBuffer(3));
    expect(frames).toHaveLength(0);
    expect(warn).toHaveBeenCalledTimes(2);
    socket.receiveBinary(good.buffer);
    expect(frames).toHaveLength(1);
    warn.mockRestore();
  });

  it('after a server restart with another token, says so and stops retrying instead of reporting the backend unreachable', async () => {
    const verdicts: TokenCheck[] = ['unreachable', 'invalid'];
    const checks: number[] = [];
    const { api, states } = createTransport(30_000, async () => (checks.push(sockets.length), verdicts.shift()!));
    latest().open();
    // The server goes away: the tab keeps retrying while it cannot be reached…
    latest().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
    latest().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(checks).toEqual([2]);
    await vi.advanceTimersByTimeAsync(200);
    // …and when it is back but refuses the token, the page is told so, once, and retries no more.
    expect(sockets).toHaveLength(3);
    latest().drop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets).toHaveLength(3);
    expect(states.at(-1)).toBe('unauthorized');
    const error = await rejection(api.listMachines({}));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/access token is no longer valid.*Open the URL it printed/);
  });

  it('keeps the token check to attempts that never opened (a dropped open connection just reconnects)', async () => {
    const checkToken = vi.fn(async (): Promise<TokenCheck> => 'valid');
    createTransport(30_000, checkToken);
    latest().open();
    latest().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(checkToken).not.toHaveBeenCalled();
    expect(sockets).toHaveLength(2);
  });
});

describe('tokenChecker', () => {
  it('reads 204 as valid, 401 as invalid and anything else, or no answer, as unreachable', async () => {
    const urls: string[] = [];
    const answer = (status: number | Error) =>
      tokenChecker({ search: '?token=a b' }, async (url) => {
        urls.push(String(url));
        if (status instanceof Error) throw status;
        return new Response(null, { status });
      });
    expect(await answer(204)()).toBe('valid');
    expect(await answer(401)()).toBe('invalid');
    expect(await answer(503)()).toBe('unreachable');
    expect(await answer(new TypeError('Failed to fetch'))()).toBe('unreachable');
    expect(urls[0]).toBe('/api/session?token=a%20b');
  });
});
