// Tests for the host activity poller: once a second while watched, silent when nobody watches, errors as messages.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { hostActivityPollMs, useHostActivityStore } from './hostActivityStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';
import { AppError } from '../../shared/errors.ts';

let backend: FakeBackend;

beforeEach(() => {
  vi.useFakeTimers();
  backend = setupStores([makeMachine({ name: 'web', state: 'Running', hostId: 'host-1' })]);
});
afterEach(() => vi.useRealTimers());

describe('host activity store', () => {
  it('polls once a second only while some view watches, and stops when the last one leaves', async () => {
    const store = useHostActivityStore();
    const stopA = store.watchHosts();
    const stopB = store.watchHosts();
    await flushPromises();
    expect(backend.callsOf('getHostActivity')).toHaveLength(1);
    expect(store.byHost.get('host-1')?.topGuests.map((g) => g.name)).toEqual(['web']);
    await vi.advanceTimersByTimeAsync(hostActivityPollMs * 3);
    expect(backend.callsOf('getHostActivity')).toHaveLength(4);
    stopA();
    stopA();
    await vi.advanceTimersByTimeAsync(hostActivityPollMs);
    expect(backend.callsOf('getHostActivity')).toHaveLength(5);
    stopB();
    await vi.advanceTimersByTimeAsync(hostActivityPollMs * 5);
    expect(backend.callsOf('getHostActivity')).toHaveLength(5);
  });

  it('does not ask while disconnected and keeps the last figures', async () => {
    const store = useHostActivityStore();
    const stop = store.watchHosts();
    await flushPromises();
    backend.setConnectionState('closed');
    await vi.advanceTimersByTimeAsync(hostActivityPollMs * 2);
    expect(backend.callsOf('getHostActivity')).toHaveLength(1);
    expect(store.byHost.size).toBeGreaterThan(0);
    stop();
  });

  it('says why live activity is missing when the backend refuses', async () => {
    backend.overrides.getHostActivity = () => {
      throw new AppError('INTERNAL', 'Engine is restarting');
    };
    const store = useHostActivityStore();
    const stop = store.watchHosts();
    await flushPromises();
    expect(store.error).toBe('Live host activity is unavailable: Engine is restarting');
    stop();
  });
});
