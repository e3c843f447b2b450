// Electron main: single-instance lock, sandbox and scheme set up before ready, then library + engine, IPC and window.
import { beforeEach, describe, expect, it, vi } from 'vitest';
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
  windows: [] as { loadedUrl: string | undefined; options: Record<string, unknown> }[],
}));

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
      on: (event: string, listener: (...args: unknown[]) => void) => state.appListeners.set(event, listener),
      once: (event: string, listener: (...args: unknown[]) => void) => state.appListeners.set(event, listener),
    },
    protocol: {
      registerSchemesAsPrivileged: () => state.calls.push('registerScheme'),
      handle: (scheme: string) => state.handledSchemes.push(scheme),
    },
    dialog: { showErrorBox: (title: string, message: string) => state.calls.push(`errorBox:${title}:${message}`) },
    ipcMain: { handle: () => undefined, removeHandler: () => undefined, on: () => undefined, removeListener: () => undefined },
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
    expect(state.calls).toContain('engine:/opt/virtlab/resources/app.asar.unpacked/dist/main/engine/worker.mjs');
    const window = state.windows[0]!;
    expect(window.loadedUrl).toBe('app://virtlab/index.html');
    expect(window.options['webPreferences']).toMatchObject({ preload: '/opt/virtlab/resources/app.asar/dist/main/preload/preload.cjs', sandbox: true });
    expect(state.appListeners.has('second-instance')).toBe(true);
    expect(state.libraryDirs).toEqual(['/home/ada/.config/userData/library']);
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
