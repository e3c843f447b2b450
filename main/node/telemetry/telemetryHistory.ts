// The backend's telemetry history: every machine's samples from each engine batch, kept across engine restarts.
import { telemetryMetrics } from '../../../shared/domain/telemetry.ts';
import type { HistoryRange, TelemetryBatch, TelemetryHistory, TelemetryMetric } from '../../../shared/domain/telemetry.ts';
import { queryHistory } from './historyQuery.ts';
import { metricsPerRow } from './indexedBatch.ts';
import { MachineHistory } from './machineHistory.ts';

export const defaultMaxPoints = 600;

export class TelemetryHistoryStore {
  readonly #machines = new Map<string, MachineHistory>();
  #lastMs: number | null = null;

  /** Newest sample time recorded, the end of every range. */
  get lastMs(): number | null {
    return this.#lastMs;
  }

  has(machineId: string): boolean {
    return this.#machines.has(machineId);
  }

  get machineCount(): number {
    return this.#machines.size;
  }

  /** Bytes of sample storage held for every machine. */
  get bytes(): number {
    let sum = 0;
    for (const machine of this.#machines.values()) sum += machine.bytes;
    return sum;
  }

  /** A batch not newer than the last one is ignored: the engine continues simulated time across restarts, so it is stale. */
  record(batch: TelemetryBatch): void {
    if (this.#lastMs !== null && batch.simTimeMs <= this.#lastMs) return;
    if (batch.simTimeMs % 1000 !== 0 || batch.values.length !== batch.machineIds.length * metricsPerRow) return;
    this.#lastMs = batch.simTimeMs;
    const second = batch.simTimeMs / 1000;
    batch.machineIds.forEach((id, row) => {
      let machine = this.#machines.get(id);
      if (!machine) this.#machines.set(id, (machine = new MachineHistory(batch.simTimeMs)));
      machine.record(second, batch.values, row * metricsPerRow);
    });
  }

  forget(machineId: string): void {
    this.#machines.delete(machineId);
  }

  query(machineId: string, range: HistoryRange, metrics: readonly TelemetryMetric[] = telemetryMetrics, maxPoints = defaultMaxPoints): TelemetryHistory {
    return queryHistory(this.#machines.get(machineId), { machineId, range, metrics: [...new Set(metrics)], maxPoints }, this.#lastMs);
  }
}
