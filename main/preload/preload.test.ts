// Preload: exposes one function per method, `on` and the telemetry port request, never ipcRenderer; events reach listeners cleanly.
import { describe, expect, it, vi } from 'vitest';
import { ipcEventChannel, telemetryPortChannel, telemetryPortMessage, telemetryPortRequestChannel } from '../../shared/api/bridge.ts';
import { menuCommandChannel, openApplianceChannel, saveExportChannel } from '../../shared/api/desktop.ts';
import { methodNames } from '../../shared/api/methods.ts';

const { exposed, ipcRenderer } = vi.hoisted(() => {
  const exposed: { name: string; api: Record<string, unknown> }[] = [];
  const ipcRenderer = {
    listeners: new Map<string, (event: unknown, message: unknown) => void>(),
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on(channel: string, listener: (event: unknown, message: unknown) => void) {
      this.listeners.set(channel, listener);
      return this;
    },
    send: vi.fn(),
  };
  return { exposed, ipcRenderer };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.push({ name, api }) },
  ipcRenderer,
}));

await import('./preload.ts');
const bridge = exposed[0]!.api as Record<string, (...args: unknown[]) => unknown>;
const emit = (message: unknown) => ipcRenderer.listeners.get(ipcEventChannel)!({ sender: 'secret ipc event' }, message);

describe('preload desktop bridge', () => {
  const sendMenu = (message: unknown) => ipcRenderer.listeners.get(menuCommandChannel)!({ sender: 'secret' }, message);

  it('passes only well-formed menu commands to listeners, until they unsubscribe', () => {
    const seen: unknown[] = [];
    const off = bridge['onMenuCommand']!((command: unknown) => seen.push(command)) as () => void;
    sendMenu({ id: 'resume' });
    sendMenu({ id: 'importAppliance', file: { name: 'lab.ova', bytes: new Uint8Array([1, 2]) } });
    sendMenu({ id: 'reload' });
    sendMenu({ id: 'resume', extra: 'x' });
    sendMenu('resume');
    off();
    sendMenu({ id: 'pause' });
    expect(seen).toEqual([{ id: 'resume' }, { id: 'importAppliance', file: { name: 'lab.ova', bytes: new Uint8Array([1, 2]) } }]);
    expect(() => bridge['onMenuCommand']!('nope')).toThrow(/must be a function/);
  });

  it('invokes the dialog channels, and nothing else', async () => {
    await bridge['openApplianceFile']!();
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(openApplianceChannel);
    const files = [{ name: 'lab.ova', base64: 'AA==', sha256: 'a'.repeat(64) }];
    await bridge['saveExportFiles']!(files);
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(saveExportChannel, files);
  });
});

describe('preload bridge', () => {
  it('is exposed once as window.virtlab with one function per method plus on', () => {
    expect(exposed.map((e) => e.name)).toEqual(['virtlab']);
    expect(Object.keys(bridge).sort()).toEqual([...methodNames, 'on', 'requestTelemetryPort', 'onMenuCommand', 'saveExportFiles', 'openApplianceFile'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
    expect(Object.values(bridge)).not.toContain(ipcRenderer.invoke);
    expect(bridge).not.toHaveProperty('send');
    expect(bridge).not.toHaveProperty('invoke');
  });

  it('invokes the method channel with the input and returns the envelope', async () => {
    await expect(bridge['createMachine']!({ name: 'x' })).resolves.toEqual({ ok: true, value: { channel: 'app:createMachine', input: { name: 'x' } } });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('app:createMachine', { name: 'x' });
  });

  it('delivers only payloads (never the IPC event) to subscribers, until they unsubscribe', () => {
    const seen: unknown[] = [];
    const off = bridge['on']!('machinesChanged', (payload: unknown) => seen.push(payload)) as () => void;
    emit({ event: 'machinesChanged', payload: { id: 'a' } });
    emit({ event: 'telemetry', payload: { simTimeMs: 1 } });
    emit({ event: '__proto__', payload: {} });
    emit(null);
    off();
    emit({ event: 'machinesChanged', payload: { id: 'b' } });
    expect(seen).toEqual([{ id: 'a' }]);
  });

  it('refuses unknown event names and non-function listeners', () => {
    expect(() => bridge['on']!('bogus', () => undefined)).toThrow(/Unknown Virtlab event "bogus"/);
    expect(() => bridge['on']!('constructor', () => undefined)).toThrow(TypeError);
    expect(() => bridge['on']!('telemetry', 'not a function')).toThrow(/must be a function/);
  });

  it('keeps other listeners running when one throws', () => {
    const seen: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const offBad = bridge['on']!('engineStatus', () => {
      throw new Error('listener bug');
    }) as () => void;
    const offGood = bridge['on']!('engineStatus', (p: unknown) => seen.push(p)) as () => void;
    emit({ event: 'engineStatus', payload: { state: 'running' } });
    expect(seen).toEqual([{ state: 'running' }]);
    expect(spy).toHaveBeenCalled();
    offBad();
    offGood();
    spy.mockRestore();
  });

  it('asks main for a telemetry port without arguments and hands the port it gets to the page, nothing else', () => {
    const postMessage = vi.fn();
    vi.stubGlobal('postMessage', postMessage);
    try {
      (bridge['requestTelemetryPort'] as (...args: unknown[]) => void)('smuggled', { payload: 1 });
      expect(ipcRenderer.send).toHaveBeenLastCalledWith(telemetryPortRequestChannel);
      const port = { postMessage: () => undefined };
      const deliver = ipcRenderer.listeners.get(telemetryPortChannel)!;
      deliver({ sender: 'secret ipc event', ports: [port] }, null);
      deliver({ sender: 'secret ipc event', ports: [] }, null);
      expect(postMessage).toHaveBeenCalledTimes(1);
      expect(postMessage).toHaveBeenCalledWith(telemetryPortMessage, '*', [port]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
