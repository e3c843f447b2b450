// The preload-bridge transport's telemetry: asks for the MessagePort on first subscription and emits frames from it.
import { describe, expect, it, vi } from 'vitest';
import { telemetryPortMessage } from '../../shared/api/bridge.ts';
import type { VirtlabBridge } from '../../shared/api/bridge.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';
import { createBridgeTransport } from './bridgeClient.ts';
import type { PortHost } from './bridgeClient.ts';

class FakePage implements PortHost {
  readonly listeners: ((event: MessageEvent) => void)[] = [];
  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.push(listener);
  }
  deliver(data: unknown, ports: MessagePort[]): void {
    for (const listener of this.listeners) listener({ data, ports } as unknown as MessageEvent);
  }
}

function setup() {
  const bridge = { on: vi.fn(() => () => undefined), requestTelemetryPort: vi.fn() } as unknown as VirtlabBridge;
  const page = new FakePage();
  const transport = createBridgeTransport(bridge, page);
  return { bridge, page, transport };
}

const frame: TelemetryFrame = { version: 2, simTimeMs: [3000], groups: [Float32Array.of(12.5, Number.NaN)] };

describe('bridge transport telemetry', () => {
  it('requests the port once, on the first telemetry listener, after it started listening for it', () => {
    const { bridge, page, transport } = setup();
    expect(bridge.requestTelemetryPort).not.toHaveBeenCalled();
    transport.on('telemetry', () => undefined);
    transport.on('telemetry', () => undefined);
    expect(bridge.requestTelemetryPort).toHaveBeenCalledTimes(1);
    expect(page.listeners).toHaveLength(1);
    expect(bridge.on).not.toHaveBeenCalledWith('telemetry', expect.anything());
  });

  it('emits TelemetryFrames arriving on the port, drops anything else, and switches to a newer port', () => {
    const { page, transport } = setup();
    const seen: TelemetryFrame[] = [];
    const off = transport.on('telemetry', (f) => seen.push(f));
    const first = new MessageChannel();
    page.deliver('someone else', [first.port1]);
    page.deliver(telemetryPortMessage, []);
    page.deliver(telemetryPortMessage, [first.port1]);
    first.port1.onmessage!({ data: frame } as MessageEvent);
    first.port1.onmessage!({ data: { version: 1, simTimeMs: [1], groups: [[1, 2]] } } as MessageEvent);
    first.port1.onmessage!({ data: 'junk' } as MessageEvent);
    expect(seen).toEqual([frame]);

    const second = new MessageChannel();
    const closed = vi.spyOn(first.port1, 'close');
    page.deliver(telemetryPortMessage, [second.port1]);
    expect(closed).toHaveBeenCalled();
    second.port1.onmessage!({ data: frame } as MessageEvent);
    expect(seen).toHaveLength(2);
    off();
    second.port1.onmessage!({ data: frame } as MessageEvent);
    expect(seen).toHaveLength(2);
    transport.dispose();
  });
});
