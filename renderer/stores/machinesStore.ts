// Machines as the views see them: every machine by id, the list in name order, the current machine, single operations and live updates.
import { computed, markRaw, ref, shallowRef, triggerRef } from 'vue';
import { defineStore } from 'pinia';
import type { Machine, NewMachineSpec } from '../../shared/domain/machine.ts';
import type { CloneOptions, SettingsPatch } from '../../shared/domain/machineConfig.ts';
import { actionAllowedFrom, isPoweredDown } from '../../shared/domain/machineState.ts';
import type { LifecycleAction } from '../../shared/domain/machineState.ts';
import type { RemovalMode, RemovalPlan } from '../../shared/domain/removal.ts';
import { AppError } from '../../shared/errors.ts';
import type { EventPayload, Unsubscribe } from '../../shared/api/events.ts';
import { useApi } from '../api/apiInstance.ts';
import { useNotificationsStore } from './notificationsStore.ts';
import { useCatalogStore } from './catalogStore.ts';

type MachinesChanged = EventPayload<'machinesChanged'>;

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

// One collator, built once: localeCompare with options builds a new one per call, which is slow over thousands of names.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const byName = (a: Machine, b: Machine): number => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Machines are plain (raw) objects in a Map held by a shallow ref: with ten thousand of them, deep reactive proxies
 * would cost more than everything the views do. A batch replaces the objects that changed and triggers once.
 */
export const useMachinesStore = defineStore('machines', () => {
  const machineMap = shallowRef(new Map<string, Machine>());
  /** Bumped with every batch that changed something; views that cache per machine key on it. */
  const version = ref(0);
  const selectedId = ref<string | null>(null);
  const loaded = ref(false);
  /** Machines with an operation in flight, so the toolbar does not send it twice. */
  const busy = shallowRef(new Set<string>());
  /** Name order changes only when machines come, go or are renamed; everything else keeps the sorted ids. */
  let nameOrder: string[] = [];
  let orderDirty = true;
  const ignoredShutdown = ref<IgnoredShutdown | null>(null);
  let unsubscribers: Unsubscribe[] = [];

  const list = computed<Machine[]>(() => {
    void version.value;
    const map = machineMap.value;
    if (orderDirty) {
      const all = [...map.values()];
      // The backend lists machines in name order already; checking costs one pass, sorting ten thousand many more.
      let sorted = true;
      for (let i = 1; i < all.length && sorted; i++) sorted = byName(all[i - 1]!, all[i]!) <= 0;
      nameOrder = (sorted ? all : all.sort(byName)).map((m) => m.id);
      orderDirty = false;
    }
    return nameOrder.map((id) => map.get(id)!);
  });
  /** Each machine's place in name order, for sorts that fall back to the name. */
  const nameRank = computed(() => new Map(list.value.map((m, i) => [m.id, i])));
  const selected = computed(() => (selectedId.value === null ? null : (machineMap.value.get(selectedId.value) ?? null)));
  const total = computed(() => {
    void version.value;
    return machineMap.value.size;
  });
  const runningCount = computed(() => list.value.reduce((n, m) => n + (m.state === 'Running' ? 1 : 0), 0));
  /** Kept for views that read the plain array (wizards checking names). */
  const items = computed(() => list.value);
  const busyIds = computed(() => [...busy.value]);

  function isBusy(id: string): boolean {
    return busy.value.has(id);
  }

  function can(action: LifecycleAction | 'delete', machine: Machine | null = selected.value): boolean {
    if (!machine || isBusy(machine.id)) return false;
    if (action === 'delete') return isPoweredDown(machine.state);
    return actionAllowedFrom[action].includes(machine.state);
  }

  function byId(id: string): Machine | undefined {
    void version.value;
    return machineMap.value.get(id);
  }

  /** A reply can arrive after a newer event for the same machine; never go back in time. Returns whether it was taken. */
  function put(map: Map<string, Machine>, machine: Machine): boolean {
    const existing = map.get(machine.id);
    if (existing && machine.stateSinceMs < existing.stateSinceMs) return false;
    if (!existing || existing.name !== machine.name) orderDirty = true;
    map.set(machine.id, markRaw(machine));
    return true;
  }

  function changed(): void {
    version.value += 1;
    triggerRef(machineMap);
  }

  function applyUpsert(machine: Machine): void {
    if (put(machineMap.value, machine)) changed();
  }

  /** The machine shown next when the current one goes: the next in name order, else the previous. */
  function neighbourOf(id: string, gone: ReadonlySet<string>): string | null {
    const ordered = list.value;
    const index = ordered.findIndex((m) => m.id === id);
    const after = ordered.slice(index + 1).find((m) => !gone.has(m.id));
    const before = ordered.slice(0, Math.max(0, index)).reverse().find((m) => !gone.has(m.id));
    return (after ?? before)?.id ?? null;
  }

  /** One batch of engine changes in one update of the list (a thousand machines starting is one change, not a thousand). */
  function applyChanges(batch: MachinesChanged): void {
    if (batch.machines.length === 0 && batch.removed.length === 0) return;
    const map = machineMap.value;
    let any = false;
    for (const machine of batch.machines) any = put(map, machine) || any;
    if (batch.removed.length > 0) {
      const gone = new Set(batch.removed.filter((id) => map.has(id)));
      if (selectedId.value !== null && gone.has(selectedId.value)) selectedId.value = neighbourOf(selectedId.value, gone);
      for (const id of gone) map.delete(id);
      if (gone.size > 0) {
        orderDirty = true;
        any = true;
      }
    }
    if (any) changed();
  }

  function applyRemove(id: string): void {
    applyChanges({ machines: [], configChanged: [], removed: [id] });
  }

  function select(id: string | null): void {
    selectedId.value = id !== null && machineMap.value.has(id) ? id : null;
  }

  /** Keyboard navigation in name order: moves the selection by `delta`, or to the first/last entry. */
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
      const all = await useApi().listMachines({});
      const map = new Map<string, Machine>();
      for (const machine of all) map.set(machine.id, markRaw(machine));
      machineMap.value = map;
      orderDirty = true;
      version.value += 1;
      loaded.value = true;
      if (selectedId.value !== null && !map.has(selectedId.value)) selectedId.value = null;
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
    busy.value = new Set(busy.value).add(id);
    try {
      return await run();
    } finally {
      const next = new Set(busy.value);
      next.delete(id);
      busy.value = next;
    }
  }

  /** Runs a life-cycle action; failures (e.g. INVALID_STATE) go to the notifications. Returns whether it worked. */
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
    nameRank,
    version,
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
