// Tests for the Activity charts' datasets: stacking, the configured-memory line and min/max bands for bucketed ranges.
import { describe, expect, it } from 'vitest';
import { activityCharts, activityDatasets, csvMetrics } from './activityCharts.ts';
import { buildActivityWindow } from './activityWindow.ts';
import { SeriesBuffer } from './seriesBuffer.ts';
import { telemetryMetricIndex } from '../../shared/domain/telemetry.ts';
import type { TelemetryHistory } from '../../shared/domain/telemetry.ts';

const [cpu, memory] = activityCharts;
if (!cpu || !memory) throw new Error('charts missing');

describe('activityDatasets', () => {
  it('stacks VMM overhead on guest time and keeps ready time on its own', () => {
    const ring = new SeriesBuffer(10);
    const columns = [telemetryMetricIndex.cpuGuestPct, telemetryMetricIndex.cpuOverheadPct, telemetryMetricIndex.cpuReadyPct];
    ring.push(1000, columns, [30, 5, 2], 0);
    const sets = activityDatasets(cpu, buildActivityWindow('1m', null, ring), false, 1024);
    expect(sets.map((d) => [d.label, d.fill, d.data.at(-1)])).toEqual([
      ['Guest', 'origin', { x: 1000, y: 30, v: 30 }],
      ['VMM / overhead', '-1', { x: 1000, y: 35, v: 5 }],
      ['Ready time', false, { x: 1000, y: 2, v: 2 }],
    ]);
  });

  it('draws the configured memory across the whole axis', () => {
    const ring = new SeriesBuffer(10);
    ring.push(90_000, [telemetryMetricIndex.memUsedMiB], [500], 0);
    const sets = activityDatasets(memory, buildActivityWindow('1m', null, ring), true, 2048);
    const configured = sets.find((d) => d.label === 'Configured');
    expect(configured?.data).toEqual([{ x: 30_000, y: 2048, v: 2048 }, { x: 90_000, y: 2048, v: 2048 }]);
    expect(configured?.borderDash).toEqual([6, 4]);
  });

  it('adds a min/max band, filled between its edges, only for bucketed ranges', () => {
    const history: TelemetryHistory = {
      machineId: 'a',
      range: '1h',
      resolutionMs: 6000,
      simTimeMs: [6000],
      series: { cpuPct: { avg: [40], min: [10], max: [90] } },
      oldestMs: 0,
    };
    const sets = activityDatasets(cpu, buildActivityWindow('1h', history, null), false, 1024);
    const bands = sets.filter((d) => d.band);
    expect(bands.map((d) => [d.label, d.fill, d.data[0]?.y])).toEqual([
      ['CPU total min', false, 10],
      ['CPU total max', '-1', 90],
    ]);
    expect(csvMetrics(cpu)).toEqual(['cpuGuestPct', 'cpuOverheadPct', 'cpuReadyPct', 'cpuPct']);
  });
});
