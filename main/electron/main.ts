// Electron main process: single instance, app:// protocol, engine host + backend, the main window and IPC.
import { app, dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import { BackendService } from '../node/backendService.ts';
import { EngineHost } from '../node/engineHost.ts';
import { appPaths } from './appPaths.ts';
import { handleAppProtocol, registerAppScheme } from './appProtocol.ts';
import { registerIpc } from './ipc.ts';
import { lockDownWebContents } from './security.ts';
import { createMainWindow } from './window.ts';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function startApp(): Promise<void> {
  const paths = appPaths(app.getAppPath());
  handleAppProtocol(paths.rendererDir);
  const engine = new EngineHost({ workerUrl: paths.workerUrl, seed: 1, speed: 1, log });
  try {
    await engine.start();
  } catch (error) {
    dialog.showErrorBox('Virtlab could not start', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  const backend = new BackendService({ engine, transport: 'electron', version: app.getVersion(), log });
  let mainWindow: BrowserWindow | null = null;
  const ipc = registerIpc(backend, () => mainWindow, log);

  const openWindow = (): void => {
    const window = createMainWindow({ preloadPath: paths.preloadPath, log });
    mainWindow = window;
    ipc.connect(window.webContents);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
  };
  openWindow();

  app.on('second-instance', () => {
    if (!mainWindow) return openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });
  app.on('window-all-closed', () => app.quit());
  app.once('will-quit', () => {
    ipc.dispose();
    backend.dispose();
    void engine.stop();
  });
}

export function runElectronApp(): void {
  // Both must happen before "ready".
  registerAppScheme();
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, log));
  app.whenReady().then(startApp, (error: unknown) => {
    log(`[electron] failed to start: ${String(error)}`);
    app.quit();
  });
}

runElectronApp();
