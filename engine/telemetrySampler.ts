// Turns per-substep workload values into one columnar telemetry batch per simulated second.
import type { TelemetryBatch } from '../shared/domain/telemetry.ts';

/** A machine's current readings, as the sampler sees it. */
export interface SampleSource {
  readonly id: string;
  readonly cpuPct: number;
  readonly memoryUsedMiB: number;
}

export class TelemetrySampler {
  private readonly cpuSums = new Map<string, { sum: number; count: number }>();

  /** Adds one substep's CPU reading; the batch reports the mean over the second, not a single instant. */
  record(machineId: string, cpuPct: number): void {
    const entry = this.cpuSums.get(machineId);
    if (entry) {
      entry.sum += cpuPct;
      entry.count += 1;
    } else {
      this.cpuSums.set(machineId, { sum: cpuPct, count: 1 });
    }
  }

  /** Builds the batch for the second ending at `simTimeMs` from the machines active now, then starts afresh. */
  flush(simTimeMs: number, sources: Iterable<SampleSource>): TelemetryBatch {
    const batch: TelemetryBatch = { simTimeMs, machineIds: [], cpuPct: [], memoryUsedMiB: [] };
    for (const source of sources) {
      const entry = this.cpuSums.get(source.id);
      const cpu = entry && entry.count > 0 ? entry.sum / entry.count : source.cpuPct;
      batch.machineIds.push(source.id);
      batch.cpuPct.push(roundTo(cpu, 10));
      batch.memoryUsedMiB.push(Math.round(source.memoryUsedMiB));
    }
    this.cpuSums.clear();
    return batch;
  }
}

function roundTo(value: number, factor: number): number {
  return Math.round(value * factor) / factor;
}
