// The mini chart's view of a machine's activity window (history then live): simulated times with CPU % and memory-used %.
import type { ActivityWindow } from './activityWindow.ts';

export const telemetryWindowSize = 60;

export interface SeriesSnapshot {
  timesMs: number[];
  /** Of the guest's vCPUs; null where the machine had no sample (powered off). */
  cpuPct: (number | null)[];
  /** Of its configured memory; null where it had no sample. */
  memoryPct: (number | null)[];
}

/** The window's CPU and used memory as plain arrays (fresh on every call), clamped to 0…100. */
export function miniChartSnapshot(win: ActivityWindow | null, memoryMiB: number): SeriesSnapshot {
  const snapshot: SeriesSnapshot = { timesMs: [], cpuPct: [], memoryPct: [] };
  if (!win) return snapshot;
  win.timesMs.forEach((time, i) => {
    const cpu = win.series.cpuPct.avg[i] ?? null;
    const used = win.series.memUsedMiB.avg[i] ?? null;
    snapshot.timesMs.push(time);
    snapshot.cpuPct.push(clampPct(cpu));
    snapshot.memoryPct.push(used === null || memoryMiB <= 0 ? null : clampPct((used / memoryMiB) * 100));
  });
  return snapshot;
}

function clampPct(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Math.min(100, Math.max(0, value));
}
