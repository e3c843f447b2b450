// Proportional-share CPU scheduling of one pool: reservations first, then shares, never above demand or limit.

const eps = 1e-9;
const maxRounds = 32;

/**
 * Grants each slot in [start, end) CPU (cores) out of `capacity`. `want` is already capped by the guest's vCPUs and
 * limit. Reserved cores are guaranteed; what is left is split by shares, and whatever a satisfied guest does not need
 * is redistributed (water-filling), so no capacity idles while someone waits.
 */
export function shareCpu(
  start: number,
  end: number,
  capacity: number,
  want: Float64Array,
  shares: Float64Array,
  reservation: Float64Array,
  useReservations: boolean,
  granted: Float64Array,
): void {
  let total = 0;
  for (let i = start; i < end; i++) total += want[i]!;
  if (total <= capacity) {
    for (let i = start; i < end; i++) granted[i] = want[i]!;
    return;
  }
  let remaining = capacity;
  // Shares of the guests still short of their want, summed in slot order as each pass goes (the next round's total).
  let totalShares = 0;
  for (let i = start; i < end; i++) {
    const g = useReservations ? Math.min(want[i]!, reservation[i]!) : 0;
    granted[i] = g;
    remaining -= g;
    if (want[i]! - g > eps) totalShares += shares[i]!;
  }
  if (remaining < 0) {
    // Admission control keeps reservations within capacity; if capacity shrank (a partition lost cores), scale down.
    const scale = capacity / (capacity - remaining);
    for (let i = start; i < end; i++) granted[i]! *= scale;
    return;
  }
  // Water-filling: each round splits what is left by shares among the guests still short; one pass per round, which
  // also sums the shares of those still short for the next round.
  for (let round = 0; round < maxRounds && remaining > eps; round++) {
    if (totalShares <= 0) return;
    const perShare = remaining / totalShares;
    let given = 0;
    let someoneSatisfied = false;
    let nextShares = 0;
    for (let i = start; i < end; i++) {
      const gap = want[i]! - granted[i]!;
      if (gap <= eps) continue;
      const offer = perShare * shares[i]!;
      if (offer >= gap) {
        granted[i] = want[i]!;
        given += gap;
        someoneSatisfied = true;
      } else {
        const now = granted[i]! + offer;
        granted[i] = now;
        given += offer;
        if (want[i]! - now > eps) nextShares += shares[i]!;
      }
    }
    remaining -= given;
    if (!someoneSatisfied) return;
    totalShares = nextShares;
  }
}
