// The backend's telemetry history: every machine's samples from each engine batch, kept across engine restarts.
import { telemetryMetrics } from '../../../shared/domain/telemetry.ts';
import type { HistoryRange, TelemetryBatch, TelemetryHistory, TelemetryMetric } from '../../../shared/domain/telemetry.ts';
import { queryHistory } from './historyQuery.ts';
import { metricsPerRow } from './indexedBatch.ts';
import { MachineHistory } from './machineHistory.ts';

export const defaultMaxPoints = 600;

export class TelemetryHistoryStore {
  readonly #machines = new Map<string, MachineHistory>();
  readonly #dirty = new Set<string>();
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
      this.#dirty.add(id);
    });
  }

  forget(machineId: string): void {
    this.#machines.delete(machineId);
    this.#dirty.delete(machineId);
  }

  /** Machines with samples recorded since the last `takeDirty`, for saving only what changed. */
  takeDirty(): string[] {
    const ids = [...this.#dirty];
    this.#dirty.clear();
    return ids;
  }

  /** The stored history of one machine (for saving), if any. */
  historyOf(machineId: string): MachineHistory | undefined {
    return this.#machines.get(machineId);
  }

  /** Every machine with history. */
  machineIds(): string[] {
    return [...this.#machines.keys()];
  }

  /** Puts back a history saved earlier; `lastMs` moves to the newest time restored so stale batches stay ignored. */
  restore(machineId: string, history: MachineHistory, lastMs: number): void {
    this.#machines.set(machineId, history);
    if (this.#lastMs === null || lastMs > this.#lastMs) this.#lastMs = lastMs;
  }

  query(machineId: string, range: HistoryRange, metrics: readonly TelemetryMetric[] = telemetryMetrics, maxPoints = defaultMaxPoints): TelemetryHistory {
    return queryHistory(this.#machines.get(machineId), { machineId, range, metrics: [...new Set(metrics)], maxPoints }, this.#lastMs);
  }
}
