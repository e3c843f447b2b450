// Filtering as the user types: a query that only adds to the last one filters the last result, not every machine.
import type { Machine } from '../../shared/domain/machine.ts';
import { filterMachines } from './machineQuery.ts';
import type { MachineFilters } from './machineQuery.ts';
import type { Labels } from './searchText.ts';

/** Every old word is inside some new word, so whatever matches the new words matched the old ones too. */
export function refines(previous: readonly string[], next: readonly string[]): boolean {
  return previous.every((word) => next.some((longer) => longer.includes(word)));
}

/**
 * Remembers the last input and result of `filterMachines`. Typing "vm-0123" then filters 10,000 machines once
 * (for "v") and each later keystroke only the machines still shown, which keeps a keystroke cheap at any list size.
 * A keystroke that drops no machine ("vm" after "v") returns the very same array, so nothing after it recomputes.
 */
export function createNarrowingFilter(): (list: readonly Machine[], words: readonly string[], filters: MachineFilters, labels: Labels) => Machine[] {
  let last: { list: readonly Machine[]; words: readonly string[]; filters: MachineFilters; labels: Labels; result: Machine[] } | null = null;
  return (list, words, filters, labels) => {
    const narrowing = last !== null && last.list === list && last.filters === filters && last.labels === labels && refines(last.words, words);
    const base = narrowing ? last!.result : list;
    const filtered = filterMachines(base, words, filters, labels);
    // The result is a subset of the base in its order: the same length means the same machines.
    const result = narrowing && filtered.length === base.length ? last!.result : filtered;
    last = { list, words, filters, labels, result };
    return result;
  };
}
