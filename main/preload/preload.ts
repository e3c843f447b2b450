// Preload bridge: exposes one function per API method and typed event subscriptions, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRenderer } from 'electron';
import { bridgeGlobalName, ipcChannelFor, ipcEventChannel } from '../../shared/api/bridge.ts';
import type { BridgeMethods, VirtlabBridge } from '../../shared/api/bridge.ts';
import { isEventName } from '../../shared/api/events.ts';
import type { EventListener, EventName, Unsubscribe } from '../../shared/api/events.ts';
import { methodNames } from '../../shared/api/methods.ts';

type AnyListener = (payload: unknown) => void;

export function createBridge(renderer: Pick<IpcRenderer, 'invoke' | 'on'>): VirtlabBridge {
  const listeners = new Map<EventName, Set<AnyListener>>();

  // One channel for all events; the IpcRendererEvent itself never reaches page code.
  renderer.on(ipcEventChannel, (_event, message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isEventName(event)) return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`[virtlab] ${event} listener failed`, error);
      }
    }
  });

  const methods = Object.fromEntries(
    methodNames.map((method) => [method, (input: unknown) => renderer.invoke(ipcChannelFor(method), input)]),
  ) as BridgeMethods;

  const on = <E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe => {
    if (!isEventName(event)) throw new TypeError(`Unknown Virtlab event "${String(event)}"`);
    if (typeof listener !== 'function') throw new TypeError('The event listener must be a function');
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    const stored = listener as AnyListener;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  };

  return { ...methods, on };
}

contextBridge.exposeInMainWorld(bridgeGlobalName, createBridge(ipcRenderer));
