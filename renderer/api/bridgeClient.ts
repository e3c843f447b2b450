// Transport over the Electron preload bridge (window.virtlab): result envelopes unwrapped; telemetry from a MessagePort.
import { AppError } from '../../shared/errors.ts';
import { telemetryPortMessage } from '../../shared/api/bridge.ts';
import type { VirtlabBridge } from '../../shared/api/bridge.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/methods.ts';
import type { ApiResult } from '../../shared/api/result.ts';
import type { EventListener, EventName, Unsubscribe } from '../../shared/api/events.ts';
import { telemetryFrameSchema } from '../../shared/domain/telemetry.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import type { ApiTransport, ConnectionState } from './apiClient.ts';

/** The page window as far as receiving the telemetry port goes (a fake in tests). */
export interface PortHost {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export function createBridgeTransport(bridge: VirtlabBridge, page: PortHost = window): ApiTransport {
  const telemetry = createTelemetryReceiver(bridge, page);
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
      if (event === 'telemetry') return telemetry.on(listener as EventListener<'telemetry'>);
      return bridge.on(event, listener);
    },
    // The bridge lives as long as the window; there is nothing to connect or reconnect.
    connectionState: (): ConnectionState => 'open',
    onConnectionChange: (): Unsubscribe => () => undefined,
    dispose: () => telemetry.dispose(),
  };
}

/**
 * Asks for the window's telemetry MessagePort when the first listener subscribes, then emits every frame that arrives
 * on it. Frames that are not TelemetryFrames (typed-array groups) are dropped.
 */
function createTelemetryReceiver(bridge: VirtlabBridge, page: PortHost) {
  const listeners = new Set<(frame: TelemetryFrame) => void>();
  let port: MessagePort | undefined;
  let requested = false;

  const onFrame = (event: MessageEvent): void => {
    const parsed = telemetryFrameSchema.safeParse(event.data);
    if (!parsed.success) return;
    for (const listener of [...listeners]) {
      try {
        listener(parsed.data);
      } catch (error) {
        console.error('Listener for "telemetry" failed', error);
      }
    }
  };

  const onWindowMessage = (event: MessageEvent): void => {
    if (event.data !== telemetryPortMessage || event.ports.length !== 1) return;
    port?.close();
    port = event.ports[0]!;
    port.onmessage = onFrame;
  };

  return {
    on(listener: (frame: TelemetryFrame) => void): Unsubscribe {
      listeners.add(listener);
      if (!requested) {
        requested = true;
        // Listen first, then ask: the port cannot arrive before anyone is there to take it.
        page.addEventListener('message', onWindowMessage);
        bridge.requestTelemetryPort();
      }
      return () => listeners.delete(listener);
    },
    dispose(): void {
      port?.close();
      port = undefined;
      listeners.clear();
    },
  };
}
