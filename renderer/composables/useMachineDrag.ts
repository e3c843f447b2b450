// Dragging machines onto a group (or out of every group): what is dragged, where it may drop, and the move it makes.
import { ref } from 'vue';
import { useBulkStore } from '../stores/bulkStore.ts';
import { useSelectionStore } from '../stores/selectionStore.ts';
import { useMachinesStore } from '../stores/machinesStore.ts';

const dragType = 'application/x-virtlab-machines';

export function useMachineDrag() {
  const selection = useSelectionStore();
  const machines = useMachinesStore();
  const bulk = useBulkStore();
  /** The group under the pointer ("" for no group), null while nothing is dragged over a target. */
  const dropGroup = ref<string | null>(null);
  let dragged: string[] = [];

  /** Dragging a selected machine drags the whole selection; dragging another one drags it alone. */
  function start(event: DragEvent, machineId: string): void {
    dragged = selection.has(machineId) ? [...selection.selectedIds] : [machineId];
    event.dataTransfer?.setData(dragType, JSON.stringify(dragged));
    event.dataTransfer?.setData('text/plain', dragged.map((id) => machines.byId(id)?.name ?? id).join('\n'));
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  function over(event: DragEvent, group: string): void {
    if (dragged.length === 0 && !event.dataTransfer?.types.includes(dragType)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    dropGroup.value = group;
  }

  function leave(): void {
    dropGroup.value = null;
  }

  async function drop(event: DragEvent, group: string): Promise<void> {
    event.preventDefault();
    dropGroup.value = null;
    let ids = dragged;
    try {
      const data = event.dataTransfer?.getData(dragType);
      if (data) ids = (JSON.parse(data) as unknown[]).filter((id): id is string => typeof id === 'string');
    } catch {
      // Another window's drag: only our own list counts.
    }
    dragged = [];
    const moving = ids.filter((id) => (machines.byId(id)?.group ?? '') !== group);
    if (moving.length === 0) return;
    await bulk.label(moving, { group: group === '' ? null : group }, group === '' ? 'Moved out of their groups' : `Moved to group ${group}`);
  }

  function end(): void {
    dragged = [];
    dropGroup.value = null;
  }

  return { dropGroup, start, over, leave, drop, end };
}
