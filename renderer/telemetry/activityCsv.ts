// The data a chart shows as CSV: one row per point, simulated time first, then each series (and its band when bucketed).
import { formatSimClock } from '../format/units.ts';
import { metricStyles } from './metricStyle.ts';
import type { MetricUnit } from './metricStyle.ts';
import type { ActivityWindow } from './activityWindow.ts';
import type { TelemetryMetric } from '../../shared/domain/telemetry.ts';

const unitSuffix: Record<MetricUnit, string> = { pct: '%', MiB: 'MiB', MBps: 'MB/s' };

/** Data for other tools: one decimal for percentages (finer than the on-screen rule, which rounds from it), whole MiB. */
export function csvNumber(value: number | null, unit: MetricUnit): string {
  if (value === null || !Number.isFinite(value)) return '';
  return unit === 'MiB' ? String(Math.round(value)) : value.toFixed(unit === 'pct' ? 1 : 2);
}

const quote = (text: string): string => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export function activityCsv(window: ActivityWindow, metrics: readonly TelemetryMetric[]): string {
  const header = ['Simulated time', 'Simulated ms'];
  for (const metric of metrics) {
    const { label, unit } = metricStyles[metric];
    header.push(`${label} (${unitSuffix[unit]})`);
    if (window.banded) header.push(`${label} min (${unitSuffix[unit]})`, `${label} max (${unitSuffix[unit]})`);
  }
  const lines = [header.map(quote).join(',')];
  window.timesMs.forEach((time, i) => {
    const cells = [formatSimClock(time), String(time)];
    for (const metric of metrics) {
      const { unit } = metricStyles[metric];
      const s = window.series[metric];
      cells.push(csvNumber(s.avg[i] ?? null, unit));
      if (window.banded) cells.push(csvNumber(s.min[i] ?? null, unit), csvNumber(s.max[i] ?? null, unit));
    }
    lines.push(cells.join(','));
  });
  return `${lines.join('\n')}\n`;
}
