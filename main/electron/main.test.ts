// Electron main: single-instance lock, sandbox and scheme set up before ready, then engine, IPC and window.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  lock: true,
  calls: [] as string[],
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  handledSchemes: [] as string[],
  engineStarted: 0,
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
    dialog: { showErrorBox: () => state.calls.push('errorBox') },
    ipcMain: { handle: () => undefined, removeHandler: () => undefined },
    BrowserWindow,
  };
});

vi.mock('../node/engineHost.ts', async () => {
  const { FakeEngine } = await import('../node/testing/fakeEngine.ts');
  class EngineHost extends FakeEngine {
    readonly workerUrl: URL;
    constructor(options: { workerUrl: URL }) {
      super();
      this.workerUrl = options.workerUrl;
      state.calls.push(`engine:${options.workerUrl.pathname}`);
    }
    async start(): Promise<void> {
      state.engineStarted += 1;
    }
    async stop(): Promise<void> {}
  }
  return { EngineHost };
});

beforeEach(() => {
  vi.resetModules();
  state.calls = [];
  state.appListeners.clear();
  state.handledSchemes = [];
  state.engineStarted = 0;
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
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    expect(state.handledSchemes).toEqual(['app']);
    expect(state.engineStarted).toBe(1);
    expect(state.calls).toContain('engine:/opt/virtlab/resources/app.asar.unpacked/dist/main/engine/worker.mjs');
    const window = state.windows[0]!;
    expect(window.loadedUrl).toBe('app://virtlab/index.html');
    expect(window.options['webPreferences']).toMatchObject({ preload: '/opt/virtlab/resources/app.asar/dist/main/preload/preload.cjs', sandbox: true });
    expect(state.appListeners.has('second-instance')).toBe(true);
  });
});
