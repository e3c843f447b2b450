// Electron main: single-instance lock, sandbox and scheme set up before ready, then library + engine, IPC and window.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowserWindow as FakeBrowserWindowType } from './testing/fakeElectron.ts';
import { stateWait } from '../node/testing/waitUntil.ts';

const state = vi.hoisted(() => ({
  lock: true,
  calls: [] as string[],
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  handledSchemes: [] as string[],
  engineStarted: 0,
  libraryDirs: [] as string[],
  libraryLocked: false,
  ready: null as null | (() => void),
  windows: [] as FakeBrowserWindowType[],
  menus: [] as { label?: string }[][],
  logged: [] as string[],
}));

vi.mock('./logFile.ts', () => ({ createLogger: () => ({ log: (line: string) => state.logged.push(line), file: '/logs/main.log' }) }));

vi.mock('electron', async () => {
  const { FakeBrowserWindow } = await import('./testing/fakeElectron.ts');
  const readyPromise = new Promise<void>((resolve) => (state.ready = resolve));
  // The mock is cached across vi.resetModules(), so windows are recorded in hoisted state.
  class BrowserWindow extends FakeBrowserWindow {
    constructor(options: Record<string, unknown>) {
      super(options);
      state.windows.push(this);
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => state.lock,
      enableSandbox: () => state.calls.push('enableSandbox'),
      quit: () => state.calls.push('quit'),
      exit: (code: number) => state.calls.push(`exit:${code}`),
      getPath: (name: string) => `/home/ada/.config/${name}`,
      whenReady: () => readyPromise,
      getAppPath: () => '/opt/virtlab/resources/app.asar',
      getVersion: () => '9.9.9',
      isPackaged: true,
      on: (event: string, listener: (...args: unknown[]) => void) => state.appListeners.set(event, listener),
      once: (event: string, listener: (...args: unknown[]) => void) => state.appListeners.set(event, listener),
    },
    protocol: {
      registerSchemesAsPrivileged: () => state.calls.push('registerScheme'),
      handle: (scheme: string) => state.handledSchemes.push(scheme),
    },
    dialog: { showErrorBox: (title: string, message: string) => state.calls.push(`errorBox:${title}:${message}`) },
    ipcMain: { handle: () => undefined, removeHandler: () => undefined, on: () => undefined, removeListener: () => undefined },
    Menu: { buildFromTemplate: (template: { label?: string }[]) => template, setApplicationMenu: (menu: { label?: string }[]) => state.menus.push(menu) },
    Notification: class {
      static isSupported = () => false;
    },
    screen: { getAllDisplays: () => [] },
    BrowserWindow,
  };
});

vi.mock('../node/libraryRuntime.ts', async () => {
  const { FakeEngine } = await import('../node/testing/fakeEngine.ts');
  const { BackendService } = await import('../node/backendService.ts');
  const { LibraryLockedError } = await import('../node/library/libraryLock.ts');
  return {
    LibraryLockedError,
    openLibraryRuntime: async (options: { workerUrl: URL; libraryDir: string }) => {
      state.calls.push(`engine:${options.workerUrl.pathname}`);
      state.libraryDirs.push(options.libraryDir);
      if (state.libraryLocked) throw new LibraryLockedError(`The library ${options.libraryDir} is in use by another Virtlab instance (pid 4242).`, undefined);
      state.engineStarted += 1;
      const engine = new FakeEngine();
      const backend = new BackendService({ engine, transport: 'electron', version: '9.9.9', log: () => undefined });
      return { engine, backend, close: async () => backend.dispose() };
    },
  };
});

beforeEach(() => {
  vi.resetModules();
  state.calls = [];
  state.appListeners.clear();
  state.handledSchemes = [];
  state.engineStarted = 0;
  state.libraryDirs = [];
  state.libraryLocked = false;
  state.windows = [];
  state.menus = [];
  state.logged = [];
});

describe('Electron main', () => {
  it('quits at once when another instance holds the lock', async () => {
    state.lock = false;
    await import('./main.ts');
    expect(state.calls).toEqual(['registerScheme', 'enableSandbox', 'quit']);
  });

  it('starts the engine from the unpacked bundle, serves app:// and opens one secure window', async () => {
    state.lock = true;
    await import('./main.ts');
    expect(state.calls.slice(0, 2)).toEqual(['registerScheme', 'enableSandbox']);
    expect(state.appListeners.has('web-contents-created')).toBe(true);
    state.ready!();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1), stateWait);
    expect(state.handledSchemes).toEqual(['app']);
    expect(state.engineStarted).toBe(1);
    // No unpacked copy exists here (the macOS and Windows layout): the worker runs from inside the archive.
    expect(state.calls).toContain('engine:/opt/virtlab/resources/app.asar/dist/main/engine/worker.cjs');
    const window = state.windows[0]!;
    expect(window.loadedUrl).toBe('app://virtlab/index.html');
    expect(window.options['webPreferences']).toMatchObject({ preload: '/opt/virtlab/resources/app.asar/dist/main/preload/preload.cjs', sandbox: true, devTools: false });
    expect(state.appListeners.has('second-instance')).toBe(true);
    expect(state.libraryDirs).toEqual(['/home/ada/.config/userData/library']);
    // Its own menu, packaged: no Reload or developer tools anywhere.
    expect(state.menus).toHaveLength(1);
    expect(state.menus[0]!.map((menu) => menu.label)).toEqual(['&File', '&Machine', '&Snapshot', '&View', '&Window', '&Help']);
    expect(JSON.stringify(state.menus[0])).not.toMatch(/reload|toggleDevTools/i);
  });

  it('sends an .ova given to a second launch to the Import wizard once the page has loaded', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'virtlab-open-'));
    await writeFile(path.join(dir, 'lab.ova'), 'ova!');
    state.lock = true;
    await import('./main.ts');
    state.ready!();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    const contents = state.windows[0]!.webContents;
    state.appListeners.get('second-instance')!({}, ['/opt/virtlab/virtlab', '--no-sandbox', 'lab.ova', 'notes.txt'], dir);
    contents.emit('did-finish-load');
    await vi.waitFor(() => expect(contents.sent.filter((m) => m.channel === 'app:menu-command')).toHaveLength(1));
    expect(contents.sent.find((m) => m.channel === 'app:menu-command')!.message).toEqual({ id: 'importAppliance', file: { name: 'lab.ova', bytes: new Uint8Array(Buffer.from('ova!')) } });
    await rm(dir, { recursive: true, force: true });
  });

  it('shows an error box naming the folder and the other instance, and exits 1, when the library is locked', async () => {
    state.lock = true;
    state.libraryLocked = true;
    await import('./main.ts');
    state.ready!();
    await vi.waitFor(() => expect(state.calls).toContain('exit:1'), stateWait);
    expect(state.calls).toContain('errorBox:This library is already open:The library /home/ada/.config/userData/library is in use by another Virtlab instance (pid 4242).');
    expect(state.windows).toHaveLength(0);
  });
});
