// Shape of the preload bridge (window.virtlab): one function per method returning the result envelope, plus events.
import type { MethodInput, MethodName, MethodOutput } from './methods.ts';
import type { AppEvents } from './events.ts';
import type { ApiResult } from './result.ts';
import type { DesktopBridge } from './desktop.ts';

/** Envelopes instead of throws: errors thrown across contextBridge lose their code and field. */
export type BridgeMethods = { [M in MethodName]: (input: MethodInput<M>) => Promise<ApiResult<MethodOutput<M>>> };

export type VirtlabBridge = BridgeMethods &
  AppEvents &
  DesktopBridge & {
    /**
     * Asks main for a fresh MessagePort carrying this window's telemetry frames; the preload hands it to the page with
     * window.postMessage(telemetryPortMessage, '*', [port]). Telemetry never arrives through `on`.
     */
    requestTelemetryPort(): void;
  };

/** Global name under which the preload exposes the bridge. */
export const bridgeGlobalName = 'virtlab';

/** IPC channel for a method; the preload and main/electron both derive channels from here. */
export const ipcChannelFor = (method: MethodName): `app:${MethodName}` => `app:${method}`;
/** IPC channel on which main pushes events to the renderer. */
export const ipcEventChannel = 'app:event';
/** Renderer → main: send me a new telemetry MessagePort (replacing any earlier one). */
export const telemetryPortRequestChannel = 'app:telemetry-port-request';
/** Main → preload: the telemetry MessagePort, in the message's ports. */
export const telemetryPortChannel = 'app:telemetry-port';
/** Preload → page (window.postMessage data) announcing the telemetry port in the event's ports. */
export const telemetryPortMessage = 'virtlab:telemetry-port';
