// Shape of the preload bridge (window.virtlab): one function per method returning the result envelope, plus events.
import type { MethodInput, MethodName, MethodOutput } from './methods.ts';
import type { AppEvents } from './events.ts';
import type { ApiResult } from './result.ts';

/** Envelopes instead of throws: errors thrown across contextBridge lose their code and field. */
export type BridgeMethods = { [M in MethodName]: (input: MethodInput<M>) => Promise<ApiResult<MethodOutput<M>>> };

export type VirtlabBridge = BridgeMethods & AppEvents;

/** Global name under which the preload exposes the bridge. */
export const bridgeGlobalName = 'virtlab';

/** IPC channel for a method; the preload and main/electron both derive channels from here. */
export const ipcChannelFor = (method: MethodName): `app:${MethodName}` => `app:${method}`;
/** IPC channel on which main pushes events to the renderer. */
export const ipcEventChannel = 'app:event';
