// What the Activity charts show for a range: recorded history plus live samples, bucketed alike, trimmed to the range.
import { historyRangeMs, telemetryMetricIndex, telemetryMetrics } from '../../shared/domain/telemetry.ts';
import type { HistoryRange, TelemetryHistory, TelemetryMetric } from '../../shared/domain/telemetry.ts';
import type { SeriesBuffer } from './seriesBuffer.ts';

/** Buckets asked of the backend per range: 1 s resolution for 1 and 10 minutes, min/max/avg buckets beyond. */
export const historyPoints: Readonly<Record<HistoryRange, number>> = { '1m': 60, '10m': 600, '1h': 600, all: 600 };

export interface WindowSeries {
  avg: (number | null)[];
  min: (number | null)[];
  max: (number | null)[];
}

export interface ActivityWindow {
  range: HistoryRange;
  /** End of each point's bucket (simulated ms), oldest first. */
  timesMs: number[];
  resolutionMs: number;
  /** Buckets wider than one sample: charts draw the min/max band. */
  banded: boolean;
  /** Left and right edge of the time axis. */
  startMs: number;
  endMs: number;
  series: Record<TelemetryMetric, WindowSeries>;
}

interface Bucket {
  end: number;
  sum: Float64Array;
  count: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

const width = telemetryMetrics.length;

function newBucket(end: number): Bucket {
  return { end, sum: new Float64Array(width), count: new Float64Array(width), min: new Float64Array(width).fill(Infinity), max: new Float64Array(width).fill(-Infinity) };
}

function emptySeries(): Record<TelemetryMetric, WindowSeries> {
  return Object.fromEntries(telemetryMetrics.map((m) => [m, { avg: [], min: [], max: [] }])) as unknown as Record<TelemetryMetric, WindowSeries>;
}

/**
 * Lays history (as getTelemetryHistory answered) and the live ring side by side: live samples newer than the
 * history are grouped into buckets of the history's width, aligned on its last bucket, so the line does not change
 * character where history ends. Fresh arrays every call (Chart.js keeps and mutates what it is given).
 */
export function buildActivityWindow(range: HistoryRange, history: TelemetryHistory | null, ring: SeriesBuffer | null): ActivityWindow {
  const resolutionMs = Math.max(1000, history?.resolutionMs ?? 1000);
  const series = emptySeries();
  const timesMs: number[] = [];
  const historyEnd = history?.simTimeMs.at(-1) ?? -Infinity;

  if (history) {
    history.simTimeMs.forEach((time, i) => {
      timesMs.push(time);
      for (const metric of telemetryMetrics) {
        const recorded = history.series[metric];
        series[metric].avg.push(recorded?.avg[i] ?? null);
        series[metric].min.push(recorded?.min[i] ?? null);
        series[metric].max.push(recorded?.max[i] ?? null);
      }
    });
  }

  if (ring) {
    let bucket: Bucket | null = null;
    const flush = (b: Bucket): void => {
      timesMs.push(b.end);
      for (const metric of telemetryMetrics) {
        const k = telemetryMetricIndex[metric];
        const n = b.count[k] ?? 0;
        series[metric].avg.push(n > 0 ? (b.sum[k] ?? 0) / n : null);
        series[metric].min.push(n > 0 ? (b.min[k] ?? 0) : null);
        series[metric].max.push(n > 0 ? (b.max[k] ?? 0) : null);
      }
    };
    const anchor = Number.isFinite(historyEnd) ? historyEnd : 0;
    for (let i = ring.indexAfter(historyEnd); i < ring.length; i += 1) {
      const time = ring.timeAt(i);
      const end = anchor + Math.ceil((time - anchor) / resolutionMs) * resolutionMs;
      if (bucket && bucket.end !== end) {
        flush(bucket);
        bucket = null;
      }
      bucket ??= newBucket(end);
      for (let k = 0; k < width; k += 1) {
        const value = ring.valueAt(i, k);
        if (Number.isNaN(value)) continue;
        bucket.sum[k] = (bucket.sum[k] ?? 0) + value;
        bucket.count[k] = (bucket.count[k] ?? 0) + 1;
        bucket.min[k] = Math.min(bucket.min[k] ?? Infinity, value);
        bucket.max[k] = Math.max(bucket.max[k] ?? -Infinity, value);
      }
    }
    if (bucket) flush(bucket);
  }

  const endMs = timesMs.at(-1) ?? 0;
  const startMs = range === 'all' ? Math.min(timesMs[0] ?? endMs, endMs - 60_000) : endMs - historyRangeMs[range];
  // Keep only what the axis shows.
  const first = timesMs.findIndex((t) => t > startMs);
  const drop = first === -1 ? timesMs.length : first;
  if (drop > 0) {
    timesMs.splice(0, drop);
    for (const metric of telemetryMetrics) for (const part of ['avg', 'min', 'max'] as const) series[metric][part].splice(0, drop);
  }
  return { range, timesMs, resolutionMs, banded: resolutionMs > 1000, startMs, endMs, series };
}

/** The newest value of a series on screen, or null when it has none. */
export function lastValue(window: ActivityWindow, metric: TelemetryMetric): number | null {
  return window.series[metric].avg.at(-1) ?? null;
}

/**
 * Whether the live samples do not continue where the history ends: the first one after it is more than one bucket
 * later (the ring started late, or no longer reaches back that far). The history must then be fetched again, since
 * the seconds in between are only in the backend's record.
 */
export function historyGap(history: TelemetryHistory | null, ring: SeriesBuffer | null): boolean {
  const historyEnd = history?.simTimeMs.at(-1);
  if (historyEnd === undefined || !ring) return false;
  const next = ring.indexAfter(historyEnd);
  if (next >= ring.length) return false;
  return ring.timeAt(next) > historyEnd + Math.max(1000, history?.resolutionMs ?? 1000);
}
