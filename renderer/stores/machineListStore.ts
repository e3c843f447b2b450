// What the machine list shows: the search, filters and sort the user chose, collapsed groups, and the resulting rows.
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import { defineStore } from 'pinia';
import type { MachineState } from '../../shared/domain/machineState.ts';
import { useMachinesStore } from './machinesStore.ts';
import { useCatalogStore } from './catalogStore.ts';
import { machineSortKeys, noFilters, sortMachines } from '../machines/machineQuery.ts';
import { createNarrowingFilter } from '../machines/narrowingFilter.ts';
import type { MachineFilters, MachineSortKey } from '../machines/machineQuery.ts';
import { buildRows } from '../machines/listRows.ts';
import { searchTextOf, searchWords } from '../machines/searchText.ts';
import { whenIdle } from '../composables/idleWork.ts';

const prefsKey = 'virtlab.machineList';

interface SavedPrefs {
  sort?: MachineSortKey;
  collapsed?: string[];
}

function loadPrefs(): SavedPrefs {
  try {
    const raw = globalThis.localStorage?.getItem(prefsKey);
    const parsed = raw ? (JSON.parse(raw) as SavedPrefs) : {};
    return {
      ...(machineSortKeys.includes(parsed.sort as MachineSortKey) ? { sort: parsed.sort } : {}),
      ...(Array.isArray(parsed.collapsed) ? { collapsed: parsed.collapsed.filter((p) => typeof p === 'string') } : {}),
    };
  } catch {
    return {};
  }
}

export const useMachineListStore = defineStore('machineList', () => {
  const machines = useMachinesStore();
  const catalog = useCatalogStore();
  const saved = loadPrefs();
  const search = ref('');
  const filters = shallowRef<MachineFilters>(noFilters);
  const sort = ref<MachineSortKey>(saved.sort ?? 'name');
  const collapsed = shallowRef<ReadonlySet<string>>(new Set(saved.collapsed ?? []));

  const words = computed(() => searchWords(search.value));
  const narrowed = computed(() => words.value.length > 0 || Object.values(filters.value).some((list) => list.length > 0));
  const narrowingFilter = createNarrowingFilter();
  const filtered = computed(() => narrowingFilter(machines.list, words.value, filters.value, catalog.labels));
  /** Every machine in display order, and its rows: kept while the machines, sort and collapsed groups stay the same. */
  const allVisible = computed(() => sortMachines(machines.list, sort.value, catalog.labels));
  // Raw: the virtual scroller watches its items one level deep, which would walk ten thousand rows on every keystroke.
  const allRows = computed(() => markRaw(buildRows(allVisible.value, collapsed.value, false)));
  /**
   * The machines shown, in display order (before grouping). A search that matches every machine (the first letter
   * typed, or the search cleared) shows the whole list, whose rows are already built: that keystroke re-renders nothing.
   */
  const visible = computed(() => (filtered.value.length === machines.list.length ? allVisible.value : sortMachines(filtered.value, sort.value, catalog.labels)));
  // While searching, every match shows whatever is collapsed; with nothing collapsed that is the whole list's rows.
  const rows = computed(() =>
    visible.value === allVisible.value && (!narrowed.value || collapsed.value.size === 0) ? allRows.value : markRaw(buildRows(visible.value, collapsed.value, narrowed.value)),
  );
  /** Machine ids in the order the rows show them (collapsed groups included), for Shift ranges and Ctrl+A; worked out when asked. */
  function rowOrder(): string[] {
    const ids: string[] = [];
    for (const row of rows.value) {
      if (row.type === 'machine') ids.push(row.machine.id);
      else if (!row.expanded) for (const id of row.machineIds) ids.push(id);
    }
    return ids;
  }

  function setFilter<K extends keyof MachineFilters>(key: K, values: MachineFilters[K]): void {
    filters.value = { ...filters.value, [key]: values };
  }

  function toggleState(state: MachineState): void {
    const states = filters.value.states;
    setFilter('states', states.includes(state) ? states.filter((s) => s !== state) : [...states, state]);
  }

  function clearFilters(): void {
    filters.value = noFilters;
    search.value = '';
  }

  function setCollapsed(path: string, value: boolean): void {
    const next = new Set(collapsed.value);
    if (value) next.add(path);
    else next.delete(path);
    collapsed.value = next;
  }

  /** Shows a machine even if its groups are collapsed (selected from elsewhere). */
  function reveal(group: string | undefined): void {
    if (!group) return;
    const parts = group.split('/');
    const next = new Set(collapsed.value);
    for (let i = 1; i <= parts.length; i++) next.delete(parts.slice(0, i).join('/'));
    if (next.size !== collapsed.value.size) collapsed.value = next;
  }

  // The first keystroke of a search should not pay for ten thousand search texts: they are built while the page is
  // idle, in slices that end when the browser wants the main thread back (no long task at start-up).
  let warming: (() => void) | undefined;
  watch(
    () => [machines.version, catalog.labels] as const,
    () => {
      warming?.();
      warming = whenIdle(machines.list, (machine) => searchTextOf(machine, catalog.labels));
    },
  );
  watch([sort, collapsed], () => {
    try {
      globalThis.localStorage?.setItem(prefsKey, JSON.stringify({ sort: sort.value, collapsed: [...collapsed.value] }));
    } catch {
      // Not kept beyond this session.
    }
  });

  return { search, filters, sort, collapsed, words, narrowed, visible, rows, rowOrder, setFilter, toggleState, clearFilters, setCollapsed, reveal };
});
