// Tests for the catalogue store: hosts with their platforms, guest platforms per host, throttled refresh on machine events.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { hostRefreshIntervalMs, useCatalogStore } from './catalogStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';

let backend: FakeBackend;

beforeEach(() => {
  backend = setupStores();
});

describe('catalog store', () => {
  it('finds platforms by id and offers only those that take guests', async () => {
    const catalog = useCatalogStore();
    await catalog.load();
    expect(catalog.hosts.map((h) => h.name)).toEqual(['Atlas', 'Mainframe', 'Hyperion', 'Xenon', 'Workstation']);
    expect(catalog.guestPlatforms('host-5').map((p) => p.id)).toEqual(['ws-vbox', 'ws-qemu', 'ws-jvm', 'ws-lxc']);
    expect(catalog.platformById('ws-linux')?.acceptsGuests).toBe(false);
    expect(catalog.defaultPlatformFor('host-1')?.id).toBe('esx-atlas');
    expect(catalog.defaultPlatformFor('host-3')?.id).toBe('kvm-hyperion');
    expect(catalog.guestPlatforms('nowhere')).toEqual([]);
  });

  describe('refresh on machine events', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('folds a burst of events into one listHosts, and still refreshes after the last one', async () => {
      const catalog = useCatalogStore();
      catalog.attach();
      await catalog.refreshHosts();
      const machine = makeMachine({ name: 'a', state: 'Running' });
      backend.machines.push(machine);
      for (let i = 0; i < 5; i += 1) backend.emitUpsert(machine);
      await vi.advanceTimersByTimeAsync(hostRefreshIntervalMs);
      await flushPromises();
      expect(backend.callsOf('listHosts')).toHaveLength(2);
      expect(catalog.platformById('esx-atlas')?.runningGuests).toBe(1);

      backend.machines = [];
      backend.emitRemoved(machine.id);
      await vi.advanceTimersByTimeAsync(hostRefreshIntervalMs);
      await flushPromises();
      expect(backend.callsOf('listHosts')).toHaveLength(3);
      expect(catalog.platformById('esx-atlas')?.guests).toBe(0);
    });
  });
});
