// Tests for laying telemetry onto the chart window.
import { describe, expect, it } from 'vitest';
import { toChartWindow } from './chartWindow.ts';

describe('toChartWindow', () => {
  it('pads on the left so the newest sample sits at "now"', () => {
    const win = toChartWindow({ timesMs: [1000, 2000], cpuPct: [10, 20], memoryPct: [30, 40] }, 4);
    expect(win.labels).toEqual(['-3 s', '-2 s', '-1 s', 'now']);
    expect(win.cpu).toEqual([null, null, 10, 20]);
    expect(win.memory).toEqual([null, null, 30, 40]);
  });

  it('returns new arrays on every call', () => {
    const snapshot = { timesMs: [1], cpuPct: [5], memoryPct: [6] };
    const a = toChartWindow(snapshot, 2);
    const b = toChartWindow(snapshot, 2);
    expect(a.cpu).not.toBe(b.cpu);
    expect(a.labels).not.toBe(b.labels);
  });

  it('shows an empty window before the first sample', () => {
    expect(toChartWindow(null, 3).cpu).toEqual([null, null, null]);
  });
});
