// Where a guest's overhead went over a whole run, event by event, from its cumulative work and the same per-event costs.
import { H_C_RUN_S } from '../guestArrays.ts';
import { archEventLabels } from '../../mechanisms/archEvents.ts';
import { mechanismInfo } from '../../mechanisms/mechanisms.ts';
import { eventCosts, eventRatesOf } from '../../mechanisms/overheadModel.ts';
import { profileTable } from '../../mechanisms/workloadProfiles.ts';
import { dynamicEventsOf } from '../guestSetup.ts';
import { platformFacts } from '../platformFacts.ts';
import type { GuestRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';

export interface RunOverheadCause {
  readonly event: string;
  readonly mechanism: string;
  /** Core-seconds over the run. */
  readonly coreS: number;
  /** Share of the guest's whole overhead, 0..1. */
  readonly share: number;
}

/** Valid while the guest ran one workload on one platform (a scenario's guests do). */
export function runOverheadCauses(w: WorldState, rec: GuestRec): RunOverheadCause[] {
  const g = w.g;
  const i = rec.slot;
  const platform = w.platforms[rec.platform]!;
  const facts = platformFacts(w, platform);
  const dynamicEvents = dynamicEventsOf(platform.module.dynamicRuntime(facts));
  const rates = eventRatesOf(profileTable[g.profile[i]!]!);
  const table = platform.module.mechanisms(facts, rec.spec);
  const work = g.cGuest[i]!;
  const vcpuS = g.hotOf(i, H_C_RUN_S) * g.vcpus[i]!;
  const staticCosts = eventCosts(table, rates, work, vcpuS, [], 0).filter((c) => !dynamicEvents.includes(c.event));
  const overhead = Math.max(0, g.cGranted[i]! - work);
  const gc = g.cGcCpu[i]!;
  const dynamicExtra = Math.max(0, overhead - gc - staticCosts.reduce((sum, c) => sum + c.cores, 0));
  const costs = dynamicEvents.length > 0 ? eventCosts(table, rates, work, vcpuS, dynamicEvents, dynamicExtra) : staticCosts;
  const causes = costs.map((c) => ({ event: archEventLabels[c.event], mechanism: mechanismInfo[c.mechanism].label, coreS: c.cores }));
  if (gc > 0) causes.push({ event: 'garbage collection', mechanism: mechanismInfo.bytecodeJit.label, coreS: gc });
  const total = causes.reduce((sum, c) => sum + c.coreS, 0);
  return causes
    .sort((a, b) => b.coreS - a.coreS)
    .map((c) => ({ ...c, coreS: Math.round(c.coreS * 100) / 100, share: total > 0 ? Math.round((c.coreS / total) * 1000) / 1000 : 0 }))
    .filter((c) => c.coreS > 0);
}
