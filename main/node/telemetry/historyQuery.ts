// Turns a machine's stored tiers into a TelemetryHistory answer: 1 s points, or min/max/avg buckets of ≤ maxPoints.
import { historyRangeMs, telemetryMetricIndex } from '../../../shared/domain/telemetry.ts';
import type { HistoryRange, TelemetryHistory, TelemetryMetric } from '../../../shared/domain/telemetry.ts';
import { bucketSeconds, CoarseSeries } from './coarseSeries.ts';
import type { BucketStats } from './coarseSeries.ts';
import { fineRetainedSeconds } from './fineSeries.ts';
import { MachineHistory } from './machineHistory.ts';

export interface HistoryQuery {
  readonly machineId: string;
  readonly range: HistoryRange;
  readonly metrics: readonly TelemetryMetric[];
  readonly maxPoints: number;
}

type Series = TelemetryHistory['series'][TelemetryMetric] & object;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A machine without samples reads as off throughout: every bucket of a fixed range is a null gap. */
const neverRan = new MachineHistory(0);

/** `nowMs`: the newest sample time the backend has seen from any machine (the end of every range). */
export function queryHistory(history: MachineHistory | undefined, query: HistoryQuery, nowMs: number | null): TelemetryHistory {
  const empty: TelemetryHistory = { machineId: query.machineId, range: query.range, resolutionMs: 1000, simTimeMs: [], series: emptySeries(query.metrics), oldestMs: null };
  if (nowMs === null || (history === undefined && query.range === 'all')) return empty;
  const nowS = Math.floor(nowMs / 1000);
  if (history === undefined) return fromFine(neverRan, query, nowS, historyRangeMs[query.range as Exclude<HistoryRange, 'all'>] / 1000);
  const oldestMs = history.oldestMs();
  const spanS = query.range === 'all' ? Math.max(1, Math.ceil((nowMs - oldestMs) / 1000) + 1) : historyRangeMs[query.range] / 1000;
  const answer = spanS <= fineRetainedSeconds ? fromFine(history, query, nowS, spanS) : fromCoarse(history, query, nowS, spanS);
  return { ...answer, oldestMs };
}

function fromFine(history: MachineHistory, query: HistoryQuery, nowS: number, spanS: number): TelemetryHistory {
  const width = Math.ceil(spanS / query.maxPoints);
  const buckets = Math.ceil(spanS / width);
  const firstS = nowS - buckets * width + 1;
  const simTimeMs = Array.from({ length: buckets }, (_, b) => (firstS + (b + 1) * width - 1) * 1000);
  const series = emptySeries(query.metrics);
  for (const metric of query.metrics) {
    const column = telemetryMetricIndex[metric];
    const out = series[metric]!;
    for (let b = 0; b < buckets; b++) {
      const stats: BucketStats = { count: 0, min: 0, max: 0, sum: 0 };
      for (let s = firstS + b * width, end = s + width; s < end; s++) {
        const v = history.fine.read(s, column);
        if (Number.isNaN(v)) continue;
        stats.min = stats.count === 0 ? v : Math.min(stats.min, v);
        stats.max = stats.count === 0 ? v : Math.max(stats.max, v);
        stats.sum += v;
        stats.count += 1;
      }
      push(out, stats);
    }
  }
  return { machineId: query.machineId, range: query.range, resolutionMs: width * 1000, simTimeMs, series, oldestMs: null };
}

function fromCoarse(history: MachineHistory, query: HistoryQuery, nowS: number, spanS: number): TelemetryHistory {
  const lastBucket = CoarseSeries.bucketOf(nowS);
  const minutes = Math.ceil(spanS / bucketSeconds) + 1;
  const width = Math.ceil(minutes / query.maxPoints);
  const buckets = Math.ceil(minutes / width);
  const firstBucket = lastBucket - buckets * width + 1;
  const nowMs = nowS * 1000;
  const simTimeMs = Array.from({ length: buckets }, (_, b) => Math.min(nowMs, (firstBucket + (b + 1) * width) * bucketSeconds * 1000));
  const series = emptySeries(query.metrics);
  for (const metric of query.metrics) {
    const column = telemetryMetricIndex[metric];
    const out = series[metric]!;
    for (let b = 0; b < buckets; b++) {
      const stats: BucketStats = { count: 0, min: 0, max: 0, sum: 0 };
      for (let m = firstBucket + b * width, end = m + width; m < end; m++) history.coarse.accumulate(m, column, stats);
      push(out, stats);
    }
  }
  return { machineId: query.machineId, range: query.range, resolutionMs: width * bucketSeconds * 1000, simTimeMs, series, oldestMs: null };
}

function push(out: Series, stats: BucketStats): void {
  if (stats.count === 0) {
    out.avg.push(null);
    out.min.push(null);
    out.max.push(null);
    return;
  }
  out.avg.push(round3(stats.sum / stats.count));
  out.min.push(round3(stats.min));
  out.max.push(round3(stats.max));
}

function emptySeries(metrics: readonly TelemetryMetric[]): TelemetryHistory['series'] {
  const series: TelemetryHistory['series'] = {};
  for (const metric of metrics) series[metric] = { avg: [], min: [], max: [] };
  return series;
}
