// The four Activity charts: which metrics each draws, how (stacked CPU, configured-memory line), and their Chart.js datasets.
import type { TelemetryMetric } from '../../shared/domain/telemetry.ts';
import { vcpuBasisLabel } from '../../shared/domain/cpuShare.ts';
import { metricColor, metricStyles, referenceColor, withAlpha } from './metricStyle.ts';
import type { MetricUnit } from './metricStyle.ts';
import type { ActivityWindow } from './activityWindow.ts';

export interface ActivityChartSpec {
  id: 'cpu' | 'memory' | 'disk' | 'network';
  title: string;
  unit: MetricUnit;
  /** What the percentages are of, printed beside the title and in tooltips ("of guest vCPUs"). */
  basis?: string;
  /** Lines, in legend order. */
  metrics: readonly TelemetryMetric[];
  /** These metrics are drawn stacked on each other (guest, then VMM overhead on top). */
  stacked?: readonly TelemetryMetric[];
  /** Metrics whose min/max band is drawn when the range is bucketed. */
  bands: readonly TelemetryMetric[];
  /** Draw the machine's configured memory as a dashed line. */
  configuredLine?: boolean;
}

export const activityCharts: readonly ActivityChartSpec[] = [
  { id: 'cpu', title: 'CPU', unit: 'pct', basis: vcpuBasisLabel, metrics: ['cpuGuestPct', 'cpuOverheadPct', 'cpuReadyPct'], stacked: ['cpuGuestPct', 'cpuOverheadPct'], bands: ['cpuPct'] },
  { id: 'memory', title: 'Memory', unit: 'MiB', metrics: ['memUsedMiB', 'memBalloonedMiB', 'memSharedMiB', 'memSwappedMiB'], bands: ['memUsedMiB'], configuredLine: true },
  { id: 'disk', title: 'Disk', unit: 'MBps', metrics: ['diskReadMBps', 'diskWriteMBps'], bands: ['diskReadMBps', 'diskWriteMBps'] },
  { id: 'network', title: 'Network', unit: 'MBps', metrics: ['netRxMBps', 'netTxMBps'], bands: ['netRxMBps', 'netTxMBps'] },
];

/** Every series a chart's CSV holds: its lines, then band-only series (CPU total, the top of the stack). */
export function csvMetrics(spec: ActivityChartSpec): TelemetryMetric[] {
  return [...spec.metrics, ...spec.bands.filter((m) => !spec.metrics.includes(m))];
}

/** A point as drawn: `y` may be stacked; `v` is the series' own value for tooltips. */
export interface ChartPoint {
  x: number;
  y: number | null;
  v: number | null;
}

export interface ActivityDataset {
  label: string;
  data: ChartPoint[];
  borderColor: string;
  backgroundColor: string;
  borderWidth: number;
  borderDash?: number[];
  fill: boolean | string;
  pointRadius: number;
  pointHoverRadius: number;
  tension: number;
  order: number;
  /** Band edges are not series of their own: no tooltip, no legend. */
  band: boolean;
}

const line = (label: string, color: string, data: ChartPoint[], fill: boolean | string, fillAlpha: number): ActivityDataset => ({
  label,
  data,
  borderColor: color,
  backgroundColor: withAlpha(color, fillAlpha),
  borderWidth: 2,
  fill,
  pointRadius: 0,
  pointHoverRadius: 3,
  tension: 0.2,
  order: 0,
  band: false,
});

/** Fresh datasets (and point arrays) for the window: Chart.js keeps and mutates what it gets. */
export function activityDatasets(spec: ActivityChartSpec, win: ActivityWindow, dark: boolean, configuredMiB: number): ActivityDataset[] {
  const stack = new Array<number>(win.timesMs.length).fill(0);
  const datasets: ActivityDataset[] = [];
  for (const metric of spec.metrics) {
    const series = win.series[metric].avg;
    const stacked = spec.stacked?.includes(metric) ?? false;
    const first = stacked && spec.stacked?.[0] === metric;
    const data = win.timesMs.map((x, i): ChartPoint => {
      const v = series[i] ?? null;
      if (!stacked || v === null) return { x, y: v, v };
      stack[i] = (stack[i] ?? 0) + v;
      return { x, y: stack[i] ?? v, v };
    });
    // The stack fills down to the layer below; plain lines stay unfilled so they do not hide each other.
    datasets.push(line(metricStyles[metric].label, metricColor(metric, dark), data, stacked ? (first ? 'origin' : '-1') : false, stacked ? 0.35 : 0));
  }
  if (spec.configuredLine) {
    const color = dark ? referenceColor.dark : referenceColor.light;
    const configured = line('Configured', color, [{ x: win.startMs, y: configuredMiB, v: configuredMiB }, { x: win.endMs, y: configuredMiB, v: configuredMiB }], false, 0);
    datasets.push({ ...configured, borderWidth: 1.5, borderDash: [6, 4], tension: 0 });
  }
  if (win.banded) {
    for (const metric of spec.bands) {
      const color = metricColor(metric, dark);
      const edge = (part: 'min' | 'max', fill: boolean | string): ActivityDataset => ({
        ...line(`${metricStyles[metric].label} ${part}`, withAlpha(color, 0), win.timesMs.map((x, i) => ({ x, y: win.series[metric][part][i] ?? null, v: win.series[metric][part][i] ?? null })), fill, 0.16),
        borderWidth: 0,
        pointHoverRadius: 0,
        order: 10,
        band: true,
      });
      datasets.push(edge('min', false), edge('max', '-1'));
    }
  }
  return datasets;
}
