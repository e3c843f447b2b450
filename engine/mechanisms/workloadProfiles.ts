// Workload profiles: the shape of CPU demand and memory, and the architecture events each core-second of work produces.
import type { WorkloadName } from '../sim/types.ts';
import { workloadNames } from '../sim/types.ts';

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
  /** Allocation rate for process VMs (MiB per core-second), driving garbage collection. */
  readonly allocMiBPerCore: number;
  /** Share of the work that waits on I/O: how much slow or stalled I/O hurts useful work. */
  readonly ioBound: number;
  /** Share of the work's time spent in the guest kernel. */
  readonly kernelShare: number;
  /** Architecture events per core-second of work. */
  readonly systemCallsPerCore: number;
  readonly interruptsPerCore: number;
  readonly pageFaultsPerCore: number;
  readonly ptUpdatesPerCore: number;
  readonly contextSwitchesPerCore: number;
  readonly tlbMissesPerCore: number;
  /** Memory the work writes, MiB per core-second: what pre-copy live migration must send again (its dirty rate). */
  readonly dirtyMiBPerCore: number;
  /**
   * Writable working set as a share of configured memory: the pages the program keeps rewriting. However long a
   * pre-copy round lasts, it cannot dirty more distinct pages than this (Clark et al., NSDI 2005, §4).
   */
  readonly writableShare: number;
}

const quiet = { burstPerS: 0, burstLevel: 0, burstMinS: 0, burstMaxS: 0, wsRampS: 0 } as const;

/**
 * Event rates are this model's assumptions of the right order for each kind of program on a ~3 GHz core: a web server
 * (SPECweb99-like: ~20,000 packets, tens of thousands of system calls and interrupts per busy core-second, half its time
 * in the kernel), an OLTP database (many context switches between client and server processes, disk and network I/O),
 * a compile (fork/exec: page faults and page-table updates), CPU-bound batch code (SPEC INT-like: almost no kernel),
 * and a fork/exec-heavy shell workload (Adams & Agesen's forkwait). Sources for the costs are in eventCosts.ts.
 *
 * Dirty rates and writable working sets (what live migration has to chase) are assumptions of the same kind, chosen so
 * the orders of magnitude of Clark et al., "Live Migration of Virtual Machines", NSDI 2005 come out: a web server's
 * small, slowly rewritten set migrates with tens of milliseconds of downtime; a program rewriting gigabytes a second
 * (their "diabolical" MMuncher) outruns the link and only stops at the round limit, with seconds of downtime.
 */
export const workloadProfiles: Readonly<Record<WorkloadName, WorkloadProfile>> = {
  idle: {
    ...quiet, cpu: 0.03, noise: 0.01, ws: 0.15, wsEnd: 0.15,
    diskIopsPerCore: 200, readFraction: 0.5, blockKiB: 8, netPktsPerCore: 800, pktBytes: 400, allocMiBPerCore: 50, ioBound: 0.2,
    kernelShare: 0.3, systemCallsPerCore: 5000, interruptsPerCore: 2000, pageFaultsPerCore: 1000, ptUpdatesPerCore: 3000, contextSwitchesPerCore: 2000, tlbMissesPerCore: 1e6,
    dirtyMiBPerCore: 8, writableShare: 0.02,
  },
  web: {
    cpu: 0.35, noise: 0.06, burstPerS: 0.02, burstLevel: 0.35, burstMinS: 3, burstMaxS: 10, ws: 0.35, wsEnd: 0.35, wsRampS: 0,
    diskIopsPerCore: 150, readFraction: 0.8, blockKiB: 16, netPktsPerCore: 20_000, pktBytes: 1200, allocMiBPerCore: 600, ioBound: 0.35,
    kernelShare: 0.5, systemCallsPerCore: 40_000, interruptsPerCore: 20_000, pageFaultsPerCore: 4000, ptUpdatesPerCore: 10_000, contextSwitchesPerCore: 10_000, tlbMissesPerCore: 3e6,
    dirtyMiBPerCore: 40, writableShare: 0.08,
  },
  database: {
    cpu: 0.45, noise: 0.05, burstPerS: 0.01, burstLevel: 0.3, burstMinS: 5, burstMaxS: 15, ws: 0.75, wsEnd: 0.75, wsRampS: 0,
    diskIopsPerCore: 4000, readFraction: 0.7, blockKiB: 8, netPktsPerCore: 4000, pktBytes: 600, allocMiBPerCore: 300, ioBound: 0.55,
    kernelShare: 0.4, systemCallsPerCore: 30_000, interruptsPerCore: 12_000, pageFaultsPerCore: 3000, ptUpdatesPerCore: 8000, contextSwitchesPerCore: 40_000, tlbMissesPerCore: 6e6,
    dirtyMiBPerCore: 120, writableShare: 0.25,
  },
  compile: {
    ...quiet, cpu: 0.9, noise: 0.05, ws: 0.5, wsEnd: 0.5,
    diskIopsPerCore: 600, readFraction: 0.6, blockKiB: 32, netPktsPerCore: 20, pktBytes: 800, allocMiBPerCore: 900, ioBound: 0.1,
    kernelShare: 0.25, systemCallsPerCore: 30_000, interruptsPerCore: 2000, pageFaultsPerCore: 50_000, ptUpdatesPerCore: 80_000, contextSwitchesPerCore: 6000, tlbMissesPerCore: 3e6,
    dirtyMiBPerCore: 300, writableShare: 0.3,
  },
  cpuBatch: {
    ...quiet, cpu: 0.97, noise: 0.02, ws: 0.3, wsEnd: 0.3,
    diskIopsPerCore: 10, readFraction: 0.5, blockKiB: 64, netPktsPerCore: 10, pktBytes: 800, allocMiBPerCore: 200, ioBound: 0,
    kernelShare: 0.02, systemCallsPerCore: 300, interruptsPerCore: 250, pageFaultsPerCore: 300, ptUpdatesPerCore: 500, contextSwitchesPerCore: 100, tlbMissesPerCore: 1e6,
    dirtyMiBPerCore: 60, writableShare: 0.15,
  },
  bursty: {
    cpu: 0.08, noise: 0.03, burstPerS: 0.05, burstLevel: 0.85, burstMinS: 5, burstMaxS: 20, ws: 0.4, wsEnd: 0.4, wsRampS: 0,
    diskIopsPerCore: 200, readFraction: 0.6, blockKiB: 16, netPktsPerCore: 3000, pktBytes: 1000, allocMiBPerCore: 400, ioBound: 0.25,
    kernelShare: 0.3, systemCallsPerCore: 15_000, interruptsPerCore: 6000, pageFaultsPerCore: 3000, ptUpdatesPerCore: 6000, contextSwitchesPerCore: 4000, tlbMissesPerCore: 2e6,
    dirtyMiBPerCore: 50, writableShare: 0.1,
  },
  memoryHungry: {
    ...quiet, cpu: 0.35, noise: 0.04, ws: 0.3, wsEnd: 1.05, wsRampS: 240,
    diskIopsPerCore: 300, readFraction: 0.5, blockKiB: 16, netPktsPerCore: 500, pktBytes: 800, allocMiBPerCore: 1000, ioBound: 0.15,
    kernelShare: 0.15, systemCallsPerCore: 5000, interruptsPerCore: 1500, pageFaultsPerCore: 20_000, ptUpdatesPerCore: 30_000, contextSwitchesPerCore: 1000, tlbMissesPerCore: 8e6,
    dirtyMiBPerCore: 2000, writableShare: 1.0,
  },
  forkExec: {
    ...quiet, cpu: 0.9, noise: 0.04, ws: 0.3, wsEnd: 0.3,
    diskIopsPerCore: 100, readFraction: 0.8, blockKiB: 16, netPktsPerCore: 0, pktBytes: 0, allocMiBPerCore: 300, ioBound: 0.05,
    kernelShare: 0.35, systemCallsPerCore: 40_000, interruptsPerCore: 2000, pageFaultsPerCore: 120_000, ptUpdatesPerCore: 200_000, contextSwitchesPerCore: 20_000, tlbMissesPerCore: 2e6,
    dirtyMiBPerCore: 500, writableShare: 0.3,
  },
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
    allocMiBPerCore: p.allocMiBPerCore,
    ioBound: p.ioBound,
    kernelShare: p.kernelShare,
    systemCallsPerCore: p.systemCallsPerCore,
    interruptsPerCore: p.interruptsPerCore,
    pageFaultsPerCore: p.pageFaultsPerCore,
    ptUpdatesPerCore: p.ptUpdatesPerCore,
    contextSwitchesPerCore: p.contextSwitchesPerCore,
    tlbMissesPerCore: p.tlbMissesPerCore,
    dirtyMiBPerCore: p.dirtyMiBPerCore,
    writableShare: p.writableShare,
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
