// The machines chosen for bulk actions: Ctrl/Shift-click, Ctrl+A and keyboard build it; the current machine is always part of it.
import { computed, shallowRef, watch } from 'vue';
import { defineStore } from 'pinia';
import type { Machine } from '../../shared/domain/machine.ts';
import { useMachinesStore } from './machinesStore.ts';

export const useSelectionStore = defineStore('selection', () => {
  const machines = useMachinesStore();
  const ids = shallowRef<ReadonlySet<string>>(new Set());
  /** Where a Shift range starts. */
  const anchorId = shallowRef<string | null>(null);

  /** The chosen machines that still exist, in name order; the current machine alone when nothing else is chosen. */
  const selectedMachines = computed<Machine[]>(() => {
    const chosen = ids.value;
    if (chosen.size === 0) return machines.selected ? [machines.selected] : [];
    return machines.list.filter((m) => chosen.has(m.id));
  });
  const count = computed(() => selectedMachines.value.length);
  const selectedIds = computed(() => selectedMachines.value.map((m) => m.id));

  function has(id: string): boolean {
    return ids.value.size === 0 ? machines.selectedId === id : ids.value.has(id);
  }

  /** A plain click: this machine only. */
  function only(id: string): void {
    ids.value = new Set([id]);
    anchorId.value = id;
    machines.select(id);
  }

  /** Ctrl-click: in or out of the selection; the clicked machine becomes current. */
  function toggle(id: string): void {
    const next = new Set(ids.value.size === 0 && machines.selectedId ? [machines.selectedId] : ids.value);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    ids.value = next;
    anchorId.value = id;
    machines.select(next.has(id) ? id : ([...next].at(-1) ?? id));
  }

  /** Shift-click: everything between the anchor and `id` in `order` (the list as shown); `add` keeps what was chosen (Ctrl+Shift). */
  function extendTo(id: string, order: readonly string[], add = false): void {
    const anchor = anchorId.value ?? machines.selectedId ?? id;
    const from = order.indexOf(anchor);
    const to = order.indexOf(id);
    const span = from === -1 || to === -1 ? [id] : order.slice(Math.min(from, to), Math.max(from, to) + 1);
    ids.value = new Set(add ? [...ids.value, ...span] : span);
    machines.select(id);
  }

  /** Ctrl+A, a group's "select all", a sprawl list: exactly these. */
  function setMany(next: readonly string[]): void {
    ids.value = new Set(next);
    if (next.length > 0 && (machines.selectedId === null || !ids.value.has(machines.selectedId))) machines.select(next[0]!);
    anchorId.value = next[0] ?? null;
  }

  function clear(): void {
    ids.value = machines.selectedId ? new Set([machines.selectedId]) : new Set();
    anchorId.value = machines.selectedId;
  }

  // Deleted machines leave the selection; a current machine chosen elsewhere (a wizard, the activity table) is all of it.
  watch(
    () => machines.version,
    () => {
      const kept = [...ids.value].filter((id) => machines.byId(id) !== undefined);
      if (kept.length !== ids.value.size) ids.value = new Set(kept);
    },
  );
  watch(
    () => machines.selectedId,
    (id) => {
      if (id !== null && !ids.value.has(id)) {
        ids.value = new Set([id]);
        anchorId.value = id;
      }
    },
  );

  return { ids, anchorId, selectedMachines, selectedIds, count, has, only, toggle, extendTo, setMany, clear };
});
