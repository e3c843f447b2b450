// Tests for the machines store against a fake API: loading, selection, events, operations and their errors.
import { beforeEach, describe, expect, it } from 'vitest';
import { useMachinesStore } from './machinesStore.ts';
import { useNotificationsStore } from './notificationsStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';

let backend: FakeBackend;
const alpha = makeMachine({ name: 'alpha' });
const bravo = makeMachine({ name: 'Bravo', state: 'Running' });
const charlie = makeMachine({ name: 'charlie', state: 'Paused' });

beforeEach(() => {
  backend = setupStores([structuredClone(charlie), structuredClone(alpha), structuredClone(bravo)]);
});

describe('machines store', () => {
  it('loads the list sorted by name, selects the first machine and counts running ones', async () => {
    const store = useMachinesStore();
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.list.map((m) => m.name)).toEqual(['alpha', 'Bravo', 'charlie']);
    expect(store.selected?.name).toBe('alpha');
    expect(store.total).toBe(3);
    expect(store.runningCount).toBe(1);
  });

  it('applies batches of machine changes once attached', async () => {
    const store = useMachinesStore();
    store.attach();
    await store.load();
    backend.emitUpsert({ ...alpha, state: 'Starting', stateSinceMs: 5 });
    expect(store.byId(alpha.id)?.state).toBe('Starting');
    const delta = makeMachine({ name: 'delta' });
    backend.emitUpsert(delta);
    expect(store.total).toBe(4);
    backend.emitRemoved(delta.id);
    expect(store.byId(delta.id)).toBeUndefined();
  });

  it('ignores an update older than what it already has', async () => {
    const store = useMachinesStore();
    await store.load();
    store.applyUpsert({ ...bravo, state: 'Paused', stateSinceMs: 10 });
    store.applyUpsert({ ...bravo, state: 'Running', stateSinceMs: 9 });
    expect(store.byId(bravo.id)?.state).toBe('Paused');
  });

  it('moves the selection to a neighbour when the selected machine disappears', async () => {
    const store = useMachinesStore();
    await store.load();
    store.select(bravo.id);
    store.applyRemove(bravo.id);
    expect(store.selected?.name).toBe('charlie');
    store.applyRemove(charlie.id);
    expect(store.selected?.name).toBe('alpha');
    store.applyRemove(alpha.id);
    expect(store.selectedId).toBeNull();
  });

  it('navigates the selection by offset and to either end, clamped', async () => {
    const store = useMachinesStore();
    await store.load();
    store.selectRelative(1);
    expect(store.selected?.name).toBe('Bravo');
    store.selectRelative(10);
    expect(store.selected?.name).toBe('charlie');
    store.selectRelative('first');
    expect(store.selected?.name).toBe('alpha');
    store.selectRelative(-1);
    expect(store.selected?.name).toBe('alpha');
    store.selectRelative('last');
    expect(store.selected?.name).toBe('charlie');
  });

  it('allows only the actions the selected state permits', async () => {
    const store = useMachinesStore();
    await store.load();
    store.select(alpha.id);
    expect([store.can('start'), store.can('pause'), store.can('resume'), store.can('stop'), store.can('delete')]).toEqual([true, false, false, false, true]);
    store.select(bravo.id);
    expect([store.can('start'), store.can('pause'), store.can('resume'), store.can('stop'), store.can('delete')]).toEqual([false, true, false, true, false]);
    store.select(charlie.id);
    expect([store.can('start'), store.can('pause'), store.can('resume'), store.can('stop'), store.can('delete')]).toEqual([false, false, true, true, false]);
    store.select(null);
    expect(store.can('start')).toBe(false);
  });

  it('creates a machine and selects it', async () => {
    const store = useMachinesStore();
    await store.load();
    const created = await store.create({ name: 'echo', osType: 'alpine64', vcpus: 1, memoryMiB: 256, diskGiB: 2 });
    expect(store.selectedId).toBe(created.id);
    expect(store.byId(created.id)?.name).toBe('echo');
  });

  it('runs life-cycle actions through the API and applies the returned machine', async () => {
    const store = useMachinesStore();
    await store.load();
    expect(await store.runAction('start', alpha.id)).toBe(true);
    expect(backend.callsOf('startMachine')).toEqual([{ id: alpha.id }]);
    expect(store.byId(alpha.id)?.state).toBe('Starting');
  });

  it('reports a refused action in the snackbar and changes nothing', async () => {
    const store = useMachinesStore();
    await store.load();
    expect(await store.runAction('pause', alpha.id)).toBe(false);
    expect(store.byId(alpha.id)?.state).toBe('PoweredOff');
    expect(useNotificationsStore().current?.text).toBe('Could not pause "alpha": Cannot pause "alpha" while it is PoweredOff');
    expect(useNotificationsStore().current?.tone).toBe('error');
  });

  it('deletes a powered-off machine, and reports why a running one cannot be deleted', async () => {
    const store = useMachinesStore();
    await store.load();
    expect(await store.remove(alpha.id)).toEqual([alpha.id]);
    expect(store.byId(alpha.id)).toBeUndefined();
    expect(await store.remove(bravo.id)).toBeNull();
    expect(store.byId(bravo.id)).toBeDefined();
    expect(useNotificationsStore().current?.text).toMatch(/^Could not delete "Bravo": .*powered off/);
  });

  it('marks a machine busy while its operation is in flight', async () => {
    const store = useMachinesStore();
    await store.load();
    let finish: (value: unknown) => void = () => undefined;
    backend.overrides.startMachine = () => new Promise((resolve) => (finish = resolve));
    const pending = store.runAction('start', alpha.id);
    expect(store.isBusy(alpha.id)).toBe(true);
    expect(store.can('start', store.byId(alpha.id) ?? null)).toBe(false);
    finish({ ...alpha, state: 'Starting', stateSinceMs: 1 });
    await pending;
    expect(store.isBusy(alpha.id)).toBe(false);
  });
});
