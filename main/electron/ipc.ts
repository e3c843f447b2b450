// IPC: one ipcMain.handle per API method, each checking its sender, event forwarding and the window's telemetry port.
import { ipcMain, MessageChannelMain } from 'electron';
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcChannelFor, ipcEventChannel, telemetryPortRequestChannel } from '../../shared/api/bridge.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import type { OperationProgress } from '../../shared/domain/appliance.ts';
import { methodNames } from '../../shared/api/methods.ts';
import { fail } from '../../shared/api/result.ts';
import type { BackendService } from '../node/backendService.ts';
import type { ClientSession } from '../node/clientSession.ts';
import { logToStderr } from '../node/logText.ts';
import { isAppUrl } from './appProtocol.ts';
import { OperationFeedback } from './operationFeedback.ts';
import { TelemetryPorts } from './telemetryPorts.ts';

/** Only the main window's top frame, showing our own app:// page, may call the backend. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>, mainWindow: BrowserWindow | null): boolean {
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
  log: (line: string) => void = logToStderr,
  feedback?: OperationFeedback,
): IpcRegistration {
  const sessions = new Map<WebContents, ClientSession>();
  const ports = new TelemetryPorts(() => new MessageChannelMain());
  const connect = (contents: WebContents): ClientSession => {
    const existing = sessions.get(contents);
    if (existing) return existing;
    const session = backend.connect((event, payload) => {
      if (contents.isDestroyed()) return;
      // Telemetry has its own MessagePort (typed arrays, no IPC event channel); every other event goes as before.
      if (event === 'telemetry') ports.post(contents, payload as TelemetryFrame);
      else contents.send(ipcEventChannel, { event, payload });
      if (event === 'operationProgress') feedback?.progress(payload as OperationProgress);
    });
    sessions.set(contents, session);
    contents.once('destroyed', () => {
      backend.disconnect(session);
      ports.close(contents);
      sessions.delete(contents);
    });
    return session;
  };

  const onPortRequest = (event: IpcMainEvent): void => {
    if (!isTrustedSender(event, getMainWindow())) {
      log(`[security] refused a telemetry port to an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
      return;
    }
    connect(event.sender);
    ports.open(event.sender);
  };
  ipcMain.on(telemetryPortRequestChannel, onPortRequest);

  for (const method of methodNames) {
    ipcMain.handle(ipcChannelFor(method), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, getMainWindow())) {
        log(`[security] refused ${method} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
        return fail({ code: 'UNAUTHORIZED', message: 'Only the Virtlab main window may call the backend.' });
      }
      if (!feedback || !OperationFeedback.tracks(method, input)) return backend.dispatch(method, input, connect(event.sender));
      feedback.started(input.operationId, method);
      const result = await backend.dispatch(method, input, connect(event.sender));
      feedback.finished(input.operationId, result.ok ? { ok: true } : { ok: false, message: result.error.message });
      return result;
    });
  }

  return {
    connect,
    dispose: () => {
      for (const method of methodNames) ipcMain.removeHandler(ipcChannelFor(method));
      ipcMain.removeListener(telemetryPortRequestChannel, onPortRequest);
      ports.closeAll();
      for (const session of sessions.values()) backend.disconnect(session);
      sessions.clear();
    },
  };
}
