// Serves one authenticated WebSocket client: call frames in; result and event frames (JSON) and telemetry (binary) out.
import { WebSocket } from 'ws';
import type { WsServerFrame } from '../../shared/transport/wsProtocol.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import { encodeTelemetryFrame } from '../../shared/transport/telemetryCodec.ts';
import type { BackendService } from './backendService.ts';
import { parseCallFrame, resultFrame } from './wsFrames.ts';

export interface ConnectionLimits {
  /** A client this far behind is not reading; dropping telemetry for it beats growing memory without bound. */
  readonly telemetryBacklogBytes: number;
  /**
   * Replies and events waiting to be sent beyond this mean the client stopped reading: the connection is closed
   * with a reason rather than buffering every answer (one reply may overshoot it; nothing after that is queued).
   */
  readonly replyBacklogBytes: number;
  /** Calls being worked on at once; beyond this the socket is not read, so a flooding client waits, not the server. */
  readonly maxCallsInFlight: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  telemetryBacklogBytes: 4 * 1024 * 1024,
  replyBacklogBytes: 8 * 1024 * 1024,
  maxCallsInFlight: 32,
};

/** Close code 1008 (policy violation), as RFC 6455 suggests for a peer that breaks the rules of the endpoint. */
const policyViolation = 1008;

export function serveConnection(
  socket: WebSocket,
  backend: BackendService,
  log: (line: string) => void,
  limits: ConnectionLimits = defaultConnectionLimits,
): void {
  let inFlight = 0;
  let closing = false;

  const closeForBacklog = (): void => {
    closing = true;
    const reason = 'Too many unread replies: this client stopped reading, so the server closed the connection';
    log(`[web] closed a client that stopped reading (${socket.bufferedAmount} bytes of replies were waiting)`);
    // The close frame waits behind the backlog; ws destroys the socket if the client never reads it.
    socket.close(policyViolation, reason);
    socket.pause();
  };

  const send = (frame: WsServerFrame): void => {
    if (closing || socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > limits.replyBacklogBytes) return closeForBacklog();
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      log(`[web] could not encode a frame: ${String(error)}`);
      return;
    }
    socket.send(text, (error) => {
      if (error && !closing) log(`[web] could not send to a client: ${error.message}`);
    });
  };

  const session = backend.connect((event, payload) => {
    if (event !== 'telemetry') {
      send({ kind: 'event', event, payload } as WsServerFrame);
      return;
    }
    // Telemetry travels as a binary message (typed arrays, no JSON); everything else stays JSON text.
    if (closing || socket.readyState !== WebSocket.OPEN || socket.bufferedAmount > limits.telemetryBacklogBytes) return;
    socket.send(encodeTelemetryFrame(payload as TelemetryFrame), { binary: true }, (error) => {
      if (error && !closing) log(`[web] could not send telemetry to a client: ${error.message}`);
    });
  });

  const callDone = (): void => {
    inFlight -= 1;
    if (!closing && inFlight < limits.maxCallsInFlight && socket.isPaused) socket.resume();
  };

  socket.on('message', (data, isBinary) => {
    if (closing) return;
    const parsed = parseCallFrame(data, isBinary);
    if (!parsed.ok) {
      send(parsed.reply);
      return;
    }
    const { id, method, params } = parsed.call;
    inFlight += 1;
    if (inFlight >= limits.maxCallsInFlight) socket.pause();
    void backend
      .dispatch(method, params, session)
      .then((result) => send(resultFrame(id, result)))
      .finally(callDone);
  });
  socket.on('close', () => backend.disconnect(session));
  // Errors such as an oversized frame close this connection only; the server and other clients carry on.
  socket.on('error', (error) => log(`[web] client connection error: ${error.message}`));
}
