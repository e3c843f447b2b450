// Tests for the storage pool store: loads pools, refreshes (throttled) after deletes and config changes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { storageRefreshIntervalMs, useStorageStore } from './storageStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('storageStore', () => {
  it('shows each host pool and frees a deleted machine’s space after the machine is removed', async () => {
    const fixed = makeMachine({ name: 'fixed', diskGiB: 20 });
    const backend = setupStores([fixed]);
    backend.ops.register(fixed, 'fixed');
    const store = useStorageStore();
    store.attach();
    store.watchPools();
    await flushPromises();
    expect(store.poolFor('host-1')).toMatchObject({ name: 'Atlas storage', usedMiB: 20 * 1024, capacityMiB: 2048 * 1024 });
    backend.machines = [];
    backend.ops.forget(fixed.id);
    backend.emitRemoved(fixed.id);
    backend.emitRemoved(fixed.id);
    await vi.advanceTimersByTimeAsync(storageRefreshIntervalMs);
    await flushPromises();
    expect(store.poolFor('host-1')?.usedMiB).toBe(0);
    // Two events inside one interval cost one listStorage.
    expect(backend.callsOf('listStorage')).toHaveLength(2);
  });

  it('asks for nothing on machine changes while no view shows the pools', async () => {
    const backend = setupStores([]);
    const store = useStorageStore();
    store.attach();
    const release = store.watchPools();
    await flushPromises();
    release();
    backend.emitRemoved('gone');
    await vi.advanceTimersByTimeAsync(storageRefreshIntervalMs * 2);
    expect(backend.callsOf('listStorage')).toHaveLength(1);
  });
});
