// Summary of a run: per guest (kind, state, CPU, useful work, ready time, reclaimed memory), per host, and events.
import { H_C_DEMAND, H_C_RUN_S, H_C_TOUCHED } from './guestArrays.ts';
import { guestState } from './guestState.ts';
import { inSentence } from '../kinds/kindText.ts';
import { guestChain } from './queries/chains.ts';
import { runOverheadCauses } from './queries/runOverhead.ts';
import type { RunOverheadCause } from './queries/runOverhead.ts';
import type { SimEvent, SimPlatformKind } from './types.ts';
import type { WorldState } from './worldState.ts';

export interface GuestSummary {
  readonly name: string;
  readonly kind: SimPlatformKind;
  readonly kindLabel: string;
  readonly platform: string;
  readonly host: string;
  readonly chain: readonly string[];
  readonly state: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly workload: string;
  readonly io: string;
  readonly ip: string | undefined;
  /** How long the last start took (simulated ms), or null if it never finished starting. */
  readonly startTookMs: number | null;
  readonly runningS: number;
  /** Physical CPU granted, as % of its vCPUs, averaged over the time it ran. */
  readonly avgCpuPct: number;
  /** Native-equivalent core-seconds of work done. */
  readonly usefulCoreS: number;
  /** Useful work per second of running: the fair throughput figure when guests ran for different times. */
  readonly usefulPerS: number;
  readonly demandCoreS: number;
  readonly guestCpuS: number;
  readonly overheadCpuS: number;
  /** Useful work per physical CPU second consumed. */
  readonly efficiency: number;
  /** Ready time per vCPU, % of running time (what the guest sees as steal time). */
  readonly readyPct: number;
  readonly memory: {
    readonly avgUsedMiB: number;
    readonly peakBalloonedMiB: number;
    readonly peakSharedMiB: number;
    readonly peakSwappedMiB: number;
    readonly avgBalloonedMiB: number;
    readonly avgSharedMiB: number;
    readonly avgSwappedMiB: number;
  };
  readonly ioTotals: { readonly diskReadMB: number; readonly diskWriteMB: number; readonly netRxMB: number; readonly netTxMB: number };
  readonly ring: { readonly fullStalls: number; readonly emptyStalls: number };
  readonly hypercalls: number;
  readonly gc: { readonly pauses: number; readonly pauseMs: number };
  /** Translation-cache hit rate (emulator, DBT) or compiled share (process VM), 0..1. */
  readonly warm: number;
  /** Where the overhead went over the whole run, event by event, largest first. */
  readonly overheadCauses: readonly RunOverheadCause[];
}

export interface HostSummary {
  readonly name: string;
  readonly isa: string;
  readonly cores: number;
  readonly memoryMiB: number;
  readonly platforms: readonly string[];
  readonly cpuUtilPct: number;
  readonly memUsedPct: number;
  /** Highest memory deficit any of its pools had to reclaim, MiB. */
  readonly peakDeficitMiB: number;
  readonly controlPartitionBusyS: number;
}

export interface SimSummary {
  readonly seed: number;
  readonly simulatedS: number;
  readonly guests: readonly GuestSummary[];
  readonly hosts: readonly HostSummary[];
  readonly events: readonly SimEvent[];
}

const round = (x: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function summarize(w: WorldState): SimSummary {
  const g = w.g;
  const simulatedS = w.nowMs / 1000;
  const guests = [...w.guestById.values()]
    .filter((rec) => !rec.hidden)
    .map((rec): GuestSummary => {
      const i = rec.slot;
      const platform = w.platforms[rec.platform]!;
      const runS = g.hotOf(i, H_C_RUN_S);
      const granted = g.cGranted[i]!;
      const perTime = (x: number) => (runS > 0 ? x / runS : 0);
      return {
        name: rec.name,
        kind: platform.kind,
        kindLabel: inSentence(platform.module.description),
        platform: platform.name,
        host: w.hosts[rec.host]!.model.name,
        chain: guestChain(w, rec),
        state: guestState(w, rec),
        vcpus: rec.spec.vcpus,
        memoryMiB: rec.spec.memoryMiB,
        workload: rec.spec.workload,
        io: rec.spec.io,
        ip: rec.ip,
        startTookMs: rec.lastStartTookMs >= 0 ? rec.lastStartTookMs : null,
        runningS: round(runS, 1),
        avgCpuPct: round((perTime(granted) / rec.spec.vcpus) * 100, 1),
        usefulCoreS: round(g.cUseful[i]!),
        usefulPerS: round(perTime(g.cUseful[i]!), 3),
        demandCoreS: round(g.hotOf(i, H_C_DEMAND)),
        guestCpuS: round(g.cGuest[i]!),
        overheadCpuS: round(Math.max(0, granted - g.cGuest[i]!)),
        efficiency: round(granted > 0 ? g.cUseful[i]! / granted : 0, 3),
        readyPct: round((perTime(g.cReady[i]!) / rec.spec.vcpus) * 100, 1),
        memory: {
          avgUsedMiB: Math.round(perTime(g.hotOf(i, H_C_TOUCHED))),
          peakBalloonedMiB: Math.round(g.pBalloon[i]!),
          peakSharedMiB: Math.round(g.pShared[i]!),
          peakSwappedMiB: Math.round(g.pSwapped[i]!),
          avgBalloonedMiB: Math.round(perTime(g.cBalloon[i]!)),
          avgSharedMiB: Math.round(perTime(g.cShared[i]!)),
          avgSwappedMiB: Math.round(perTime(g.cSwapped[i]!)),
        },
        ioTotals: {
          diskReadMB: round(g.cDiskRead[i]!, 1),
          diskWriteMB: round(g.cDiskWrite[i]!, 1),
          netRxMB: round(g.cNetRx[i]!, 1),
          netTxMB: round(g.cNetTx[i]!, 1),
        },
        ring: { fullStalls: Math.round(g.cRingFull[i]!), emptyStalls: Math.round(g.cRingEmpty[i]!) },
        hypercalls: Math.round(g.cHypercalls[i]!),
        gc: { pauses: g.cGcPauses[i]!, pauseMs: Math.round(g.cGcPauseS[i]! * 1000) },
        warm: round(g.warm[i]!, 3),
        overheadCauses: runOverheadCauses(w, rec),
      };
    });
  const hosts = w.hosts.map((host): HostSummary => {
    const pools = w.pools.filter((p) => p.host === host.index);
    return {
      name: host.model.name,
      isa: host.model.isa,
      cores: host.model.cores,
      memoryMiB: host.model.memoryMiB,
      platforms: w.platforms.filter((p) => p.host === host.index).map((p) => `${p.name} (${inSentence(p.module.description)})`),
      cpuUtilPct: simulatedS > 0 ? round((w.hostBusyS[host.index]! / (simulatedS * host.model.cores)) * 100, 1) : 0,
      memUsedPct: simulatedS > 0 ? round((w.hostMemS[host.index]! / (simulatedS * host.model.memoryMiB)) * 100, 1) : 0,
      peakDeficitMiB: Math.round(Math.max(0, ...pools.map((p) => p.peakDeficit))),
      controlPartitionBusyS: round(pools.reduce((sum, p) => sum + p.cForward, 0), 1),
    };
  });
  return { seed: w.seed, simulatedS, guests, hosts, events: w.events.all().slice() };
}
