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

/** The value a percentage is shown as (42, 4.2, 0): whole from 10 up, tenths below, halves away from zero. */
export function roundPercent(pct: number): number {
  const tenths = Math.sign(pct) * Math.round(Math.abs(pct) * 10);
  return Math.abs(tenths) < 100 ? tenths / 10 : Math.sign(pct) * Math.round(Math.abs(pct));
}

/**
 * The one rounding rule for percentages: one decimal below 10 % (where a tenth matters), whole numbers above; values
 * that round to zero but are not zero read "<0.1 %"; "–" for no value.
 */
export function formatPercent(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '–';
  if (pct === 0) return '0 %';
  if (pct > 0 && pct < 0.05) return '<0.1 %';
  const shown = roundPercent(pct);
  return `${Math.abs(shown) < 10 ? shown.toFixed(1) : String(shown)} %`;
}

/** A fraction (0..1) as a percentage under the same rule. */
export function formatFraction(fraction: number | null | undefined): string {
  return formatPercent(fraction === null || fraction === undefined ? fraction : fraction * 100);
}

/**
 * Availability (0..1) keeps the nines that matter and never rounds up to "100 %": "99.95 %", "99.5 %", "100 %" only
 * when nothing was missed. The one exception to the rule above, since 99.95 and 100 are not the same promise.
 */
export function formatAvailability(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  if (fraction >= 1) return '100 %';
  const floored = Math.floor(Math.max(0, fraction) * 100_000) / 1000;
  return `${String(Number(floored.toFixed(3)))} %`;
}
