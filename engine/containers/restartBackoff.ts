// Restart delays after a container exits: Docker's daemon (100 ms doubling to 1 min) and Kubernetes' kubelet
// (CrashLoopBackOff: 10 s doubling to 5 min). Both forget past failures once a container has run long enough.

export interface BackoffPolicy {
  readonly firstMs: number;
  readonly maxMs: number;
  /** A container that ran this long before exiting starts again from the first delay. */
  readonly resetAfterMs: number;
}

/** dockerd: "an ever increasing delay (double the previous delay, starting at 100 milliseconds)", reset after 10 s up. */
export const dockerBackoff: BackoffPolicy = { firstMs: 100, maxMs: 60_000, resetAfterMs: 10_000 };

/** kubelet: 10 s, 20 s, 40 s … capped at 5 min, reset after the container ran 10 min without failing. */
export const kubeletBackoff: BackoffPolicy = { firstMs: 10_000, maxMs: 300_000, resetAfterMs: 600_000 };

/**
 * The delay before the next restart, given how many times in a row it already failed (`streak`, 0 for the first
 * failure) and how long it ran this time; returns the new streak too.
 */
export function nextBackoff(policy: BackoffPolicy, streak: number, ranMs: number): { readonly delayMs: number; readonly streak: number } {
  const current = ranMs >= policy.resetAfterMs ? 0 : streak;
  const delayMs = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(current, 30));
  return { delayMs, streak: current + 1 };
}
