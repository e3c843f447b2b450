// Tests for the mini chart's snapshot of an activity window (history then live).
import { describe, expect, it } from 'vitest';
import { miniChartSnapshot } from './machineSeries.ts';
import { buildActivityWindow } from './activityWindow.ts';
import { SeriesBuffer } from './seriesBuffer.ts';
import { telemetryMetricIndex } from '../../shared/domain/telemetry.ts';
import type { TelemetryHistory } from '../../shared/domain/telemetry.ts';

const columns = [telemetryMetricIndex.cpuPct, telemetryMetricIndex.memUsedMiB];

describe('miniChartSnapshot', () => {
  it('turns CPU and used memory into clamped percentages of the configured memory, with gaps where nothing was sampled', () => {
    const ring = new SeriesBuffer(5);
    ring.push(1000, columns, [150, 512], 0);
    ring.push(2000, columns, [Number.NaN, Number.NaN], 0);
    ring.push(3000, columns, [40, 256], 0);
    expect(miniChartSnapshot(buildActivityWindow('1m', null, ring), 1024)).toEqual({ timesMs: [1000, 2000, 3000], cpuPct: [100, null, 40], memoryPct: [50, null, 25] });
    expect(miniChartSnapshot(null, 1024)).toEqual({ timesMs: [], cpuPct: [], memoryPct: [] });
  });

  it('starts from the recorded history and continues with the live samples', () => {
    const history: TelemetryHistory = {
      machineId: 'a',
      range: '1m',
      resolutionMs: 1000,
      simTimeMs: [1000, 2000],
      series: { cpuPct: { avg: [10, 20], min: [10, 20], max: [10, 20] }, memUsedMiB: { avg: [100, 200], min: [100, 200], max: [100, 200] } },
      oldestMs: 1000,
    };
    const ring = new SeriesBuffer(5);
    ring.push(3000, columns, [30, 300], 0);
    const snap = miniChartSnapshot(buildActivityWindow('1m', history, ring), 1000);
    expect(snap).toEqual({ timesMs: [1000, 2000, 3000], cpuPct: [10, 20, 30], memoryPct: [10, 20, 30] });
  });
});
