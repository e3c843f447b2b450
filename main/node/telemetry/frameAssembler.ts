// Collects one client's samples, laid out for its subscription, until they are sent as one TelemetryFrame.
import type { TelemetryFrame } from '../../../shared/domain/telemetry.ts';
import type { IndexedBatch } from './indexedBatch.ts';
import { emptyLayout, isEmpty } from './subscriptionLayout.ts';
import type { SubscriptionLayout } from './subscriptionLayout.ts';

/** A client that cannot keep up loses its oldest samples beyond this many, rather than the backend's memory. */
export const maxPendingSamples = 1000;

export class FrameAssembler {
  #layout: SubscriptionLayout = emptyLayout;
  #times: number[] = [];
  /** Per pending sample, one array per group. */
  #samples: Float32Array[][] = [];

  get layout(): SubscriptionLayout {
    return this.#layout;
  }

  get pending(): number {
    return this.#times.length;
  }

  /** Samples laid out for the previous subscription are dropped: the client could not read them with the new one. */
  setLayout(layout: SubscriptionLayout): void {
    this.#layout = layout;
    this.#times = [];
    this.#samples = [];
  }

  /** Copies the subscribed values out of the batch; NaN for machines without a sample. Nothing while the subscription is empty. */
  add(batch: IndexedBatch): void {
    const layout = this.#layout;
    if (isEmpty(layout)) return;
    const values = batch.batch.values;
    const perGroup = layout.groups.map((group, g) => {
      const out = new Float32Array(layout.floatsPerSample[g]!);
      const columns = group.columns;
      const k = columns.length;
      group.machineIds.forEach((id, m) => {
        const offset = batch.offsetOf(id);
        const at = m * k;
        if (offset < 0) out.fill(Number.NaN, at, at + k);
        else for (let c = 0; c < k; c++) out[at + c] = values[offset + columns[c]!]!;
      });
      return out;
    });
    this.#times.push(batch.simTimeMs);
    this.#samples.push(perGroup);
    if (this.#times.length > maxPendingSamples) {
      this.#times.shift();
      this.#samples.shift();
    }
  }

  /** The pending samples as one frame (sample-major per group), or null when there are none; empties the buffer. */
  take(): TelemetryFrame | null {
    const samples = this.#samples;
    if (samples.length === 0) return null;
    const layout = this.#layout;
    const groups = layout.floatsPerSample.map((floats, g) => {
      const out = new Float32Array(floats * samples.length);
      samples.forEach((perGroup, s) => out.set(perGroup[g]!, s * floats));
      return out;
    });
    const frame: TelemetryFrame = { version: layout.version, simTimeMs: this.#times, groups };
    this.#times = [];
    this.#samples = [];
    return frame;
  }
}
