// Transport over the Electron preload bridge (window.virtlab): unwraps result envelopes into values or AppErrors.
import { AppError } from '../../shared/errors.ts';
import type { VirtlabBridge } from '../../shared/api/bridge.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/methods.ts';
import type { ApiResult } from '../../shared/api/result.ts';
import type { EventListener, EventName, Unsubscribe } from '../../shared/api/events.ts';
import type { ApiTransport, ConnectionState } from './apiClient.ts';

export function createBridgeTransport(bridge: VirtlabBridge): ApiTransport {
  return {
    kind: 'electron',
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const invoke = bridge[method] as (input: MethodInput<M>) => Promise<ApiResult<MethodOutput<M>>>;
      let result: ApiResult<MethodOutput<M>>;
      try {
        result = await invoke(input);
      } catch {
        throw new AppError('ENGINE_UNAVAILABLE', 'Virtlab could not reach its backend. Restart the application and try again.');
      }
      if (!result.ok) throw AppError.fromData(result.error);
      return result.value;
    },
    on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
      return bridge.on(event, listener);
    },
    // The bridge lives as long as the window; there is nothing to connect or reconnect.
    connectionState: (): ConnectionState => 'open',
    onConnectionChange: (): Unsubscribe => () => undefined,
    dispose: () => undefined,
  };
}
