// The one rounding rule for percentages on screen: whole percents, one decimal below 10 so small shares stay visible.

/** The value a percentage is shown as ("42", "4.2", "0"); rounding half away from zero, not toFixed's binary quirks. */
export function roundPercent(pct: number): number {
  const tenths = Math.sign(pct) * Math.round(Math.abs(pct) * 10);
  return Math.abs(tenths) < 100 ? tenths / 10 : Math.sign(pct) * Math.round(Math.abs(pct));
}

/** "42 %", "4.2 %", "0 %", or "–" for no value. */
export function formatPercent(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '–';
  const shown = roundPercent(pct);
  if (shown === 0) return '0 %';
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
