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
 */
export function createNarrowingFilter(): (list: readonly Machine[], words: readonly string[], filters: MachineFilters, labels: Labels) => Machine[] {
  let last: { list: readonly Machine[]; words: readonly string[]; filters: MachineFilters; labels: Labels; result: Machine[] } | null = null;
  return (list, words, filters, labels) => {
    const base = last !== null && last.list === list && last.filters === filters && last.labels === labels && refines(last.words, words) ? last.result : list;
    const result = filterMachines(base, words, filters, labels);
    last = { list, words, filters, labels, result };
    return result;
  };
}
