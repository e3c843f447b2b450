// The main window: locked-down web preferences, the preload bridge, and the renderer from app://virtlab/.
import { BrowserWindow } from 'electron';
import { appEntryUrl } from './appProtocol.ts';
import { denyAllPermissions, lockDownWebContents } from './security.ts';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly log?: (line: string) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Virtlab',
    width: 1280,
    height: 800,
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
    },
  });
  denyAllPermissions(window.webContents.session);
  lockDownWebContents(window.webContents, options.log);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl);
  return window;
}
