// Machines as the views see them: the list, the selection, life-cycle operations, and live updates from events.
import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { Machine, NewMachineSpec } from '../../shared/domain/machine.ts';
import type { CloneOptions, SettingsPatch } from '../../shared/domain/machineConfig.ts';
import { actionAllowedFrom } from '../../shared/domain/machineState.ts';
import type { LifecycleAction } from '../../shared/domain/machineState.ts';
import type { RemovalMode, RemovalPlan } from '../../shared/domain/removal.ts';
import { AppError } from '../../shared/errors.ts';
import type { EventPayload, Unsubscribe } from '../../shared/api/events.ts';

type MachinesChanged = EventPayload<'machinesChanged'>;
import { useApi } from '../api/apiInstance.ts';
import { useNotificationsStore } from './notificationsStore.ts';
import { useCatalogStore } from './catalogStore.ts';

const actionVerbs: Record<LifecycleAction, string> = {
  start: 'start',
  pause: 'pause',
  resume: 'resume',
  stop: 'shut down',
  powerOff: 'power off',
  reset: 'reset',
  saveState: 'save the state of',
  discardState: 'discard the saved state of',
};

/** A guest that ignored the request to shut down (no ACPI support, busy): the window offers Power Off. */
export interface IgnoredShutdown {
  readonly machineId: string;
  readonly name: string;
  readonly message: string;
}

export const useMachinesStore = defineStore('machines', () => {
  const items = ref<Machine[]>([]);
  const selectedId = ref<string | null>(null);
  const loaded = ref(false);
  /** Machines with an operation in flight, so the toolbar does not send it twice. */
  const busyIds = ref<string[]>([]);
  const ignoredShutdown = ref<IgnoredShutdown | null>(null);
  let unsubscribers: Unsubscribe[] = [];

  const list = computed(() => [...items.value].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })));
  const selected = computed(() => items.value.find((m) => m.id === selectedId.value) ?? null);
  const total = computed(() => items.value.length);
  const runningCount = computed(() => items.value.filter((m) => m.state === 'Running').length);

  function isBusy(id: string): boolean {
    return busyIds.value.includes(id);
  }

  function can(action: LifecycleAction | 'delete', machine: Machine | null = selected.value): boolean {
    if (!machine || isBusy(machine.id)) return false;
    if (action === 'delete') return machine.state === 'PoweredOff' || machine.state === 'Saved';
    return actionAllowedFrom[action].includes(machine.state);
  }

  function byId(id: string): Machine | undefined {
    return items.value.find((m) => m.id === id);
  }

  function applyUpsert(machine: Machine): void {
    const index = items.value.findIndex((m) => m.id === machine.id);
    if (index === -1) {
      items.value.push(machine);
      return;
    }
    const existing = items.value[index];
    // A reply can arrive after a newer event for the same machine; never go back in time.
    if (existing && machine.stateSinceMs < existing.stateSinceMs) return;
    items.value.splice(index, 1, machine);
  }

  /** One batch of engine changes in one update of the list (a thousand machines starting is one change, not a thousand). */
  function applyChanges(batch: MachinesChanged): void {
    if (batch.machines.length === 0 && batch.removed.length === 0) return;
    const next = new Map(items.value.map((m) => [m.id, m]));
    for (const machine of batch.machines) {
      const existing = next.get(machine.id);
      // A reply can arrive after a newer event for the same machine; never go back in time.
      if (existing && machine.stateSinceMs < existing.stateSinceMs) continue;
      next.set(machine.id, machine);
    }
    if (batch.removed.length > 0) {
      if (selectedId.value !== null && batch.removed.includes(selectedId.value)) {
        const ordered = list.value;
        const index = ordered.findIndex((m) => m.id === selectedId.value);
        const neighbour = ordered.slice(index + 1).find((m) => !batch.removed.includes(m.id)) ?? ordered.slice(0, index).reverse().find((m) => !batch.removed.includes(m.id));
        selectedId.value = neighbour ? neighbour.id : null;
      }
      for (const id of batch.removed) next.delete(id);
    }
    items.value = [...next.values()];
  }

  function applyRemove(id: string): void {
    const ordered = list.value;
    const index = ordered.findIndex((m) => m.id === id);
    if (index === -1) return;
    if (selectedId.value === id) {
      const neighbour = ordered[index + 1] ?? ordered[index - 1];
      selectedId.value = neighbour ? neighbour.id : null;
    }
    items.value = items.value.filter((m) => m.id !== id);
  }

  function select(id: string | null): void {
    selectedId.value = id !== null && byId(id) ? id : null;
  }

  /** Keyboard navigation: moves the selection by `delta`, or to the first/last entry. */
  function selectRelative(delta: number | 'first' | 'last'): void {
    const ordered = list.value;
    if (ordered.length === 0) return;
    let index: number;
    if (delta === 'first') index = 0;
    else if (delta === 'last') index = ordered.length - 1;
    else {
      const current = ordered.findIndex((m) => m.id === selectedId.value);
      index = current === -1 ? 0 : Math.min(ordered.length - 1, Math.max(0, current + delta));
    }
    selectedId.value = ordered[index]?.id ?? null;
  }

  async function load(): Promise<void> {
    try {
      items.value = await useApi().listMachines({});
      loaded.value = true;
      if (selectedId.value !== null && !byId(selectedId.value)) selectedId.value = null;
      if (selectedId.value === null) selectedId.value = list.value[0]?.id ?? null;
    } catch (error) {
      useNotificationsStore().showError('Could not load the machine list', error);
    }
  }

  /** Creates a machine and selects it. Errors are thrown so the wizard can show them on its fields. */
  async function create(spec: NewMachineSpec): Promise<Machine> {
    const machine = await useApi().createMachine(spec);
    applyUpsert(machine);
    selectedId.value = machine.id;
    void useCatalogStore().refreshHosts();
    return machine;
  }

  /** Clones a machine and selects the clone. Errors are thrown so the clone wizard can show them on its fields. */
  async function clone(id: string, options: CloneOptions): Promise<Machine> {
    const machine = await withBusy(id, () => useApi().cloneMachine({ id, options }));
    applyUpsert(machine);
    selectedId.value = machine.id;
    void useCatalogStore().refreshHosts();
    return machine;
  }

  /** Sends a settings patch; a refusal is thrown so the Settings dialog can show it on the field it names. */
  async function updateSettings(id: string, patch: SettingsPatch): Promise<Machine> {
    const machine = await useApi().updateSettings({ id, patch });
    applyUpsert(machine);
    void useCatalogStore().refreshHosts();
    return machine;
  }

  async function withBusy<T>(id: string, run: () => Promise<T>): Promise<T> {
    busyIds.value = [...busyIds.value, id];
    try {
      return await run();
    } finally {
      busyIds.value = busyIds.value.filter((busy) => busy !== id);
    }
  }

  /** Runs a life-cycle action; failures (e.g. INVALID_STATE) go to the snackbar. Returns whether it worked. */
  async function runAction(action: LifecycleAction, id: string): Promise<boolean> {
    const name = byId(id)?.name ?? 'the machine';
    const api = useApi();
    const calls: Record<LifecycleAction, (input: { id: string }) => Promise<Machine>> = {
      start: api.startMachine,
      pause: api.pauseMachine,
      resume: api.resumeMachine,
      stop: api.stopMachine,
      powerOff: api.powerOffMachine,
      reset: api.resetMachine,
      saveState: api.saveMachineState,
      discardState: api.discardSavedState,
    };
    try {
      const machine = await withBusy(id, () => calls[action]({ id }));
      applyUpsert(machine);
      if (action !== 'start') void useCatalogStore().refreshHosts();
      return true;
    } catch (error) {
      // The guest ignored the request: say why and offer to cut the power instead of only reporting a failure.
      if (action === 'stop' && error instanceof AppError && error.field === 'shutdown') ignoredShutdown.value = { machineId: id, name, message: error.message };
      else useNotificationsStore().showError(`Could not ${actionVerbs[action]} "${name}"`, error);
      return false;
    }
  }

  /** What each way of removing the machine would free; errors are thrown so the dialog can show them. */
  function planRemoval(id: string): Promise<RemovalPlan> {
    return useApi().planRemoval({ id });
  }

  /** Removes a machine as `mode` says (deleteAll by default); returns what the backend says was removed, or null on failure. */
  async function remove(id: string, mode: RemovalMode = 'deleteAll'): Promise<string[] | null> {
    const name = byId(id)?.name ?? 'the machine';
    try {
      const result = await withBusy(id, () => useApi().deleteMachine({ id, mode }));
      const removed = result.removed ?? [id];
      for (const gone of removed) applyRemove(gone);
      void useCatalogStore().refreshHosts();
      return removed;
    } catch (error) {
      useNotificationsStore().showError(`Could not delete "${name}"`, error);
      return null;
    }
  }

  function attach(): void {
    for (const stop of unsubscribers) stop();
    const api = useApi();
    unsubscribers = [api.on('machinesChanged', applyChanges)];
  }

  return {
    items,
    list,
    selectedId,
    selected,
    loaded,
    busyIds,
    ignoredShutdown,
    total,
    runningCount,
    isBusy,
    can,
    byId,
    applyUpsert,
    applyRemove,
    applyChanges,
    select,
    selectRelative,
    load,
    create,
    clone,
    updateSettings,
    runAction,
    planRemoval,
    remove,
    attach,
  };
});
