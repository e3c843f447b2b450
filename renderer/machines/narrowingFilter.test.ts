// The narrowing filter gives what a full filter gives, whether a query extends, shortens or replaces the last one.
import { describe, expect, it } from 'vitest';
import { makeMachine } from '../test/fakeApi.ts';
import { filterMachines, noFilters } from './machineQuery.ts';
import { createNarrowingFilter, refines } from './narrowingFilter.ts';
import { searchWords } from './searchText.ts';
import type { Labels } from './searchText.ts';

const labels: Labels = { os: (id) => id, kind: (kind) => kind, host: (id) => id };
const list = ['vm-0123', 'vm-0124', 'vm-1123', 'lab-7', 'web-01'].map((name) => makeMachine({ name }));

describe('narrowing filter', () => {
  it('knows when a query only adds to the last one', () => {
    expect(refines(['vm-01'], ['vm-012'])).toBe(true);
    expect(refines(['vm'], ['web', 'vm-1'])).toBe(true);
    expect(refines(['vm-012'], ['vm-01'])).toBe(false);
    expect(refines(['vm', 'web'], ['vm'])).toBe(false);
  });

  it('matches a full filter for every query typed, erased and replaced', () => {
    const filter = createNarrowingFilter();
    for (const query of ['v', 'vm', 'vm-', 'vm-0', 'vm-01', 'vm-012', 'vm-0123', 'vm-012', 'vm-1', '', 'l', 'lab-7 x', 'lab-7']) {
      const words = searchWords(query);
      expect(filter(list, words, noFilters, labels).map((m) => m.name)).toEqual(filterMachines(list, words, noFilters, labels).map((m) => m.name));
    }
  });

  it('gives the same array when a longer query drops no machine, so the list need not update', () => {
    const filter = createNarrowingFilter();
    const first = filter(list, ['v'], noFilters, labels);
    expect(filter(list, ['vm'], noFilters, labels)).toBe(first);
    const narrower = filter(list, ['vm-0'], noFilters, labels);
    expect(narrower).not.toBe(first);
    expect(narrower.map((m) => m.name)).toEqual(['vm-0123', 'vm-0124']);
    expect(filter(list, ['vm-012'], noFilters, labels)).toBe(narrower);
  });

  it('starts again from the whole list when the list or the filters change', () => {
    const filter = createNarrowingFilter();
    expect(filter(list, ['vm-0'], noFilters, labels)).toHaveLength(2);
    const grown = [...list, makeMachine({ name: 'vm-0999' })];
    expect(filter(grown, ['vm-09'], noFilters, labels).map((m) => m.name)).toEqual(['vm-0999']);
    expect(filter(grown, ['vm-09'], { ...noFilters, states: ['Running'] }, labels)).toHaveLength(0);
  });
});
