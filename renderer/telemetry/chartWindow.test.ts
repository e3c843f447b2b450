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

  it('puts each sample in the slot of its second, so a missing second stays a gap instead of shifting the line', () => {
    const win = toChartWindow({ timesMs: [1000, 3000, 4000], cpuPct: [10, 30, 40], memoryPct: [1, 3, 4] }, 5);
    expect(win.cpu).toEqual([null, 10, null, 30, 40]);
    expect(win.memory).toEqual([null, 1, null, 3, 4]);
    // Older than the window: left out.
    expect(toChartWindow({ timesMs: [1000, 9000], cpuPct: [1, 9], memoryPct: [1, 9] }, 3).cpu).toEqual([null, null, 9]);
  });

  it('shows an empty window before the first sample', () => {
    expect(toChartWindow(null, 3).cpu).toEqual([null, null, null]);
  });
});
