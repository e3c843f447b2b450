// Turns a guest record into the per-slot constants of the hot loop, from its kind's mechanisms and its workload's events.
import { emulationCosts, ioPathCosts, ioPathCapacity, dbtMaxHitRate, processVmCosts } from '../mechanisms/eventCosts.ts';
import { eventRatesOf, overheadTerms } from '../mechanisms/overheadModel.ts';
import type { OverheadTerms } from '../mechanisms/overheadModel.ts';
import { hostProcessesProfile, profileTable, workloadIndex } from '../mechanisms/workloadProfiles.ts';
import type { ArchEvent } from '../mechanisms/archEvents.ts';
import type { DynamicRuntime } from '../kinds/kindModule.ts';
import { simOsIndex } from './catalogue.ts';
import { seedSlot } from './fastRng.ts';
import { DYN_DBT, DYN_JVM, DYN_NONE, F_BALLOON, F_CAPPED, F_HIDDEN, F_HOSTING, F_SHARE, F_HYPERCALLS, F_SWAP, H_DYN, H_INTENSITY, H_IO_PATH, H_LIMIT, H_OVH_MIB, H_PER_VCPU, H_PER_WORK, S_OFF } from './guestArrays.ts';
import { platformFacts } from './platformFacts.ts';
import { ioPaths } from './types.ts';
import type { GuestRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

/** Instruction events whose cost the step takes from the warming runtime instead of the mechanism table. */
export function dynamicEventsOf(runtime: DynamicRuntime): readonly ArchEvent[] {
  if (runtime === 'dbt') return ['userInstructions', 'kernelInstructions'];
  if (runtime === 'jit') return ['userInstructions'];
  return [];
}

/** The guest's cost terms on its platform for its workload (host processes run natively). */
export function overheadOf(w: WorldState, rec: GuestRec, workload = rec.spec.workload): { terms: OverheadTerms; runtime: DynamicRuntime; hypercalls: boolean } {
  const platform = w.platformOf(rec);
  const module = platform.module;
  const facts = platformFacts(w, platform);
  const runtime: DynamicRuntime = rec.hidden ? 'none' : module.dynamicRuntime(facts);
  const profile = profileTable[rec.hidden ? hostProcessesProfile : workloadIndex(workload)]!;
  const table = rec.hidden ? undefined : module.mechanisms(facts, rec.spec);
  const rates = eventRatesOf(profile);
  const terms = table ? overheadTerms(table, rates, dynamicEventsOf(runtime)) : { perWork: 1, dynamicShare: 0, perVcpu: 0 };
  // Page-table updates handled by (batched) hypercalls are counted, to show what batching saves.
  return { terms, runtime, hypercalls: table?.pageTableUpdates.mechanism === 'hypercall' };
}

/** How much slower than native the guest boots: a boot is kernel work, page faults and process creation, like a compile. */
export function bootSlowdown(w: WorldState, rec: GuestRec): number {
  const { terms, runtime } = overheadOf(w, rec, 'compile');
  const warmN = runtime === 'dbt' ? w.g.dynN[rec.slot]! || emulationCosts.dbtWarmN : 1;
  return terms.perWork + terms.dynamicShare * warmN;
}

/** Writes the constants that depend on placement and workload; keeps run state (memory, warmth, counters). */
export function applyCosts(w: WorldState, rec: GuestRec): void {
  const g = w.g;
  const i = rec.slot;
  const platform = w.platformOf(rec);
  const module = platform.module;
  const spec = rec.spec;
  const { terms, runtime, hypercalls } = overheadOf(w, rec);
  g.pool[i] = rec.pool;
  g.profile[i] = rec.hidden ? hostProcessesProfile : workloadIndex(spec.workload);
  g.setHot(i, H_PER_WORK, terms.perWork);
  g.dynShare[i] = terms.dynamicShare;
  g.setHot(i, H_PER_VCPU, terms.perVcpu);
  g.setHot(i, H_DYN, runtime === 'dbt' ? DYN_DBT : runtime === 'jit' ? DYN_JVM : DYN_NONE);
  const input = platform.input;
  if (runtime === 'dbt') {
    g.dynN[i] = input.hostInstrPerGuestInstr ?? emulationCosts.dbtWarmN;
    g.hitMax[i] = dbtMaxHitRate(input.translationCacheMiB ?? emulationCosts.translationCacheMiB);
  } else if (runtime === 'jit') {
    g.dynN[i] = processVmCosts.jitN;
    g.hitMax[i] = input.jit === false ? 0 : 1;
  } else {
    g.dynN[i] = 1;
    g.hitMax[i] = 0;
  }
  let flags = 0;
  if (rec.hidden) flags |= F_HIDDEN;
  else {
    if (module.memory.ballooning && spec.balloonDriver) flags |= F_BALLOON;
    if (module.memory.pageSharing) flags |= F_SHARE;
    if (module.memory.swapping) flags |= F_SWAP;
    if (module.memoryCap) flags |= F_CAPPED;
  }
  if (hypercalls) flags |= F_HYPERCALLS;
  g.flags[i] = flags | (g.flags[i]! & ~(F_HIDDEN | F_BALLOON | F_SHARE | F_SWAP | F_CAPPED | F_HYPERCALLS));
  g.setHot(i, H_IO_PATH, ioPaths.indexOf(spec.io));
  g.hcBatch[i] = hypercalls ? Math.max(1, Math.floor(spec.hypercallBatch)) : 0;
  g.forwardCostS[i] = spec.io === 'controlPartition' ? ioPathCosts.controlPartitionForwardUs * 1e-6 : 0;
  g.ringSize[i] = spec.ringSize;
  g.ioMaxPerS[i] = ioPathCapacity(spec.io, spec.ringSize);
  g.reservation[i] = module.reservations ? spec.reservationCores : 0;
  g.setHot(i, H_OVH_MIB, rec.hidden ? 0 : module.vmmOverheadMiB(spec.memoryMiB));
  const times = module.lifecycleMs(bootSlowdown(w, rec));
  rec.startMs = times.startMs;
  rec.stopMs = times.stopMs;
}

/** A fresh slot for a new guest (or one whose configuration changed while Powered Off). */
export function configureSlot(w: WorldState, rec: GuestRec): void {
  const g = w.g;
  const i = rec.slot;
  const spec = rec.spec;
  g.state[i] = S_OFF;
  g.flags[i] = rec.hostsPool >= 0 ? F_HOSTING : 0;
  g.osIdx[i] = Math.max(0, simOsIndex(spec.os));
  g.vcpus[i] = spec.vcpus;
  g.memMiB[i] = spec.memoryMiB;
  g.shares[i] = spec.shares;
  g.setHot(i, H_LIMIT, Math.min(spec.limitCores, spec.vcpus));
  g.setHot(i, H_INTENSITY, spec.intensity);
  g.balloonFloor[i] = 0;
  g.settleAtMs[i] = 0;
  seedSlot(g.rng, i, w.seed, `workload:${rec.seedKey}`);
  g.resetDynamic(i);
  applyCosts(w, rec);
}
