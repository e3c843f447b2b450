// The architecture-level events a guest's work produces; a kind of virtualization decides what each one costs.

/**
 * Rates are per core-second of native-equivalent guest work, except timer ticks (per running vCPU-second: the clock
 * interrupts whether or not the guest is busy). Instructions are counted as core-seconds of user or kernel code.
 */
export const archEvents = [
  'userInstructions',
  'kernelInstructions',
  'systemCalls',
  'interrupts',
  'pageFaults',
  'pageTableUpdates',
  'contextSwitches',
  'timerTicks',
  'deviceAccesses',
  'ioOperations',
  'tlbMisses',
] as const;
export type ArchEvent = (typeof archEvents)[number];

/** How people name each event in the overhead breakdown ("page-table updates: 41 % of VMM time"). */
export const archEventLabels: Readonly<Record<ArchEvent, string>> = {
  userInstructions: 'user-mode instructions',
  kernelInstructions: 'kernel-mode instructions',
  systemCalls: 'system calls',
  interrupts: 'interrupts',
  pageFaults: 'page faults',
  pageTableUpdates: 'page-table updates',
  contextSwitches: 'context switches',
  timerTicks: 'timer ticks',
  deviceAccesses: 'port/MMIO accesses',
  ioOperations: 'DMA I/O operations',
  tlbMisses: 'TLB misses',
};

/** Rates of every event for one second of work; instructions are in core-seconds (the share of time in each mode). */
export type EventRates = Readonly<Record<ArchEvent, number>>;

/**
 * Reference core the per-event costs are expressed for: 3 GHz. Cycle counts from papers on other clocks are
 * converted as cycles / 3000 = microseconds, so relative costs (what the model teaches) are kept.
 */
export const referenceMHz = 3000;

export function cyclesToUs(cycles: number): number {
  return cycles / referenceMHz;
}
