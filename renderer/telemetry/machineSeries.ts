// The mini chart's view of a machine's sample ring: simulated times with CPU % and memory-used % side by side.
import { telemetryMetricIndex } from '../../shared/domain/telemetry.ts';
import type { SeriesBuffer } from './seriesBuffer.ts';

export const telemetryWindowSize = 60;

export interface SeriesSnapshot {
  timesMs: number[];
  cpuPct: number[];
  memoryPct: number[];
}

/** The newest `size` samples as plain arrays (fresh on every call); percentages clamped to 0…100. */
export function miniChartSnapshot(buffer: SeriesBuffer, memoryMiB: number, size = telemetryWindowSize): SeriesSnapshot {
  const from = Math.max(0, buffer.length - size);
  const snapshot: SeriesSnapshot = { timesMs: [], cpuPct: [], memoryPct: [] };
  for (let i = from; i < buffer.length; i += 1) {
    const used = buffer.valueAt(i, telemetryMetricIndex.memUsedMiB);
    snapshot.timesMs.push(buffer.timeAt(i));
    snapshot.cpuPct.push(clampPct(buffer.valueAt(i, telemetryMetricIndex.cpuPct)));
    snapshot.memoryPct.push(clampPct(memoryMiB > 0 ? (used / memoryMiB) * 100 : 0));
  }
  return snapshot;
}

function clampPct(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}
