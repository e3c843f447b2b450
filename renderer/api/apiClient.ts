// The typed client the renderer talks to: one async function per AppApi method, events, and connection state.
import { methodNames } from '../../shared/api/methods.ts';
import type { AppApi, MethodInput, MethodName, MethodOutput } from '../../shared/api/methods.ts';
import type { AppEvents, Unsubscribe } from '../../shared/api/events.ts';

/** `connecting` until the first link is up; `closed` while the web client waits to reconnect. */
/** 'unauthorized': the server is up but refuses this page's token (it was restarted with a new one); no retrying. */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';
export type TransportKind = 'electron' | 'web';

/** What a transport (preload bridge or WebSocket) must provide; methods are derived from `call`. */
export interface ApiTransport extends AppEvents {
  readonly kind: TransportKind;
  /** Calls a method; rejects with an AppError when the backend answers ok:false or cannot be reached. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): Unsubscribe;
  dispose(): void;
}

export type ApiClient = ApiTransport & AppApi;

/** Adds `api.createMachine(input)`-style functions, all routed through the transport's `call`. */
export function withMethods(transport: ApiTransport): ApiClient {
  const methods = {} as Record<MethodName, (input: never) => Promise<unknown>>;
  for (const name of methodNames) {
    methods[name] = (input: never) => transport.call(name, input);
  }
  return Object.assign(Object.create(null) as object, methods, {
    kind: transport.kind,
    call: transport.call.bind(transport),
    on: transport.on.bind(transport),
    connectionState: transport.connectionState.bind(transport),
    onConnectionChange: transport.onConnectionChange.bind(transport),
    dispose: transport.dispose.bind(transport),
  }) as ApiClient;
}
