// Test helper: engine TelemetryBatches whose values are a known function of machine, metric and time.
import { telemetryMetrics } from '../../../shared/domain/telemetry.ts';
import type { TelemetryBatch } from '../../../shared/domain/telemetry.ts';

/** Machine m's metric k at `simTimeMs` is value(m, k, simTimeMs). */
export function batchOf(simTimeMs: number, machineIds: readonly string[], value: (m: number, k: number, simTimeMs: number) => number): TelemetryBatch {
  const k = telemetryMetrics.length;
  return {
    simTimeMs,
    machineIds: [...machineIds],
    values: Float32Array.from({ length: machineIds.length * k }, (_, i) => value(Math.floor(i / k), i % k, simTimeMs)),
  };
}
