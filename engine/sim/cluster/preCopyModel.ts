// Pre-copy live migration as numbers (Clark et al., NSDI 2005): rounds that chase dirtied pages, then stop-and-copy.

/**
 * Defaults of the model. Round limit: Xen's pre-copy gives up iterating after about 30 rounds (max_iters 29) and stops
 * the guest whatever is left. Stop threshold: stop once the dirty set can be sent within this long (SimGrid's
 * VmLiveMigration uses bandwidth × max_downtime with 30 ms by default, QEMU a "downtime-limit"). Switch-over: vCPU and
 * device state, resuming on the target and the gratuitous ARP that moves the IP; an assumption of the order Clark et
 * al.'s shortest downtimes (60 ms with memory still to send) leave for it.
 */
export const preCopyDefaults = {
  linkGbps: 10,
  maxRounds: 30,
  maxDowntimeMs: 30,
  switchoverMs: 20,
  /** A container's checkpoint is restored on the target (CRIU restore): process tree, sockets, mappings. */
  restoreMs: 50,
} as const;

/** Limits on the per-migration options. */
export const preCopyLimits = { maxRounds: { min: 1, max: 100 }, maxDowntimeMs: { min: 1, max: 10_000 } } as const;

/** Payload bytes of a link of `gbps` gigabits per second, in MiB per second. */
export function linkMiBPerS(gbps: number): number {
  return (gbps * 1e9) / 8 / 1_048_576;
}

export interface PreCopyInput {
  readonly memoryMiB: number;
  readonly bandwidthMiBs: number;
  /** MiB the guest writes per second while it runs. */
  readonly dirtyMiBs: number;
  /** The writable working set: no round dirties more distinct memory than this. */
  readonly writableMiB: number;
  readonly maxRounds: number;
  readonly maxDowntimeMs: number;
  readonly switchoverMs: number;
}

export interface PreCopyRound {
  readonly index: number;
  readonly sentMiB: number;
  readonly dirtiedMiB: number;
  readonly durationMs: number;
}

export interface PreCopyOutcome {
  readonly rounds: readonly PreCopyRound[];
  /** The dirty set fell below what the downtime goal allows (false: the round limit stopped it). */
  readonly converged: boolean;
  readonly stopCopyMiB: number;
  readonly downtimeMs: number;
  readonly totalMs: number;
  readonly totalSentMiB: number;
}

/** The dirty set below which the guest is stopped: what the link sends within the downtime goal. */
export function stopThresholdMiB(bandwidthMiBs: number, maxDowntimeMs: number): number {
  return (bandwidthMiBs * maxDowntimeMs) / 1000;
}

/** Distinct memory a guest dirties in `ms`: its rate, up to its writable working set. */
export function dirtiedIn(ms: number, dirtyMiBs: number, writableMiB: number): number {
  return Math.min(writableMiB, (dirtyMiBs * ms) / 1000);
}

/**
 * Round by round at a steady dirty rate: round 1 sends all memory, each next one what the previous dirtied; stop once
 * that is below the threshold or at the round limit, then stop-and-copy the rest and switch over.
 */
export function preCopyOutcome(input: PreCopyInput): PreCopyOutcome {
  const threshold = stopThresholdMiB(input.bandwidthMiBs, input.maxDowntimeMs);
  const rounds: PreCopyRound[] = [];
  let toSend = input.memoryMiB;
  let totalMs = 0;
  let sent = 0;
  for (;;) {
    const durationMs = (toSend / input.bandwidthMiBs) * 1000;
    const dirtied = dirtiedIn(durationMs, input.dirtyMiBs, input.writableMiB);
    rounds.push({ index: rounds.length + 1, sentMiB: toSend, dirtiedMiB: dirtied, durationMs });
    totalMs += durationMs;
    sent += toSend;
    const converged = dirtied <= threshold;
    if (converged || rounds.length >= input.maxRounds) {
      const copyMs = (dirtied / input.bandwidthMiBs) * 1000;
      const downtimeMs = copyMs + input.switchoverMs;
      return { rounds, converged, stopCopyMiB: dirtied, downtimeMs, totalMs: totalMs + downtimeMs, totalSentMiB: sent + dirtied };
    }
    toSend = dirtied;
  }
}

/**
 * The closed form of the pre-copy series when the working set does not cap the rounds: with ρ = dirty rate / bandwidth,
 * the rounds take M/B · (1 + ρ + ρ² + …), which tends to M/B · 1/(1 − ρ). Infinite when ρ ≥ 1 (it never converges).
 */
export function analyticPreCopyMs(memoryMiB: number, bandwidthMiBs: number, dirtyMiBs: number): number {
  const rho = dirtyMiBs / bandwidthMiBs;
  if (rho >= 1) return Number.POSITIVE_INFINITY;
  return ((memoryMiB / bandwidthMiBs) * 1000) / (1 - rho);
}

