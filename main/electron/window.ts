// The main window: locked-down web preferences, the preload bridge, and the renderer from app://virtlab/.
import { BrowserWindow } from 'electron';
import { appEntryUrl } from './appProtocol.ts';
import { denyAllPermissions, lockDownWebContents } from './security.ts';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly log?: (line: string) => void;
  /** Size, position and maximized state from the last run (windowState.ts); defaults when absent. */
  readonly saved?: { x?: number; y?: number; width: number; height: number; maximized: boolean } | undefined;
  /** False in a packaged build: no developer tools, whatever keys are pressed. */
  readonly devTools?: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Virtlab',
    width: options.saved?.width ?? 1280,
    height: options.saved?.height ?? 800,
    ...(options.saved?.x !== undefined && options.saved.y !== undefined && { x: options.saved.x, y: options.saved.y }),
    minWidth: 960,
    minHeight: 600,
    // Shown once painted, so the user never sees an empty white frame.
    show: false,
    // Written inline (not built by a helper) so static checkers such as Electronegativity can see every flag.
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows (Electronegativity AUXCLICK check).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools ?? true,
    },
  });
  denyAllPermissions(window.webContents.session);
  lockDownWebContents(window.webContents, options.log);
  window.once('ready-to-show', () => {
    if (options.saved?.maximized === true) window.maximize();
    window.show();
  });
  void window.loadURL(appEntryUrl);
  return window;
}
