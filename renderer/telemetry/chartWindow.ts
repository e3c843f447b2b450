// Lays a telemetry snapshot onto the chart's fixed 60-slot window, newest on the right, padded with gaps.
import type { SeriesSnapshot } from './machineSeries.ts';
import { telemetryWindowSize } from './machineSeries.ts';

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

/** Always fresh arrays: Chart.js keeps and mutates what it is given. */
export function toChartWindow(snapshot: SeriesSnapshot | null, size = telemetryWindowSize): ChartWindow {
  const cpu = snapshot ? snapshot.cpuPct.slice(-size) : [];
  const memory = snapshot ? snapshot.memoryPct.slice(-size) : [];
  const padding = new Array<null>(size - cpu.length).fill(null);
  return {
    labels: windowLabels.slice(-size),
    cpu: [...padding, ...cpu],
    memory: [...padding, ...memory],
  };
}
