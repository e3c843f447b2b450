// Electron main process: single instance, app:// protocol, machine library + engine host + backend, the main window and IPC.
import { app, dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import { LibraryLockedError, openLibraryRuntime } from '../node/libraryRuntime.ts';
import type { LibraryRuntime } from '../node/libraryRuntime.ts';
import { logToStderr } from '../node/logText.ts';
import { appPaths } from './appPaths.ts';
import { electronLibraryDir } from './electronLibrary.ts';
import { handleAppProtocol, registerAppScheme } from './appProtocol.ts';
import { registerIpc } from './ipc.ts';
import { lockDownWebContents } from './security.ts';
import { createMainWindow } from './window.ts';

const log = logToStderr;

async function startApp(): Promise<void> {
  const paths = appPaths(app.getAppPath());
  handleAppProtocol(paths.rendererDir);
  let runtime: LibraryRuntime;
  try {
    runtime = await openLibraryRuntime({
      libraryDir: electronLibraryDir(process.argv, process.env, app.getPath('userData')),
      seed: 1,
      speed: 1,
      transport: 'electron',
      version: app.getVersion(),
      workerUrl: paths.workerUrl,
      log,
    });
  } catch (error) {
    const title = error instanceof LibraryLockedError ? 'This library is already open' : 'Virtlab could not start';
    dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  const { backend } = runtime;
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
  // Quitting waits for the last changes to reach the library and for its lock to be released.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    ipc.dispose();
    runtime
      .close()
      .catch((error: unknown) => log(`[library] ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        closed = true;
        app.quit();
      });
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
