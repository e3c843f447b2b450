// Host power from utilisation: idle watts plus a SPECpower-shaped rise to full load; an off host draws nothing.

/**
 * Watts at 0 %, 10 %, … 100 % load of the SPECpower_ssj2008 result of an IBM System x3550 M3 with two Xeon X5675
 * (12 cores, 16 GB): http://www.spec.org/power_ssj2008/results/res2011q2/power_ssj2008-20110406-00368.html — the
 * curve CloudSim's PowerModelSpecPowerIbmX3550XeonX5675 uses (Beloglazov & Buyya, CCPE 24(13), 2012).
 */
export const specPowerWatts = [58.4, 98, 109, 118, 128, 140, 153, 170, 189, 205, 222] as const;
const referenceCores = 12;

export interface PowerProfile {
  readonly idleWatts: number;
  readonly maxWatts: number;
}

/** A host's profile when none is given: the reference server scaled by its core count (a first-order assumption). */
export function defaultPowerProfile(cores: number): PowerProfile {
  const scale = cores / referenceCores;
  return { idleWatts: round1(specPowerWatts[0] * scale), maxWatts: round1(specPowerWatts[10] * scale) };
}

/** Share of the idle-to-peak rise drawn at `utilisation` (0..1), interpolated between the measured 10 % steps. */
export function loadShare(utilisation: number): number {
  const u = Math.min(1, Math.max(0, utilisation)) * 10;
  const lo = Math.floor(u);
  const hi = Math.min(10, lo + 1);
  const at = (k: number) => (specPowerWatts[k]! - specPowerWatts[0]) / (specPowerWatts[10] - specPowerWatts[0]);
  return at(lo) + (at(hi) - at(lo)) * (u - lo);
}

/** Watts of a host that is on at `utilisation` (0..1). */
export function hostWatts(profile: PowerProfile, utilisation: number): number {
  return profile.idleWatts + (profile.maxWatts - profile.idleWatts) * loadShare(utilisation);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
