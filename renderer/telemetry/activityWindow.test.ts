// Tests for the Activity window: history and live samples side by side, bucketing, trimming, CSV of what is shown.
import { describe, expect, it } from 'vitest';
import { buildActivityWindow, historyGap, lastValue } from './activityWindow.ts';
import { activityCsv } from './activityCsv.ts';
import { SeriesBuffer } from './seriesBuffer.ts';
import { telemetryMetricIndex, telemetryMetrics } from '../../shared/domain/telemetry.ts';
import type { TelemetryHistory } from '../../shared/domain/telemetry.ts';

const cpu = [telemetryMetricIndex.cpuPct, telemetryMetricIndex.memUsedMiB];

function ringOf(samples: [number, number, number][]): SeriesBuffer {
  const ring = new SeriesBuffer(100);
  for (const [t, c, m] of samples) ring.push(t, cpu, [c, m], 0);
  return ring;
}

const history = (resolutionMs: number, times: number[], avg: number[]): TelemetryHistory => ({
  machineId: 'a',
  range: '1h',
  resolutionMs,
  simTimeMs: times,
  series: { cpuPct: { avg, min: avg.map((v) => v - 1), max: avg.map((v) => v + 1) } },
  oldestMs: times[0] ?? null,
});

describe('buildActivityWindow', () => {
  it('shows live samples one per second and trims to the range', () => {
    const samples = Array.from({ length: 90 }, (_, i): [number, number, number] => [(i + 1) * 1000, i, 100 + i]);
    const win = buildActivityWindow('1m', null, ringOf(samples));
    expect(win.timesMs).toHaveLength(60);
    expect(win.timesMs[0]).toBe(31_000);
    expect(win.endMs).toBe(90_000);
    expect(win.startMs).toBe(30_000);
    expect(win.banded).toBe(false);
    expect(lastValue(win, 'cpuPct')).toBe(89);
    expect(lastValue(win, 'memUsedMiB')).toBe(189);
    // Not sampled: a gap, not zero.
    expect(lastValue(win, 'netRxMBps')).toBeNull();
  });

  it('appends live samples after the history, bucketed at its width with min, max and average', () => {
    const hist = history(6000, [6000, 12_000], [10, 20]);
    const ring = ringOf([
      [11_000, 99, 0], // already inside the history: not counted twice
      [13_000, 30, 0],
      [15_000, 40, 0],
      [18_000, 50, 0],
      [19_000, 60, 0],
    ]);
    const win = buildActivityWindow('1h', hist, ring);
    expect(win.banded).toBe(true);
    expect(win.timesMs).toEqual([6000, 12_000, 18_000, 24_000]);
    expect(win.series.cpuPct.avg).toEqual([10, 20, 40, 60]);
    expect(win.series.cpuPct.min).toEqual([9, 19, 30, 60]);
    expect(win.series.cpuPct.max).toEqual([11, 21, 50, 60]);
  });

  it('hands out fresh arrays every time', () => {
    const ring = ringOf([[1000, 1, 1]]);
    const a = buildActivityWindow('1m', null, ring);
    const b = buildActivityWindow('1m', null, ring);
    expect(a.series.cpuPct.avg).not.toBe(b.series.cpuPct.avg);
    expect(a.timesMs).not.toBe(b.timesMs);
  });

  it('notices when the live ring no longer reaches the end of the history', () => {
    const hist = history(6000, [6000], [1]);
    expect(historyGap(hist, ringOf([[7000, 1, 1]]))).toBe(false);
    expect(historyGap(hist, ringOf([[20_000, 1, 1]]))).toBe(true);
    expect(historyGap(null, ringOf([[20_000, 1, 1]]))).toBe(false);
  });
});

describe('the seam between recorded history and live samples', () => {
  const every = telemetryMetrics.map((m) => telemetryMetricIndex[m]);
  const fullHistory = (times: number[]): TelemetryHistory => ({
    machineId: 'a',
    range: '1m',
    resolutionMs: 1000,
    simTimeMs: times,
    series: Object.fromEntries(telemetryMetrics.map((m) => [m, { avg: times.map(() => 5), min: times.map(() => 5), max: times.map(() => 5) }])),
    oldestMs: times[0] ?? null,
  });
  const fullRing = (times: number[]): SeriesBuffer => {
    const ring = new SeriesBuffer(100);
    for (const t of times) ring.push(t, every, every.map(() => 7), 0);
    return ring;
  };

  it('continues second by second with a value for every metric where history ends and live begins', () => {
    const win = buildActivityWindow('1m', fullHistory([8000, 9000, 10_000]), fullRing([9000, 10_000, 11_000, 12_000]));
    expect(win.timesMs).toEqual([8000, 9000, 10_000, 11_000, 12_000]);
    for (const metric of telemetryMetrics) expect(win.series[metric].avg, metric).toEqual([5, 5, 5, 7, 7]);
  });

  it('asks for the history again when the first live sample after it is more than one step later', () => {
    const hist = fullHistory([8000, 9000, 10_000]);
    expect(historyGap(hist, fullRing([11_000, 12_000]))).toBe(false);
    expect(historyGap(hist, fullRing([12_000, 13_000]))).toBe(true);
    // Older live samples do not hide a hole after the history's end.
    expect(historyGap(hist, fullRing([7000, 8000, 13_000]))).toBe(true);
    // Nothing live after the history yet: nothing missing.
    expect(historyGap(hist, fullRing([7000, 8000]))).toBe(false);
  });
});

describe('activityCsv', () => {
  it('writes one row per point with the precision the summary uses', () => {
    const win = buildActivityWindow('1m', null, ringOf([[61_000, 12.345, 1500.4], [62_000, 13, 1501.6]]));
    const csv = activityCsv(win, ['cpuPct', 'memUsedMiB']);
    expect(csv.trim().split('\n')).toEqual(['Simulated time,Simulated ms,CPU total (%),Used (MiB)', '00:01:01,61000,12.3,1500', '00:01:02,62000,13.0,1502']);
  });

  it('adds min and max columns when the chart shows a band', () => {
    const win = buildActivityWindow('1h', history(6000, [6000], [10]), null);
    const [header, row] = activityCsv(win, ['cpuPct']).trim().split('\n');
    expect(header).toBe('Simulated time,Simulated ms,CPU total (%),CPU total min (%),CPU total max (%)');
    expect(row).toBe('00:00:06,6000,10.0,9.0,11.0');
  });
});
