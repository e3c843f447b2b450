// Chooses the transport: the Electron preload bridge when present, else the web-mode WebSocket.
import { bridgeGlobalName } from '../../shared/api/bridge.ts';
import type { VirtlabBridge } from '../../shared/api/bridge.ts';
import { sessionPath, wsPath } from '../../shared/transport/wsProtocol.ts';
import { withMethods } from './apiClient.ts';
import type { ApiClient } from './apiClient.ts';
import { createBridgeTransport } from './bridgeClient.ts';
import { WsTransport } from './wsClient.ts';
import type { TokenCheck } from './wsClient.ts';

/** WebSocket URL on the page's own origin, carrying the per-launch token the server put in the page URL. */
export function wsUrlFor(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${wsPath}?token=${encodeURIComponent(token)}`;
}

/** Asks the server (same origin) whether it knows the page's token: 204 yes, 401 no, anything else: cannot tell. */
export function tokenChecker(location: Pick<Location, 'search'>, fetchImpl: typeof fetch = (...args) => fetch(...args)): () => Promise<TokenCheck> {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  return async () => {
    try {
      const response = await fetchImpl(`${sessionPath}?token=${encodeURIComponent(token)}`, { cache: 'no-store' });
      return response.status === 204 ? 'valid' : response.status === 401 ? 'invalid' : 'unreachable';
    } catch {
      return 'unreachable';
    }
  };
}

export function createApi(win: Window = window): ApiClient {
  const bridge = (win as unknown as Record<string, VirtlabBridge | undefined>)[bridgeGlobalName];
  if (bridge) return withMethods(createBridgeTransport(bridge, win));
  const transport = new WsTransport({ url: wsUrlFor(win.location), checkToken: tokenChecker(win.location) });
  transport.start();
  return withMethods(transport);
}
