// Main window: secure web preferences, app:// entry, navigation/popups/webviews/permissions denied.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const { FakeBrowserWindow } = await import('./testing/fakeElectron.ts');
  return { BrowserWindow: FakeBrowserWindow };
});

const { createMainWindow } = await import('./window.ts');
const { FakeBrowserWindow, fakeEvent } = await import('./testing/fakeElectron.ts');

function open() {
  createMainWindow({ preloadPath: '/app/dist/main/preload/preload.cjs' });
  return FakeBrowserWindow.created.at(-1)!;
}

beforeEach(() => {
  FakeBrowserWindow.created.length = 0;
});

describe('createMainWindow', () => {
  it('uses locked-down web preferences with the preload', () => {
    const window = open();
    expect(window.options['webPreferences']).toMatchObject({
      preload: '/app/dist/main/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('loads the renderer from app://virtlab and shows once ready', () => {
    const window = open();
    expect(window.loadedUrl).toBe('app://virtlab/index.html');
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('denies navigation, redirects, frame navigation and webviews', () => {
    const { webContents } = open();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = fakeEvent('https://evil.example/');
      webContents.emit(name, event);
      expect(event.defaultPrevented, name).toBe(true);
    }
    const sameOrigin = fakeEvent('app://virtlab/other.html');
    webContents.emit('will-navigate', sameOrigin);
    expect(sameOrigin.defaultPrevented).toBe(true);
  });

  it('denies new windows', () => {
    const { webContents } = open();
    expect(webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    const { webContents } = open();
    const callback = vi.fn();
    webContents.session.permissionRequestHandler?.(webContents, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(webContents.session.permissionCheckHandler?.(webContents, 'notifications', 'app://virtlab', {})).toBe(false);
    expect(webContents.session.devicePermissionHandler?.({})).toBe(false);
  });
});
