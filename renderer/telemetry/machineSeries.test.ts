// Tests for the mini chart's snapshot of a sample ring.
import { describe, expect, it } from 'vitest';
import { miniChartSnapshot } from './machineSeries.ts';
import { SeriesBuffer } from './seriesBuffer.ts';
import { telemetryMetricIndex } from '../../shared/domain/telemetry.ts';

describe('miniChartSnapshot', () => {
  it('turns CPU and used memory into clamped percentages of the configured memory', () => {
    const buffer = new SeriesBuffer(5);
    const columns = [telemetryMetricIndex.cpuPct, telemetryMetricIndex.memUsedMiB];
    buffer.push(1000, columns, [150, 512], 0);
    buffer.push(2000, columns, [-5, Number.NaN], 0);
    buffer.push(3000, columns, [40, 256], 0);
    expect(miniChartSnapshot(buffer, 1024)).toEqual({ timesMs: [1000, 2000, 3000], cpuPct: [100, 0, 40], memoryPct: [50, 0, 25] });
    expect(miniChartSnapshot(buffer, 1024, 2).timesMs).toEqual([2000, 3000]);
  });
});
