// Which machines a view shows and in what order: filters by state, kind, host, group and tag, and the sort keys.
import type { Machine } from '../../shared/domain/machine.ts';
import { machineStates } from '../../shared/domain/machineState.ts';
import type { MachineState } from '../../shared/domain/machineState.ts';
import { matchesWords } from './searchText.ts';
import type { Labels } from './searchText.ts';

export interface MachineFilters {
  states: readonly MachineState[];
  kinds: readonly string[];
  hostIds: readonly string[];
  /** Group paths; a group also matches the machines of the groups inside it. "" stands for machines in no group. */
  groups: readonly string[];
  tags: readonly string[];
}

export const noFilters: MachineFilters = { states: [], kinds: [], hostIds: [], groups: [], tags: [] };

export const machineSortKeys = ['name', 'state', 'kind', 'host', 'os', 'created'] as const;
export type MachineSortKey = (typeof machineSortKeys)[number];
export const machineSortLabels: Readonly<Record<MachineSortKey, string>> = { name: 'Name', state: 'State', kind: 'Kind', host: 'Host', os: 'Operating system', created: 'Newest first' };

export function activeFilterCount(filters: MachineFilters): number {
  return filters.states.length + filters.kinds.length + filters.hostIds.length + filters.groups.length + filters.tags.length;
}

function inGroups(machine: Machine, groups: readonly string[]): boolean {
  const own = machine.group ?? '';
  return groups.some((g) => (g === '' ? own === '' : own === g || own.startsWith(`${g}/`)));
}

/** Keeps the order of `list`; every word of the search and every kind of filter must match. */
export function filterMachines(list: readonly Machine[], words: readonly string[], filters: MachineFilters, labels: Labels): Machine[] {
  const states = filters.states.length > 0 ? new Set<string>(filters.states) : null;
  const kinds = filters.kinds.length > 0 ? new Set(filters.kinds) : null;
  const hosts = filters.hostIds.length > 0 ? new Set(filters.hostIds) : null;
  const tags = filters.tags.length > 0 ? filters.tags.map((t) => t.toLocaleLowerCase('en')) : null;
  if (!states && !kinds && !hosts && !tags && filters.groups.length === 0 && words.length === 0) return [...list];
  return list.filter(
    (m) =>
      (!states || states.has(m.state)) &&
      (!kinds || kinds.has(m.kind)) &&
      (!hosts || hosts.has(m.hostId)) &&
      (filters.groups.length === 0 || inGroups(m, filters.groups)) &&
      (!tags || tags.some((tag) => m.tags?.some((own) => own.toLocaleLowerCase('en') === tag))) &&
      matchesWords(m, words, labels),
  );
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * `list` comes in name order; other keys sort by their value and keep name order among equals (a stable sort over
 * the name order), so the cost is one comparison of plain keys per pair.
 */
export function sortMachines(list: readonly Machine[], key: MachineSortKey, labels: Labels): Machine[] {
  if (key === 'name') return [...list];
  if (key === 'created') return [...list].sort((a, b) => b.createdAtMs - a.createdAtMs);
  if (key === 'state') return [...list].sort((a, b) => machineStates.indexOf(a.state) - machineStates.indexOf(b.state));
  const text = key === 'kind' ? (m: Machine) => labels.kind(m.kind) : key === 'host' ? (m: Machine) => labels.host(m.hostId) : (m: Machine) => labels.os(m.osType);
  const keyed = list.map((machine, index) => ({ machine, index, value: text(machine) }));
  keyed.sort((a, b) => collator.compare(a.value, b.value) || a.index - b.index);
  return keyed.map((k) => k.machine);
}

/** Every group path in use, with the groups that contain them ("lab/web" brings "lab"), sorted. */
export function allGroups(list: readonly Machine[]): string[] {
  const paths = new Set<string>();
  for (const m of list) {
    if (!m.group) continue;
    const parts = m.group.split('/');
    for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join('/'));
  }
  return [...paths].sort(collator.compare);
}

export function allTags(list: readonly Machine[]): string[] {
  const tags = new Map<string, string>();
  for (const m of list) for (const tag of m.tags ?? []) tags.set(tag.toLocaleLowerCase('en'), tag);
  return [...tags.values()].sort(collator.compare);
}
