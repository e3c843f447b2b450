// Connected mode: the AppApi of a running Virtlab over its WebSocket (call/result frames), found through endpoint.json.
import { WebSocket } from 'ws';
import { methodNames } from '../../shared/api/methods.ts';
import type { AppApi, MethodName } from '../../shared/api/methods.ts';
import type { OperationProgress } from '../../shared/domain/appliance.ts';
import { AppError, appErrorSchema } from '../../shared/errors.ts';
import { wsPath } from '../../shared/transport/wsProtocol.ts';
import type { Endpoint } from '../node/endpointFile.ts';
import type { BackendSession } from './inProcessSession.ts';

export interface RemoteOptions {
  readonly libraryDir: string;
  readonly onProgress: (progress: OperationProgress) => void;
  readonly connectTimeoutMs?: number;
  /** A call that gets no answer in this time fails (exports of many machines take a while). */
  readonly callTimeoutMs?: number;
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: AppError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export function socketUrl(endpoint: Endpoint): string {
  return `${endpoint.url.replace(/^http:/, 'ws:')}${wsPath}?token=${encodeURIComponent(endpoint.token)}`;
}

/** Opens the WebSocket; rejects (so the caller can fall back) when nothing answers or the token is refused. */
function connect(url: string, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => {
      socket.terminate();
      reject(new Error(`the running Virtlab refused the connection (HTTP ${response.statusCode})`));
    });
    socket.once('error', reject);
  });
}

export async function openRemoteSession(endpoint: Endpoint, options: RemoteOptions): Promise<BackendSession> {
  const socket = await connect(socketUrl(endpoint), options.connectTimeoutMs ?? 3_000);
  const callTimeoutMs = options.callTimeoutMs ?? 300_000;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  socket.on('message', (data, isBinary) => {
    if (isBinary) return; // telemetry frames: the CLI subscribes to none
    let frame: { kind?: unknown; id?: unknown; ok?: unknown; value?: unknown; error?: unknown; event?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(String(data)) as typeof frame;
    } catch {
      return;
    }
    if (frame.kind === 'event' && frame.event === 'operationProgress') options.onProgress(frame.payload as OperationProgress);
    if (frame.kind !== 'result' || typeof frame.id !== 'number') return;
    const call = pending.get(frame.id);
    if (!call) return;
    pending.delete(frame.id);
    clearTimeout(call.timer);
    if (frame.ok === true) call.resolve(frame.value);
    else {
      const error = appErrorSchema.safeParse(frame.error);
      call.reject(error.success ? AppError.fromData(error.data) : new AppError('INTERNAL', 'The running Virtlab sent an answer the CLI does not understand'));
    }
  });
  socket.on('close', () => {
    for (const call of pending.values()) {
      clearTimeout(call.timer);
      call.reject(new AppError('ENGINE_UNAVAILABLE', `the connection to the running Virtlab (pid ${endpoint.pid}) closed before it answered; check with "virtlab list" whether the change was made`));
    }
    pending.clear();
  });

  const call = (method: MethodName, params: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (socket.readyState !== WebSocket.OPEN) {
        reject(new AppError('ENGINE_UNAVAILABLE', `the running Virtlab (pid ${endpoint.pid}) is no longer reachable`));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new AppError('TIMEOUT', `the running Virtlab did not answer ${method} within ${callTimeoutMs / 1000} s`));
      }, callTimeoutMs);
      pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify({ kind: 'call', id, method, params: params ?? {} }));
    });

  const api = Object.fromEntries(methodNames.map((method) => [method, (input: unknown) => call(method, input)])) as AppApi;
  return {
    api,
    mode: 'connected',
    libraryDir: options.libraryDir,
    close: async () => {
      if (socket.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
}
