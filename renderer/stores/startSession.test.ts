// Tests that start-up wiring loads everything on connect and again after a reconnection.
import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { startSession } from './startSession.ts';
import { useMachinesStore } from './machinesStore.ts';
import { useConnectionStore } from './connectionStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';

describe('startSession', () => {
  it('waits for the connection, then loads, and reloads after a drop', async () => {
    const backend = setupStores([makeMachine({ name: 'one' })]);
    backend.setConnectionState('connecting');
    const stop = startSession();
    await flushPromises();
    expect(backend.callsOf('listMachines')).toHaveLength(0);
    expect(useConnectionStore().label).toBe('Connecting…');
    backend.setConnectionState('open');
    await flushPromises();
    expect(useMachinesStore().list.map((m) => m.name)).toEqual(['one']);
    expect(backend.callsOf('listOsTypes')).toHaveLength(1);
    expect(backend.callsOf('getEngineStatus')).toHaveLength(1);
    backend.machines.push(makeMachine({ name: 'two' }));
    backend.setConnectionState('closed');
    expect(useConnectionStore().state).toBe('closed');
    backend.setConnectionState('open');
    await flushPromises();
    expect(useMachinesStore().total).toBe(2);
    stop();
  });
});
