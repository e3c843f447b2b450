// The memory charts' value axis: one unit for every tick (MiB or GiB, from the axis maximum) at round binary steps.

export type MemoryUnit = 'MiB' | 'GiB';

export interface MemoryAxis {
  unit: MemoryUnit;
  /** Tick values in MiB, from 0 up to and including `maxMiB`. */
  ticksMiB: number[];
  /** Top of the axis: the first round step at or above the largest value. */
  maxMiB: number;
}

/** Memory comes in powers of two, so steps do too: 1, 2, 4 … 512 MiB, then 1/8, 1/4, 1/2, 1, 2, 4 … GiB. */
const stepsMiB = Array.from({ length: 30 }, (_, k) => 2 ** k);

/** At most `maxTicks` ticks (0 included) covering 0…`largestMiB`. */
export function memoryAxis(largestMiB: number, maxTicks = 6): MemoryAxis {
  const largest = Number.isFinite(largestMiB) && largestMiB > 0 ? largestMiB : 1;
  const unit: MemoryUnit = largest >= 1024 ? 'GiB' : 'MiB';
  // Sub-GiB steps of a GiB axis stay at 128 MiB or more, so labels read 0.125, 0.25, 0.5 rather than 0.0039.
  const smallest = unit === 'GiB' ? 128 : 1;
  const step = stepsMiB.find((s) => s >= smallest && Math.ceil(largest / s) <= maxTicks - 1) ?? stepsMiB.at(-1)!;
  const count = Math.max(1, Math.ceil(largest / step));
  const ticksMiB = Array.from({ length: count + 1 }, (_, i) => i * step);
  return { unit, ticksMiB, maxMiB: count * step };
}

/** A tick's label in the axis's unit: "512 MiB", "0.5 GiB", "2 GiB". */
export function memoryTickLabel(valueMiB: number, unit: MemoryUnit): string {
  return unit === 'GiB' ? `${valueMiB / 1024} GiB` : `${valueMiB} MiB`;
}
