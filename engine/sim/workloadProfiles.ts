// Workload profiles: per-core rates of I/O, page-table churn and allocation, plus the shape of CPU demand.
import type { WorkloadName } from './types.ts';
import { workloadNames } from './types.ts';

export interface WorkloadProfile {
  /** Baseline CPU demand as a fraction of the guest's vCPUs. */
  readonly cpu: number;
  /** Spread of the smooth (Ornstein–Uhlenbeck) noise around the baseline, as a fraction of vCPUs. */
  readonly noise: number;
  /** Chance per second that a burst starts, its extra demand and duration range. */
  readonly burstPerS: number;
  readonly burstLevel: number;
  readonly burstMinS: number;
  readonly burstMaxS: number;
  /** Working set as a fraction of configured memory; grows to `wsEnd` over `wsRampS` seconds of running. */
  readonly ws: number;
  readonly wsEnd: number;
  readonly wsRampS: number;
  /** Rates per core-second of native-equivalent work actually done. */
  readonly diskIopsPerCore: number;
  readonly readFraction: number;
  readonly blockKiB: number;
  readonly netPktsPerCore: number;
  readonly pktBytes: number;
  readonly ptUpdatesPerCore: number;
  /** Allocation rate for process VMs (MiB per core-second), driving garbage collection. */
  readonly allocMiBPerCore: number;
  /** Share of the work that waits on I/O: how much slow or stalled I/O hurts useful work. */
  readonly ioBound: number;
}

const quiet = { burstPerS: 0, burstLevel: 0, burstMinS: 0, burstMaxS: 0, wsRampS: 0 } as const;

export const workloadProfiles: Readonly<Record<WorkloadName, WorkloadProfile>> = {
  idle: { ...quiet, cpu: 0.03, noise: 0.01, ws: 0.15, wsEnd: 0.15, diskIopsPerCore: 200, readFraction: 0.5, blockKiB: 8, netPktsPerCore: 800, pktBytes: 400, ptUpdatesPerCore: 5000, allocMiBPerCore: 50, ioBound: 0.2 },
  web: { cpu: 0.35, noise: 0.06, burstPerS: 0.02, burstLevel: 0.35, burstMinS: 3, burstMaxS: 10, ws: 0.35, wsEnd: 0.35, wsRampS: 0, diskIopsPerCore: 150, readFraction: 0.8, blockKiB: 16, netPktsPerCore: 6000, pktBytes: 1200, ptUpdatesPerCore: 15_000, allocMiBPerCore: 600, ioBound: 0.35 },
  database: { cpu: 0.45, noise: 0.05, burstPerS: 0.01, burstLevel: 0.3, burstMinS: 5, burstMaxS: 15, ws: 0.75, wsEnd: 0.75, wsRampS: 0, diskIopsPerCore: 4000, readFraction: 0.7, blockKiB: 8, netPktsPerCore: 2000, pktBytes: 600, ptUpdatesPerCore: 8000, allocMiBPerCore: 300, ioBound: 0.55 },
  compile: { ...quiet, cpu: 0.9, noise: 0.05, ws: 0.5, wsEnd: 0.5, diskIopsPerCore: 600, readFraction: 0.6, blockKiB: 32, netPktsPerCore: 20, pktBytes: 800, ptUpdatesPerCore: 60_000, allocMiBPerCore: 900, ioBound: 0.1 },
  cpuBatch: { ...quiet, cpu: 0.97, noise: 0.02, ws: 0.3, wsEnd: 0.3, diskIopsPerCore: 10, readFraction: 0.5, blockKiB: 64, netPktsPerCore: 10, pktBytes: 800, ptUpdatesPerCore: 300, allocMiBPerCore: 200, ioBound: 0 },
  bursty: { cpu: 0.08, noise: 0.03, burstPerS: 0.05, burstLevel: 0.85, burstMinS: 5, burstMaxS: 20, ws: 0.4, wsEnd: 0.4, wsRampS: 0, diskIopsPerCore: 200, readFraction: 0.6, blockKiB: 16, netPktsPerCore: 3000, pktBytes: 1000, ptUpdatesPerCore: 10_000, allocMiBPerCore: 400, ioBound: 0.25 },
  memoryHungry: { ...quiet, cpu: 0.35, noise: 0.04, ws: 0.3, wsEnd: 1.05, wsRampS: 240, diskIopsPerCore: 300, readFraction: 0.5, blockKiB: 16, netPktsPerCore: 500, pktBytes: 800, ptUpdatesPerCore: 30_000, allocMiBPerCore: 1000, ioBound: 0.15 },
};

/** Same property order for every profile, so the hot loop's property reads stay monomorphic. */
function normalized(p: WorkloadProfile): WorkloadProfile {
  return {
    cpu: p.cpu,
    noise: p.noise,
    burstPerS: p.burstPerS,
    burstLevel: p.burstLevel,
    burstMinS: p.burstMinS,
    burstMaxS: p.burstMaxS,
    ws: p.ws,
    wsEnd: p.wsEnd,
    wsRampS: p.wsRampS,
    diskIopsPerCore: p.diskIopsPerCore,
    readFraction: p.readFraction,
    blockKiB: p.blockKiB,
    netPktsPerCore: p.netPktsPerCore,
    pktBytes: p.pktBytes,
    ptUpdatesPerCore: p.ptUpdatesPerCore,
    allocMiBPerCore: p.allocMiBPerCore,
    ioBound: p.ioBound,
  };
}

/** Profiles by index, as the hot loop stores them; the last entry is the hidden host-OS process load. */
export const profileTable: readonly WorkloadProfile[] = [
  ...workloadNames.map((name) => workloadProfiles[name]),
  { ...workloadProfiles.idle, cpu: 1, noise: 0.1, ws: 1, wsEnd: 1, ioBound: 0 },
].map(normalized);
export const hostProcessesProfile = profileTable.length - 1;

export function workloadIndex(name: WorkloadName): number {
  return workloadNames.indexOf(name);
}

/** Noise relaxation time: demand wanders for a few seconds, then drifts back to the baseline. */
export const noiseTauS = 3;
