// Tests for the data-center store: snapshots and change batches merged by id, finished migrations never un-finished.
import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { makeMachine } from '../test/fakeApi.ts';
import { fakeMigration } from '../test/fakeDatacenter.ts';
import { setupStores } from '../test/mountWithApp.ts';
import { useDatacenterStore } from './datacenterStore.ts';

describe('datacenterStore', () => {
  it('loads the data center and applies change batches item by item', async () => {
    const machine = makeMachine({ name: 'web-01', hostId: 'rack-01' });
    const backend = setupStores([machine]);
    const store = useDatacenterStore();
    store.attach();
    await store.load();
    expect(store.clusters.map((c) => c.id)).toEqual(['cluster-rack']);
    expect([...store.hosts.keys()]).toEqual(['rack-01', 'rack-02', 'rack-03', 'host-1']);
    backend.emit('datacenterChanged', { simTimeMs: 5000, clusters: [], hosts: [{ ...store.hosts.get('rack-02')!, power: 'maintenance' }], migrations: [fakeMigration(machine, 'rack-02', 'precopy')], operations: [] });
    expect(store.hosts.get('rack-02')!.power).toBe('maintenance');
    expect(store.hosts.get('rack-01')!.power).toBe('on');
    expect(store.activeMigrationOf(machine.id)?.phase).toBe('precopy');
    expect(store.simTimeMs).toBe(5000);
  });

  it('keeps a migration that ended when an older view of it arrives later', async () => {
    const machine = makeMachine({ name: 'web-01', hostId: 'rack-01' });
    const backend = setupStores([machine]);
    const store = useDatacenterStore();
    store.attach();
    backend.emit('datacenterChanged', { simTimeMs: 3000, clusters: [], hosts: [], migrations: [fakeMigration(machine, 'rack-02', 'done')], operations: [] });
    backend.emit('datacenterChanged', { simTimeMs: 2000, clusters: [], hosts: [], migrations: [fakeMigration(machine, 'rack-02', 'precopy')], operations: [] });
    expect(store.migrations.get(`mig-${machine.id}`)?.phase).toBe('done');
    expect(store.activeMigrationOf(machine.id)).toBeUndefined();
  });

  it('polls only while a view watches', async () => {
    const backend = setupStores([]);
    const store = useDatacenterStore();
    const stop = store.watchLive();
    await flushPromises();
    expect(backend.callsOf('getDatacenter')).toHaveLength(1);
    stop();
    stop();
    const again = store.watchLive();
    await flushPromises();
    expect(backend.callsOf('getDatacenter')).toHaveLength(2);
    again();
  });
});
