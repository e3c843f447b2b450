// Web-mode server: serves the built renderer with a strict CSP and the typed API over an authenticated WebSocket.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { sessionPath, wsMaxFrameBytes, wsPath } from '../../shared/transport/wsProtocol.ts';
import type { BackendService } from './backendService.ts';
import { createLaunchToken, tokenMatches } from './launchToken.ts';
import { allowedHostHeaders, isLoopbackHost, loopbackRefusal, originAllowed, urlHost } from './loopback.ts';
import { logToStderr } from './logText.ts';
import { missingRendererPage } from './missingRendererPage.ts';
import { securityHeaders, webContentSecurityPolicy } from './securityHeaders.ts';
import { directoryExists, readStaticFile } from './staticFiles.ts';
import { serveConnection } from './wsConnection.ts';
import type { ConnectionLimits } from './wsConnection.ts';

export interface WebServerOptions {
  readonly backend: BackendService;
  /** Folder with the built renderer (dist/renderer). */
  readonly staticDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
  /** When given, enables `POST /__test__/crash-engine?token=…` (e2e of crash recovery); otherwise that route is 404. */
  readonly onCrashRequest?: () => void;
  readonly log?: (line: string) => void;
  /** Per-connection back-pressure limits; the defaults suit the app, tests make them small. */
  readonly connectionLimits?: ConnectionLimits;
}

export interface WebServerHandle {
  readonly port: number;
  readonly token: string;
  /** The page to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

export const crashHookPath = '/__test__/crash-engine';

function parseUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

export async function startWebServer(options: WebServerOptions): Promise<WebServerHandle> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(loopbackRefusal(host));
  const token = options.token ?? createLaunchToken();
  const log = options.log ?? logToStderr;
  const headers = securityHeaders(webContentSecurityPolicy);
  let hostHeaders = new Set<string>();

  const reply = (res: ServerResponse, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Cache-Control': 'no-cache', ...extra });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };
  const text = (res: ServerResponse, status: number, body: string, extra?: Record<string, string>): void =>
    reply(res, status, `${body}\n`, 'text/plain; charset=utf-8', extra);

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = parseUrl(req.url);
    if (!url) return text(res, 400, 'Bad request');
    if (!hostHeaders.has(req.headers.host ?? '')) return text(res, 403, 'Host not allowed');
    if (url.pathname === crashHookPath) {
      if (!options.onCrashRequest) return text(res, 404, 'Not found');
      if (req.method !== 'POST') return text(res, 405, 'Use POST', { Allow: 'POST' });
      if (!tokenMatches(token, url.searchParams.get('token'))) return text(res, 401, 'Missing or wrong token');
      options.onCrashRequest();
      return reply(res, 202, '{"ok":true}\n', 'application/json; charset=utf-8');
    }
    if (url.pathname === wsPath) return text(res, 426, 'This endpoint speaks WebSocket', { Upgrade: 'websocket' });
    if (url.pathname === sessionPath) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Use GET', { Allow: 'GET, HEAD' });
      // Says only whether the token is right, so the page can tell a stale tab from a stopped server.
      if (!tokenMatches(token, url.searchParams.get('token'))) return text(res, 401, 'Missing or wrong token');
      res.writeHead(204, { ...headers, 'Cache-Control': 'no-store' });
      return void res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (!(await directoryExists(options.staticDir))) {
      if (url.pathname === '/' || url.pathname === '/index.html') return reply(res, 503, missingRendererPage, 'text/html; charset=utf-8');
      return text(res, 404, 'Not found');
    }
    const file = await readStaticFile(options.staticDir, url.pathname);
    reply(res, file.status, file.body, file.contentType);
  };

  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log(`[web] request failed: ${String(error)}`);
      if (!res.headersSent) text(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  // Messages are handed over one per event-loop turn, so a client sending many frames at once cannot hold the
  // loop while other clients wait (ws delivers a whole TCP chunk's frames synchronously otherwise).
  const wss = new WebSocketServer({ noServer: true, maxPayload: wsMaxFrameBytes, allowSynchronousEvents: false });
  const refuseUpgrade = (socket: Duplex, status: number, reason: string): void => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`);
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = parseUrl(req.url);
    if (!url || url.pathname !== wsPath) return refuseUpgrade(socket, 404, 'Not Found');
    if (!hostHeaders.has(req.headers.host ?? '')) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!originAllowed(req.headers.origin, req.headers.host)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!tokenMatches(token, url.searchParams.get('token'))) return refuseUpgrade(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, options.backend, log, options.connectionLimits));
  });

  const bindAddress = host === 'localhost' ? '127.0.0.1' : host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindAddress, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  hostHeaders = allowedHostHeaders(port);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const clientsClosed = [...wss.clients].map((client) => {
        const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
        client.close(1001, 'Virtlab is shutting down');
        // A client that never answers the close handshake must not hold shutdown up.
        setTimeout(() => client.terminate(), 500).unref();
        return closed;
      });
      wss.close();
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([...clientsClosed, serverClosed]);
    })();
    return closing;
  };

  return { port, token, url: `http://${urlHost(host)}:${port}/?token=${token}`, close };
}
