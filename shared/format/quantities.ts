// One way to write sizes, durations and shares for people, shared by the window, the CLI and backend messages.

/** Space: MiB below 1 GiB, GiB with one decimal above (e.g. "512 MiB", "20.5 GiB"). */
export function formatSpace(mib: number): string {
  if (mib < 1024) return `${Math.round(mib)} MiB`;
  const gib = mib / 1024;
  return `${gib >= 100 ? Math.round(gib) : Number(gib.toFixed(1))} GiB`;
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;

/** A stretch of simulated time in its largest sensible unit: "45 s", "12 min", "5.5 h", "9.2 days". */
export function formatDuration(ms: number): string {
  if (ms < minuteMs) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (ms < hourMs) return `${Math.round(ms / minuteMs)} min`;
  if (ms < dayMs) return `${Number((ms / hourMs).toFixed(1))} h`;
  const days = Number((ms / dayMs).toFixed(1));
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * The one rounding rule for percentages: one decimal below 10 % (where a tenth matters), whole numbers above; values
 * that round to zero but are not zero read "<0.1 %".
 */
export function formatPercent(pct: number): string {
  if (!Number.isFinite(pct)) return '–';
  if (pct > 0 && pct < 0.05) return '<0.1 %';
  return `${Math.abs(pct) < 10 ? pct.toFixed(1) : Math.round(pct)} %`;
}
