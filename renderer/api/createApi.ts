// Chooses the transport: the Electron preload bridge when present, else the web-mode WebSocket.
import { bridgeGlobalName } from '../../shared/api/bridge.ts';
import type { VirtlabBridge } from '../../shared/api/bridge.ts';
import { wsPath } from '../../shared/transport/wsProtocol.ts';
import { withMethods } from './apiClient.ts';
import type { ApiClient } from './apiClient.ts';
import { createBridgeTransport } from './bridgeClient.ts';
import { WsTransport } from './wsClient.ts';

/** WebSocket URL on the page's own origin, carrying the per-launch token the server put in the page URL. */
export function wsUrlFor(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${wsPath}?token=${encodeURIComponent(token)}`;
}

export function createApi(win: Window = window): ApiClient {
  const bridge = (win as unknown as Record<string, VirtlabBridge | undefined>)[bridgeGlobalName];
  if (bridge) return withMethods(createBridgeTransport(bridge, win));
  const transport = new WsTransport({ url: wsUrlFor(win.location) });
  transport.start();
  return withMethods(transport);
}
