// One dedicated MessagePort per window for telemetry frames: created on request, handed to the page, replaced on reload.
import type { MessagePortMain, WebContents } from 'electron';
import { telemetryPortChannel } from '../../shared/api/bridge.ts';
import type { TelemetryFrame } from '../../shared/domain/telemetry.ts';

export interface TelemetryChannel {
  readonly port1: Pick<MessagePortMain, 'postMessage' | 'close'>;
  readonly port2: MessagePortMain;
}

export class TelemetryPorts {
  readonly #createChannel: () => TelemetryChannel;
  readonly #ports = new Map<WebContents, TelemetryChannel['port1']>();

  constructor(createChannel: () => TelemetryChannel) {
    this.#createChannel = createChannel;
  }

  /** Creates a channel, keeps one end and transfers the other to the window (whose preload passes it to the page). */
  open(contents: WebContents): void {
    this.close(contents);
    const { port1, port2 } = this.#createChannel();
    this.#ports.set(contents, port1);
    contents.postMessage(telemetryPortChannel, null, [port2]);
  }

  /** Structured clone keeps the Float32Arrays typed; nothing is sent before the page asked for a port. */
  post(contents: WebContents, frame: TelemetryFrame): void {
    if (contents.isDestroyed()) return;
    this.#ports.get(contents)?.postMessage(frame);
  }

  close(contents: WebContents): void {
    this.#ports.get(contents)?.close();
    this.#ports.delete(contents);
  }

  closeAll(): void {
    for (const port of this.#ports.values()) port.close();
    this.#ports.clear();
  }
}
