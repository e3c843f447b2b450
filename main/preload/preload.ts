// Preload bridge: one function per API method, typed event subscriptions, the telemetry port, menu commands and dialogs; never ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { bridgeGlobalName, ipcChannelFor, ipcEventChannel, telemetryPortChannel, telemetryPortMessage, telemetryPortRequestChannel } from '../../shared/api/bridge.ts';
import type { BridgeMethods, VirtlabBridge } from '../../shared/api/bridge.ts';
import { menuCommandChannel, menuCommandSchema, openApplianceChannel, saveExportChannel } from '../../shared/api/desktop.ts';
import type { DesktopBridge, MenuCommand } from '../../shared/api/desktop.ts';
import { isEventName } from '../../shared/api/events.ts';
import type { EventListener, EventName, Unsubscribe } from '../../shared/api/events.ts';
import { methodNames } from '../../shared/api/methods.ts';

type AnyListener = (payload: unknown) => void;

/** Where the preload hands the telemetry port to the page's main world (the window itself). */
export interface PortTarget {
  postMessage(message: unknown, targetOrigin: string, transfer: IpcRendererEvent['ports']): void;
}

export function createBridge(renderer: Pick<IpcRenderer, 'invoke' | 'on' | 'send'>, page: PortTarget): VirtlabBridge {
  const listeners = new Map<EventName, Set<AnyListener>>();

  // The port is transferred on to the page as is; the preload never reads telemetry itself. A window posting to
  // itself reaches only itself, so '*' exposes nothing (app:// origins are opaque and cannot be named).
  renderer.on(telemetryPortChannel, (event) => {
    const port = event.ports[0];
    if (port) page.postMessage(telemetryPortMessage, '*', [port]);
  });

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

  // Takes no arguments, so the page cannot use it to send anything else to main.
  const requestTelemetryPort = (): void => renderer.send(telemetryPortRequestChannel);

  return { ...methods, on, requestTelemetryPort, ...createDesktopBridge(renderer) };
}

/** Menu commands and the two native dialogs: one function each, never a channel the page names. */
export function createDesktopBridge(renderer: Pick<IpcRenderer, 'invoke' | 'on'>): DesktopBridge {
  const menuListeners = new Set<(command: MenuCommand) => void>();
  renderer.on(menuCommandChannel, (_event, message: unknown) => {
    const parsed = menuCommandSchema.safeParse(message);
    if (!parsed.success) return;
    for (const listener of [...menuListeners]) {
      try {
        listener(parsed.data);
      } catch (error) {
        console.error('[virtlab] menu command listener failed', error);
      }
    }
  });
  return {
    onMenuCommand: (listener) => {
      if (typeof listener !== 'function') throw new TypeError('The menu command listener must be a function');
      menuListeners.add(listener);
      return () => {
        menuListeners.delete(listener);
      };
    },
    saveExportFiles: (files) => renderer.invoke(saveExportChannel, files),
    openApplianceFile: () => renderer.invoke(openApplianceChannel),
  };
}

// The preload's global object is the window (main/ is type-checked without the DOM library).
contextBridge.exposeInMainWorld(bridgeGlobalName, createBridge(ipcRenderer, globalThis as unknown as PortTarget));
