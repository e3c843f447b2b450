// What an exported chart image says about itself: title with the machine, the simulated time range, and its legend.
import type { ActivityChartSpec } from './activityCharts.ts';
import type { ActivityWindow } from './activityWindow.ts';
import { metricColor, metricStyles, referenceColor } from './metricStyle.ts';
import { rangeName } from './rangeNames.ts';
import { formatSimClock } from '../format/units.ts';

export interface LegendEntry {
  label: string;
  color: string;
  /** Drawn as a dashed line rather than a filled swatch (the configured-memory reference). */
  dashed?: boolean;
}

export interface ChartExportText {
  title: string;
  subtitle: string;
  legend: LegendEntry[];
}

export function chartExportText(spec: ActivityChartSpec, win: ActivityWindow, machineName: string, dark: boolean, configuredMiB: number): ChartExportText {
  const span = `${formatSimClock(Math.max(0, win.startMs))} – ${formatSimClock(win.endMs)} simulated`;
  const detail = win.banded ? `${win.resolutionMs / 1000} s averages, band min–max` : '1 s samples';
  const legend: LegendEntry[] = spec.metrics.map((metric) => ({ label: metricStyles[metric].label, color: metricColor(metric, dark) }));
  if (spec.configuredLine) legend.push({ label: `Configured (${configuredMiB} MiB)`, color: dark ? referenceColor.dark : referenceColor.light, dashed: true });
  const basis = spec.basis ? ` · % ${spec.basis}` : '';
  return {
    title: `${spec.title} — ${machineName}`,
    subtitle: `${rangeName(win.range)}: ${span} · ${detail}${basis}`,
    legend,
  };
}

/** Legend entries wrapped into rows no wider than `maxWidth`; `width` measures one entry (swatch and label). */
export function legendRows(entries: readonly LegendEntry[], maxWidth: number, width: (entry: LegendEntry) => number, gap: number): LegendEntry[][] {
  const rows: LegendEntry[][] = [];
  let row: LegendEntry[] = [];
  let used = 0;
  for (const entry of entries) {
    const w = width(entry);
    if (row.length > 0 && used + gap + w > maxWidth) {
      rows.push(row);
      row = [];
      used = 0;
    }
    used += (row.length > 0 ? gap : 0) + w;
    row.push(entry);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
