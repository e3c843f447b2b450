// A machine's last simulated second, with its overhead split event by event from the same costs the step charged.
import type { MachineMetrics, OverheadCause } from '../../../shared/domain/machineMetrics.ts';
import { archEventLabels } from '../../mechanisms/archEvents.ts';
import { mechanismInfo } from '../../mechanisms/mechanisms.ts';
import type { OverheadCategory } from '../../mechanisms/mechanisms.ts';
import { eventCosts, eventRatesOf } from '../../mechanisms/overheadModel.ts';
import { profileTable } from '../../mechanisms/workloadProfiles.ts';
import { S_RUNNING } from '../guestArrays.ts';
import { dynamicEventsOf } from '../guestSetup.ts';
import { platformFacts } from '../platformFacts.ts';
import type { GuestRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Each step grants `frac` of what the guest needs, and every static event cost is proportional to the work done, so over
 * the second each event's cost is guestWork × rate × cost exactly; garbage collection is counted as it is granted; what
 * remains is the warming translator's or JIT's extra instruction cost (and its compiler threads).
 */
export function breakdownOf(w: WorldState, rec: GuestRec, granted: number, guestWork: number, gcCores: number): MachineMetrics['breakdown'] {
  const platform = w.platforms[rec.platform]!;
  const facts = platformFacts(w, platform);
  const runtime = platform.module.dynamicRuntime(facts);
  const dynamicEvents = dynamicEventsOf(runtime);
  const rates = eventRatesOf(profileTable[w.g.profile[rec.slot]!]!);
  const table = platform.module.mechanisms(facts, rec.spec);
  const vcpus = w.g.state[rec.slot] === S_RUNNING && guestWork > 0 ? w.g.vcpus[rec.slot]! : 0;
  const staticCosts = eventCosts(table, rates, guestWork, vcpus, [], 0).filter((c) => !dynamicEvents.includes(c.event));
  const staticSum = staticCosts.reduce((sum, c) => sum + c.cores, 0);
  const overhead = Math.max(0, granted - guestWork);
  const dynamicExtra = Math.max(0, overhead - staticSum - gcCores);
  const all = dynamicEvents.length > 0 ? eventCosts(table, rates, guestWork, vcpus, dynamicEvents, dynamicExtra) : staticCosts;
  const parts: Record<OverheadCategory, number> = { vmm: 0, translation: 0, hostOs: 0, io: 0 };
  const causes: OverheadCause[] = [];
  for (const cost of all) {
    parts[cost.category] += cost.cores;
    causes.push({ cause: cost.event, label: archEventLabels[cost.event], mechanism: mechanismInfo[cost.mechanism].label, cores: cost.cores, share: 0 });
  }
  if (gcCores > 0) {
    parts.vmm += gcCores;
    causes.push({ cause: 'garbageCollection', label: 'garbage collection', mechanism: mechanismInfo.bytecodeJit.label, cores: gcCores, share: 0 });
  }
  const total = causes.reduce((sum, c) => sum + c.cores, 0);
  const shown = causes
    .sort((a, b) => b.cores - a.cores)
    .map((c) => ({ ...c, cores: round4(c.cores), share: total > 0 ? Math.round((c.cores / total) * 1000) / 1000 : 0 }))
    .filter((c) => c.cores > 0);
  const out = { guestWork: round4(guestWork), vmm: round4(parts.vmm), translation: round4(parts.translation), hostOs: round4(parts.hostOs), io: round4(parts.io), causes: shown };
  // Rounding each part may leave a few 1e-4 over or under the rounded total; the guest's own work absorbs it.
  const drift = round4(granted) - (out.guestWork + out.vmm + out.translation + out.hostOs + out.io);
  out.guestWork = round4(Math.max(0, out.guestWork + drift));
  return out;
}

export function machineMetricsOf(w: WorldState, rec: GuestRec): MachineMetrics {
  const s = w.seconds.metrics(w.g, rec.slot);
  return {
    machineId: rec.id,
    simTimeMs: w.seconds.atMs,
    cpu: { grantedCores: round4(s.cpuCores), guestCores: round4(s.guestCores), overheadCores: round4(s.overheadCores), readyPerVcpu: round4(s.readyPerVcpu) },
    breakdown: breakdownOf(w, rec, s.cpuCores, s.guestCores, s.gcCores),
    usefulCores: round4(s.usefulCores),
    memory: { usedMiB: Math.round(s.memoryUsedMiB), balloonedMiB: Math.round(s.balloonedMiB), sharedMiB: Math.round(s.sharedMiB), swappedMiB: Math.round(s.swappedMiB) },
    disk: { readMBps: round2(s.diskReadMB), writeMBps: round2(s.diskWriteMB) },
    net: { rxMBps: round2(s.netRxMB), txMBps: round2(s.netTxMB) },
  };
}
