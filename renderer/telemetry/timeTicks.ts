// Tick positions for the simulated time axis: round clock values ("12:04:00", "12:05:00"), at most a handful, never before 0.
const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map((s) => s * 1000);

/** Multiples of a round step between `minMs` and `maxMs` (both inclusive), at most `maxTicks` of them. */
export function timeTicks(minMs: number, maxMs: number, maxTicks = 6): number[] {
  const from = Math.max(0, minMs);
  if (!(maxMs > from)) return maxMs >= 0 ? [maxMs] : [];
  // The step follows the whole axis, so labels keep their spacing when part of it lies before time 0.
  const span = maxMs - minMs;
  const step = steps.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= maxMs; t += step) ticks.push(t);
  return ticks;
}
