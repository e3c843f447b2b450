// Serves one authenticated WebSocket client: call frames in; result and event frames (JSON) and telemetry (binary) out.
import { WebSocket } from 'ws';
import type { WsServerFrame } from '../../shared/transport/wsProtocol.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import { encodeTelemetryFrame } from '../../shared/transport/telemetryCodec.ts';
import type { BackendService } from './backendService.ts';
import { parseCallFrame, resultFrame } from './wsFrames.ts';

/** A client this far behind is not reading; dropping telemetry for it beats growing memory without bound. */
const telemetryBackpressureBytes = 4 * 1024 * 1024;

export function serveConnection(socket: WebSocket, backend: BackendService, log: (line: string) => void): void {
  const send = (frame: WsServerFrame): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      log(`[web] could not encode a frame: ${String(error)}`);
      return;
    }
    socket.send(text, (error) => {
      if (error) log(`[web] could not send to a client: ${error.message}`);
    });
  };

  const session = backend.connect((event, payload) => {
    if (event !== 'telemetry') {
      send({ kind: 'event', event, payload } as WsServerFrame);
      return;
    }
    // Telemetry travels as a binary message (typed arrays, no JSON); everything else stays JSON text.
    if (socket.readyState !== WebSocket.OPEN || socket.bufferedAmount > telemetryBackpressureBytes) return;
    socket.send(encodeTelemetryFrame(payload as TelemetryFrame), { binary: true }, (error) => {
      if (error) log(`[web] could not send telemetry to a client: ${error.message}`);
    });
  });

  socket.on('message', (data, isBinary) => {
    const parsed = parseCallFrame(data, isBinary);
    if (!parsed.ok) {
      send(parsed.reply);
      return;
    }
    const { id, method, params } = parsed.call;
    void backend.dispatch(method, params, session).then((result) => send(resultFrame(id, result)));
  });
  socket.on('close', () => backend.disconnect(session));
  // Errors such as an oversized frame close this connection only; the server and other clients carry on.
  socket.on('error', (error) => log(`[web] client connection error: ${error.message}`));
}
