// VMM time as the sum of events × costs: the per-slot constants the step uses, and the per-event breakdown users see.
import { archEvents } from './archEvents.ts';
import type { ArchEvent, EventRates } from './archEvents.ts';
import { registerAccessesPerOperation } from './eventCosts.ts';
import { mechanismInfo } from './mechanisms.ts';
import type { EventHandling, MechanismId, OverheadCategory } from './mechanisms.ts';
import type { WorkloadProfile } from './workloadProfiles.ts';

/** Virtual timer interrupts per vCPU-second (a Linux guest with HZ=250). */
export const timerTicksPerVcpuS = 250;

const instructionEvents: ReadonlySet<ArchEvent> = new Set(['userInstructions', 'kernelInstructions']);

export function isInstructionEvent(event: ArchEvent): boolean {
  return instructionEvents.has(event);
}

/** The events one core-second of the profile's work produces (timer ticks: per running vCPU-second). */
export function eventRatesOf(p: WorkloadProfile): EventRates {
  const io = p.diskIopsPerCore + p.netPktsPerCore;
  return {
    userInstructions: 1 - p.kernelShare,
    kernelInstructions: p.kernelShare,
    systemCalls: p.systemCallsPerCore,
    interrupts: p.interruptsPerCore,
    pageFaults: p.pageFaultsPerCore,
    pageTableUpdates: p.ptUpdatesPerCore,
    contextSwitches: p.contextSwitchesPerCore,
    timerTicks: timerTicksPerVcpuS,
    deviceAccesses: io * registerAccessesPerOperation,
    ioOperations: io,
    tlbMisses: p.tlbMissesPerCore,
  };
}

/** Seconds of extra CPU one event (or one core-second of code, for instructions) costs under `handling`. */
function extraSeconds(event: ArchEvent, handling: EventHandling): number {
  return isInstructionEvent(event) ? handling.extra : handling.extra * 1e-6;
}

export type MechanismTableLike = Readonly<Record<ArchEvent, EventHandling>>;

/**
 * What the step needs per slot. Physical CPU per step = work × (dynamicShare × runtimeFactor + perWork) + vcpus ×
 * perVcpu, where runtimeFactor is the warming translator's or JIT's host instructions per guest instruction.
 */
export interface OverheadTerms {
  /** CPU seconds per core-second of work for everything but the dynamically costed instructions (1 = native). */
  readonly perWork: number;
  /** Share of the work whose instructions run through a warming translator or JIT. */
  readonly dynamicShare: number;
  /** CPU seconds per running vCPU-second (timer ticks). */
  readonly perVcpu: number;
}

/** `dynamicEvents`: instruction events whose cost the step computes from the runtime's warmth instead of the table. */
export function overheadTerms(table: MechanismTableLike, rates: EventRates, dynamicEvents: readonly ArchEvent[] = []): OverheadTerms {
  let perWork = 0;
  let dynamicShare = 0;
  for (const event of archEvents) {
    if (event === 'timerTicks') continue;
    if (dynamicEvents.includes(event)) {
      dynamicShare += rates[event];
      continue;
    }
    // Instructions run at native speed plus their extra; counted events only add their extra.
    if (isInstructionEvent(event)) perWork += rates[event];
    perWork += rates[event] * extraSeconds(event, table[event]);
  }
  return { perWork, dynamicShare, perVcpu: rates.timerTicks * extraSeconds('timerTicks', table.timerTicks) };
}

export interface EventCost {
  readonly event: ArchEvent;
  readonly mechanism: MechanismId;
  readonly category: OverheadCategory;
  /** Cores of CPU this event cost over the period. */
  readonly cores: number;
}

/**
 * The overhead of `work` cores of guest work and `vcpuSeconds` of running vCPUs, event by event, largest first.
 * `dynamicExtra` is the measured extra of instructions run through a warming translator or JIT (not in the table).
 */
export function eventCosts(table: MechanismTableLike, rates: EventRates, work: number, vcpus: number, dynamicEvents: readonly ArchEvent[], dynamicExtra: number): EventCost[] {
  const out: EventCost[] = [];
  let dynamicShare = 0;
  for (const event of dynamicEvents) dynamicShare += rates[event];
  for (const event of archEvents) {
    const handling = table[event];
    let cores: number;
    if (dynamicEvents.includes(event)) cores = dynamicShare > 0 ? (dynamicExtra * rates[event]) / dynamicShare : 0;
    else if (event === 'timerTicks') cores = vcpus * rates.timerTicks * extraSeconds(event, handling);
    else cores = work * rates[event] * extraSeconds(event, handling);
    if (cores > 0) out.push({ event, mechanism: handling.mechanism, category: mechanismInfo[handling.mechanism].category, cores });
  }
  return out.sort((a, b) => b.cores - a.cores);
}
