// IPC: one handler per method, sender checks (window, top frame, app:// origin), dispatch and event forwarding.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannelFor, ipcEventChannel, telemetryPortChannel, telemetryPortRequestChannel } from '../../shared/api/bridge.ts';
import { telemetryMetrics } from '../../shared/domain/telemetry.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import { methodNames } from '../../shared/api/methods.ts';
import { BackendService } from '../node/backendService.ts';
import { FakeEngine } from '../node/testing/fakeEngine.ts';

const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
const listeners = new Map<string, (event: unknown) => void>();
vi.mock('electron', async () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
    on: (channel: string, listener: (event: unknown) => void) => listeners.set(channel, listener),
    removeListener: (channel: string, listener: (event: unknown) => void) => {
      if (listeners.get(channel) === listener) listeners.delete(channel);
    },
  },
  MessageChannelMain: (await import('./testing/fakeElectron.ts')).FakeMessageChannelMain,
}));

const { registerIpc } = await import('./ipc.ts');
const { FakeBrowserWindow, FakeMessageChannelMain, FakeWebContents } = await import('./testing/fakeElectron.ts');

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

  it('forwards events over the event channel, and telemetry only through the MessagePort the window asked for', async () => {
    const { engine, window, registration, call, topFrame } = setup();
    registration.connect(window.webContents as never);
    engine.events.emit('changes', { machines: [], records: [], removed: ['x'], events: [] });
    const id = crypto.randomUUID();
    await call('setTelemetrySubscription', { groups: [{ machineIds: [id], metrics: ['cpuPct'] }] });
    const batch = (simTimeMs: number) => ({ simTimeMs, machineIds: ['other', id], values: Float32Array.from({ length: 2 * telemetryMetrics.length }, (_, i) => i) });
    // No port yet: the frame is not sent anywhere (and never over the event channel).
    engine.events.emit('telemetry', batch(1000));
    listeners.get(telemetryPortRequestChannel)!({ sender: window.webContents, senderFrame: topFrame });
    const channel = FakeMessageChannelMain.created.at(-1)!;
    expect(window.webContents.posted).toEqual([{ channel: telemetryPortChannel, message: null, transfer: [channel.port2] }]);
    vi.useFakeTimers();
    try {
      vi.advanceTimersByTime(100);
      engine.events.emit('telemetry', batch(2000));
    } finally {
      vi.useRealTimers();
    }
    expect(window.webContents.sent).toEqual([{ channel: ipcEventChannel, message: { event: 'machinesChanged', payload: { machines: [], configChanged: [], removed: ['x'] } } }]);
    const frames = channel.port1.messages as TelemetryFrame[];
    expect(frames.map((f) => f.simTimeMs)).toEqual([[2000]]);
    expect(frames[0]!.groups[0]).toEqual(Float32Array.of(telemetryMetrics.length));
  });

  it('replaces the port on a new request, refuses untrusted requests and closes ports with the window', () => {
    const { window, registration, topFrame, logs } = setup();
    const request = listeners.get(telemetryPortRequestChannel)!;
    request({ sender: new FakeWebContents(), senderFrame: topFrame });
    request({ sender: window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } });
    expect(window.webContents.posted).toEqual([]);
    expect(logs.filter((l) => l.includes('telemetry port'))).toHaveLength(2);
    request({ sender: window.webContents, senderFrame: topFrame });
    const first = FakeMessageChannelMain.created.at(-1)!;
    request({ sender: window.webContents, senderFrame: topFrame });
    const second = FakeMessageChannelMain.created.at(-1)!;
    expect(first.port1.closed).toBe(true);
    expect(second.port1.closed).toBe(false);
    window.webContents.emit('destroyed');
    expect(second.port1.closed).toBe(true);
    registration.dispose();
    expect(listeners.has(telemetryPortRequestChannel)).toBe(false);
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
