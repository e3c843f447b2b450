// Tests for what an exported chart image says: title with machine, time range with its resolution, legend, wrapping.
import { describe, expect, it } from 'vitest';
import { chartExportText, legendRows } from './chartExportText.ts';
import { activityCharts } from './activityCharts.ts';
import { buildActivityWindow } from './activityWindow.ts';
import { SeriesBuffer } from './seriesBuffer.ts';
import { telemetryMetricIndex } from '../../shared/domain/telemetry.ts';
import type { TelemetryHistory } from '../../shared/domain/telemetry.ts';

const spec = (id: string) => activityCharts.find((c) => c.id === id)!;

function liveWindow() {
  const ring = new SeriesBuffer(200);
  for (let s = 1; s <= 125; s += 1) ring.push(s * 1000, [telemetryMetricIndex.cpuPct], [s], 0);
  return buildActivityWindow('1m', null, ring);
}

describe('chartExportText', () => {
  it('names the chart, the machine, the simulated span and the basis of its percentages', () => {
    const text = chartExportText(spec('cpu'), liveWindow(), 'web-01', false, 2048);
    expect(text.title).toBe('CPU — web-01');
    expect(text.subtitle).toBe('Last minute: 00:01:05 – 00:02:05 simulated · 1 s samples · % of guest vCPUs');
    expect(text.legend.map((e) => e.label)).toEqual(['Guest', 'VMM / overhead', 'Ready time']);
    expect(text.legend[0]?.color).toBe('#2957c7');
  });

  it('lists the configured memory as a dashed entry and says when the range is bucketed', () => {
    const history: TelemetryHistory = { machineId: 'a', range: '1h', resolutionMs: 6000, simTimeMs: [3_600_000], series: {}, oldestMs: 0 };
    const text = chartExportText(spec('memory'), buildActivityWindow('1h', history, null), 'db', true, 4096);
    expect(text.subtitle).toBe('Last hour: 00:00:00 – 01:00:00 simulated · 6 s averages, band min–max');
    expect(text.legend.at(-1)).toEqual({ label: 'Configured (4096 MiB)', color: '#d1d5db', dashed: true });
    expect(text.legend.map((e) => e.label).slice(0, 4)).toEqual(['Used', 'Ballooned', 'Shared', 'Swapped']);
  });
});

describe('legendRows', () => {
  it('wraps entries into rows that fit, never leaving a row empty', () => {
    const entries = ['a', 'b', 'c', 'd'].map((label) => ({ label, color: '#000' }));
    expect(legendRows(entries, 100, () => 40, 10).map((row) => row.map((e) => e.label))).toEqual([['a', 'b'], ['c', 'd']]);
    expect(legendRows(entries, 10, () => 40, 10)).toHaveLength(4);
    expect(legendRows([], 100, () => 40, 10)).toEqual([]);
  });
});
