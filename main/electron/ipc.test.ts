// IPC: one handler per method, sender checks (window, top frame, app:// origin), dispatch and event forwarding.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannelFor, ipcEventChannel } from '../../shared/api/bridge.ts';
import { methodNames } from '../../shared/api/methods.ts';
import { BackendService } from '../node/backendService.ts';
import { FakeEngine } from '../node/testing/fakeEngine.ts';

const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpc } = await import('./ipc.ts');
const { FakeBrowserWindow, FakeWebContents } = await import('./testing/fakeElectron.ts');

function setup() {
  handlers.clear();
  const engine = new FakeEngine();
  const backend = new BackendService({ engine, transport: 'electron', version: '1.0.0', log: () => undefined });
  const window = new FakeBrowserWindow();
  const logs: string[] = [];
  const registration = registerIpc(backend, () => window as never, (l) => logs.push(l));
  const topFrame = { url: 'app://virtlab/index.html', parent: null };
  const call = (method: string, input: unknown, event: unknown = { sender: window.webContents, senderFrame: topFrame }) =>
    handlers.get(ipcChannelFor(method as never))!(event, input);
  return { engine, backend, window, registration, call, logs, topFrame };
}

beforeEach(() => handlers.clear());

describe('registerIpc', () => {
  it('registers exactly one app:<method> handler per API method', () => {
    setup();
    expect([...handlers.keys()].sort()).toEqual(methodNames.map((m) => `app:${m}`).sort());
  });

  it('dispatches calls from the main window and answers envelopes', async () => {
    const { call } = setup();
    expect(await call('getAppInfo', {})).toEqual({ ok: true, value: { name: 'Virtlab', version: '1.0.0', transport: 'electron' } });
    expect(await call('getMachine', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'id' } });
  });

  it('rejects foreign senders with UNAUTHORIZED and touches nothing', async () => {
    const { call, engine, topFrame, window, logs } = setup();
    const foreign = new FakeWebContents();
    const cases = [
      { sender: foreign, senderFrame: topFrame },
      { sender: window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: window.webContents, senderFrame: { url: 'file:///etc/passwd', parent: null } },
      { sender: window.webContents, senderFrame: { url: 'app://evil/index.html', parent: null } },
      { sender: window.webContents, senderFrame: { url: 'app://virtlab/index.html', parent: topFrame } },
      { sender: window.webContents, senderFrame: null },
    ];
    for (const event of cases) {
      expect(await call('listMachines', {}, event)).toEqual({
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'Only the Virtlab main window may call the backend.' },
      });
    }
    expect(engine.calls).toEqual([]);
    expect(logs).toHaveLength(cases.length);
  });

  it('refuses everything once the main window is gone', async () => {
    handlers.clear();
    const engine = new FakeEngine();
    const backend = new BackendService({ engine, transport: 'electron', version: '1', log: () => undefined });
    const window = new FakeBrowserWindow();
    registerIpc(backend, () => null, () => undefined);
    const result = await handlers.get('app:listMachines')!({ sender: window.webContents, senderFrame: { url: 'app://virtlab/', parent: null } }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('forwards events to the connected window and filters telemetry by its subscription', async () => {
    const { engine, window, registration, call } = setup();
    registration.connect(window.webContents as never);
    engine.events.emit('machineRemoved', { id: 'x' });
    const id = crypto.randomUUID();
    await call('setTelemetrySubscription', { machineIds: [id] });
    engine.events.emit('telemetry', { simTimeMs: 1000, machineIds: ['other', id], cpuPct: [1, 2], memoryUsedMiB: [3, 4] });
    expect(window.webContents.sent).toEqual([
      { channel: ipcEventChannel, message: { event: 'machineRemoved', payload: { id: 'x' } } },
      { channel: ipcEventChannel, message: { event: 'telemetry', payload: { simTimeMs: 1000, machineIds: [id], cpuPct: [2], memoryUsedMiB: [4] } } },
    ]);
  });

  it('disconnects the session when the webContents is destroyed, and dispose removes handlers', () => {
    const { backend, window, registration } = setup();
    registration.connect(window.webContents as never);
    expect(backend.clientCount).toBe(1);
    window.webContents.emit('destroyed');
    expect(backend.clientCount).toBe(0);
    registration.dispose();
    expect(handlers.size).toBe(0);
  });
});
