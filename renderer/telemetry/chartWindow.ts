// Lays a telemetry snapshot onto the mini chart's fixed 60-slot window by time, newest on the right, gaps where none came.
import type { SeriesSnapshot } from './machineSeries.ts';
import { telemetryWindowSize } from './machineSeries.ts';
import { telemetryPeriodMs } from '../../shared/domain/telemetry.ts';

export interface ChartWindow {
  labels: string[];
  cpu: (number | null)[];
  memory: (number | null)[];
}

/** "-59 s" … "now": samples arrive once per simulated second. */
export const windowLabels: readonly string[] = Array.from({ length: telemetryWindowSize }, (_, i) => {
  const ago = telemetryWindowSize - 1 - i;
  return ago === 0 ? 'now' : `-${ago} s`;
});

/** Always fresh arrays: Chart.js keeps and mutates what it is given. Each sample goes to the slot of its second. */
export function toChartWindow(snapshot: SeriesSnapshot | null, size = telemetryWindowSize): ChartWindow {
  const cpu = new Array<number | null>(size).fill(null);
  const memory = new Array<number | null>(size).fill(null);
  const newest = snapshot?.timesMs.at(-1);
  if (snapshot && newest !== undefined) {
    snapshot.timesMs.forEach((time, i) => {
      const slot = size - 1 - Math.round((newest - time) / telemetryPeriodMs);
      if (slot < 0 || slot >= size) return;
      cpu[slot] = snapshot.cpuPct[i] ?? null;
      memory[slot] = snapshot.memoryPct[i] ?? null;
    });
  }
  return { labels: windowLabels.slice(-size), cpu, memory };
}
