// An engine TelemetryBatch with a machine-id → row index built once, on first use, and shared by every client.
import { telemetryMetrics } from '../../../shared/domain/telemetry.ts';
import type { TelemetryBatch } from '../../../shared/domain/telemetry.ts';

export const metricsPerRow = telemetryMetrics.length;

export class IndexedBatch {
  readonly batch: TelemetryBatch;
  #rows: Map<string, number> | undefined;

  constructor(batch: TelemetryBatch) {
    this.batch = batch;
  }

  get simTimeMs(): number {
    return this.batch.simTimeMs;
  }

  /** Offset of the machine's first value in `batch.values`, or -1 when it has no sample (powered off, unknown). */
  offsetOf(machineId: string): number {
    this.#rows ??= new Map(this.batch.machineIds.map((id, row) => [id, row * metricsPerRow]));
    return this.#rows.get(machineId) ?? -1;
  }
}
