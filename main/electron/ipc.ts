// IPC: one ipcMain.handle per API method, each checking its sender, plus event forwarding to the window.
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcChannelFor, ipcEventChannel } from '../../shared/api/bridge.ts';
import { methodNames } from '../../shared/api/methods.ts';
import { fail } from '../../shared/api/result.ts';
import type { BackendService } from '../node/backendService.ts';
import type { ClientSession } from '../node/clientSession.ts';
import { isAppUrl } from './appProtocol.ts';

/** Only the main window's top frame, showing our own app:// page, may call the backend. */
export function isTrustedSender(event: IpcMainInvokeEvent, mainWindow: BrowserWindow | null): boolean {
  if (!mainWindow || mainWindow.isDestroyed()) return false;
  if (event.sender !== mainWindow.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

export interface IpcRegistration {
  /** Creates the window's client session now, so events reach it before its first call. */
  connect(contents: WebContents): ClientSession;
  dispose(): void;
}

export function registerIpc(
  backend: BackendService,
  getMainWindow: () => BrowserWindow | null,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): IpcRegistration {
  const sessions = new Map<WebContents, ClientSession>();
  const connect = (contents: WebContents): ClientSession => {
    const existing = sessions.get(contents);
    if (existing) return existing;
    const session = backend.connect((event, payload) => {
      if (!contents.isDestroyed()) contents.send(ipcEventChannel, { event, payload });
    });
    sessions.set(contents, session);
    contents.once('destroyed', () => {
      backend.disconnect(session);
      sessions.delete(contents);
    });
    return session;
  };

  for (const method of methodNames) {
    ipcMain.handle(ipcChannelFor(method), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, getMainWindow())) {
        log(`[security] refused ${method} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
        return fail({ code: 'UNAUTHORIZED', message: 'Only the Virtlab main window may call the backend.' });
      }
      return backend.dispatch(method, input, connect(event.sender));
    });
  }

  return {
    connect,
    dispose: () => {
      for (const method of methodNames) ipcMain.removeHandler(ipcChannelFor(method));
      for (const session of sessions.values()) backend.disconnect(session);
      sessions.clear();
    },
  };
}
