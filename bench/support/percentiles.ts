// p50/p95/max of a list of durations, rounded to hundredths of a millisecond.
export function percentiles(values: readonly number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
  return { p50: at(50), p95: at(95), max: round(sorted.at(-1) ?? 0) };
}

const round = (n: number): number => Math.round(n * 100) / 100;
