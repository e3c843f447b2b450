// Electron main process: single instance, app:// protocol, library + engine + backend, the window and its modules (menu,
// dialogs, window state, progress, opened appliances, log file).
import { app, dialog, Notification } from 'electron';
import type { BrowserWindow } from 'electron';
import type { MenuCommand } from '../../shared/api/desktop.ts';
import { menuCommandChannel } from '../../shared/api/desktop.ts';
import { LibraryLockedError, openLibraryRuntime } from '../node/libraryRuntime.ts';
import type { LibraryRuntime } from '../node/libraryRuntime.ts';
import { showAbout } from './aboutDialog.ts';
import { installAppMenu } from './appMenu.ts';
import { logToStderr } from '../node/logText.ts';
import { appPaths } from './appPaths.ts';
import { electronLibraryDir } from './electronLibrary.ts';
import { handleAppProtocol, registerAppScheme } from './appProtocol.ts';
import { registerIpc } from './ipc.ts';
import { createLogger } from './logFile.ts';
import { readApplianceFile, registerNativeDialogs } from './nativeDialogs.ts';
import { ApplianceOpener, appliancePathsIn } from './openedAppliances.ts';
import { OperationFeedback } from './operationFeedback.ts';
import { lockDownWebContents } from './security.ts';
import { createMainWindow } from './window.ts';
import { loadWindowState, trackWindowState } from './windowState.ts';

let log: (line: string) => void = logToStderr;

/** Files the OS asked to open before the app was ready (macOS open-file, or the first launch's arguments). */
const earlyFiles: string[] = [];
let openFile = (file: string): void => {
  earlyFiles.push(file);
};

async function startApp(): Promise<void> {
  log = createLogger(app.getPath('logs')).log;
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
    log(`[electron] ${title}: ${error instanceof Error ? error.message : String(error)}`);
    dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  const { backend } = runtime;
  let mainWindow: BrowserWindow | null = null;
  const send = (command: MenuCommand): void => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(menuCommandChannel, command);
  };
  const feedback = new OperationFeedback({
    setProgressBar: (fraction) => mainWindow?.setProgressBar(fraction),
    isFocused: () => mainWindow?.isFocused() ?? false,
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    now: () => Date.now(),
  });
  const ipc = registerIpc(backend, () => mainWindow, log, feedback);
  const disposeDialogs = registerNativeDialogs(() => mainWindow, log);
  const opener = new ApplianceOpener({ read: readApplianceFile, send, showError: (title, message) => dialog.showErrorBox(title, message) });
  installAppMenu({ platform: process.platform, packaged: app.isPackaged, send: (id) => send({ id }), showAbout: () => showAbout(mainWindow, app.getVersion()) });

  const openWindow = (): void => {
    const window = createMainWindow({ preloadPath: paths.preloadPath, log, saved: loadWindowState(app.getPath('userData')), devTools: !app.isPackaged });
    mainWindow = window;
    trackWindowState(window, app.getPath('userData'), log);
    ipc.connect(window.webContents);
    window.webContents.on('did-start-loading', () => opener.pageGone());
    window.webContents.on('did-finish-load', () => opener.pageLoaded());
    window.on('closed', () => {
      opener.pageGone();
      if (mainWindow === window) mainWindow = null;
    });
  };
  openWindow();

  openFile = (file) => {
    if (!mainWindow) openWindow();
    void opener.open(file);
  };
  for (const file of [...earlyFiles.splice(0), ...appliancePathsIn(process.argv.slice(1), process.cwd())]) openFile(file);

  // A second launch (e.g. double-clicking an .ova while Virtlab runs) hands its arguments to this instance.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (!mainWindow) openWindow();
    else {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    for (const file of appliancePathsIn(argv.slice(1), workingDirectory)) openFile(file);
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
    disposeDialogs();
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
  // macOS sends files opened from Finder (file associations) this way, possibly before "ready".
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFile(file);
  });
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, log));
  app.whenReady().then(startApp, (error: unknown) => {
    log(`[electron] failed to start: ${String(error)}`);
    app.quit();
  });
}

runElectronApp();
