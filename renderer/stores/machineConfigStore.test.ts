// Tests for the selected machine's configuration store: tracking, refresh on its own events only, snapshot operations.
import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { useMachineConfigStore } from './machineConfigStore.ts';
import { useNotificationsStore } from './notificationsStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';

async function tracked(state: 'PoweredOff' | 'Running' = 'PoweredOff') {
  const machine = makeMachine({ name: 'web-01', state, diskGiB: 20 });
  const other = makeMachine({ name: 'other' });
  const backend = setupStores([machine, other]);
  const store = useMachineConfigStore();
  store.attach();
  store.track(machine.id);
  await flushPromises();
  return { backend, store, machine, other };
}

describe('machineConfigStore', () => {
  it('loads the tracked machine’s configuration and snapshot tree', async () => {
    const { store, machine } = await tracked();
    expect(store.config?.machineId).toBe(machine.id);
    expect(store.config?.disk.allocation).toBe('dynamic');
    expect(store.tree?.snapshots).toEqual([]);
    expect(store.networkName('natnet')).toBe('NatNetwork');
  });

  it("refreshes when the tracked machine's configuration changes, and only then", async () => {
    const { backend, store, machine, other } = await tracked();
    const before = backend.callsOf('listSnapshots').length;
    backend.emitConfigChanged(other.id);
    await flushPromises();
    expect(backend.callsOf('listSnapshots')).toHaveLength(before);
    backend.ops.take(machine.id, { name: 'outside' });
    await flushPromises();
    expect(store.tree?.snapshots.map((s) => s.name)).toEqual(['outside']);
    expect(store.config?.snapshotCount).toBe(1);
  });

  it('drops the previous machine’s data when the selection moves', async () => {
    const { store, other } = await tracked();
    store.track(other.id);
    expect(store.config).toBeNull();
    await flushPromises();
    expect(store.config?.machineId).toBe(other.id);
  });

  it('reports a refused restore in the UI and changes nothing', async () => {
    const { backend, store, machine } = await tracked('Running');
    backend.ops.take(machine.id, { name: 'a' });
    backend.ops.take(machine.id, { name: 'b' });
    await flushPromises();
    const first = store.tree!.snapshots[0]!;
    expect(await store.restoreSnapshot(first.id, first.name)).toBe(false);
    expect(useNotificationsStore().current?.text).toBe('Could not restore "a": Power off "web-01" before restoring a snapshot');
    expect(store.tree?.currentSnapshotId).toBe(store.tree?.snapshots[1]?.id);
  });

  it('reports the space a deleted snapshot gave back', async () => {
    const { store } = await tracked();
    await store.takeSnapshot({ name: 'one' });
    const one = store.tree!.snapshots[0]!;
    expect(await store.deleteSnapshot(one.id, one.name)).toBe(true);
    expect(useNotificationsStore().current?.text).toMatch(/^Deleted snapshot "one"; \d+ MiB reclaimed$/);
    expect(store.tree?.snapshots).toEqual([]);
  });
});
