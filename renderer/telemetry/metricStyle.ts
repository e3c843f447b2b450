// One palette and one set of labels per telemetry metric, shared by every chart, table and dashboard (light and dark).
import type { TelemetryMetric } from '../../shared/domain/telemetry.ts';
import { formatPercent } from '../../shared/format/quantities.ts';

export type MetricUnit = 'pct' | 'MiB' | 'MBps';

export interface MetricStyle {
  label: string;
  unit: MetricUnit;
  /** Strong enough on white (≥ 3:1 for lines) in light, and on near-black in dark. */
  light: string;
  dark: string;
}

export const metricStyles: Readonly<Record<TelemetryMetric, MetricStyle>> = {
  cpuPct: { label: 'CPU total', unit: 'pct', light: '#2957c7', dark: '#8cb3ff' },
  cpuGuestPct: { label: 'Guest', unit: 'pct', light: '#2957c7', dark: '#8cb3ff' },
  cpuOverheadPct: { label: 'VMM / overhead', unit: 'pct', light: '#c2410c', dark: '#fb923c' },
  cpuReadyPct: { label: 'Ready time', unit: 'pct', light: '#7c3aed', dark: '#c4a5fd' },
  memUsedMiB: { label: 'Used', unit: 'MiB', light: '#0f8a6a', dark: '#4fd1a5' },
  memBalloonedMiB: { label: 'Ballooned', unit: 'MiB', light: '#b45309', dark: '#fbbf24' },
  memSharedMiB: { label: 'Shared', unit: 'MiB', light: '#0e7490', dark: '#22d3ee' },
  memSwappedMiB: { label: 'Swapped', unit: 'MiB', light: '#c62828', dark: '#ef7a7a' },
  diskReadMBps: { label: 'Read', unit: 'MBps', light: '#1d4ed8', dark: '#93c5fd' },
  diskWriteMBps: { label: 'Write', unit: 'MBps', light: '#be185d', dark: '#f9a8d4' },
  netRxMBps: { label: 'Received', unit: 'MBps', light: '#047857', dark: '#6ee7b7' },
  netTxMBps: { label: 'Sent', unit: 'MBps', light: '#a16207', dark: '#fde047' },
};

/** The configured-memory reference line. */
export const referenceColor = { light: '#4b5563', dark: '#d1d5db' } as const;

export function metricColor(metric: TelemetryMetric, dark: boolean): string {
  const style = metricStyles[metric];
  return dark ? style.dark : style.light;
}

/** "#rrggbb" with an alpha channel, for fills and bands. */
export function withAlpha(hex: string, alpha: number): string {
  const byte = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
  return `${hex}${byte.toString(16).padStart(2, '0')}`;
}

/** A value as the charts' summaries and the table print it; "–" for no sample. */
export function formatMetricValue(value: number | null | undefined, unit: MetricUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (unit === 'pct') return formatPercent(value);
  if (unit === 'MiB') return `${Math.round(value)} MiB`;
  return `${value.toFixed(2)} MB/s`;
}
