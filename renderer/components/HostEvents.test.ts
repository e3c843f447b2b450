// Tests for a host's collapsible event log: loads on expand, newest first with subjects, refusals in error colour, throttled refresh.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import HostEvents from './HostEvents.vue';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';

async function showMainframeEvents() {
  const lpar = makeMachine({ name: 'lpar-a', vcpus: 14, hostId: 'host-2', platformId: 'lpar-fw', kind: 'type0', state: 'Running' });
  const backend = setupStores([lpar]);
  backend.events.push(
    { atMs: 61_000, hostId: 'host-2', machineId: lpar.id, subject: 'lpar-a', kind: 'state', message: 'Running' },
    { atMs: 3_725_000, hostId: 'host-2', subject: 'lpar-b', kind: 'refusal', message: 'Type 0 needs 2 dedicated cores for "lpar-b"; 1 is free' },
    { atMs: 5_000, hostId: 'host-1', subject: 'web', kind: 'state', message: 'Atlas only' },
  );
  const wrapper = mountWithApp(HostEvents, { props: { hostId: 'host-2', hostName: 'Mainframe' } });
  await flushPromises();
  const toggle = wrapper.find('button[aria-expanded]');
  return { backend, wrapper, toggle, lpar };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HostEvents', () => {
  it('stays collapsed and asks for nothing until expanded', async () => {
    const { backend, wrapper, toggle } = await showMainframeEvents();
    expect(toggle.text()).toBe('Host events');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(wrapper.find('ul').exists()).toBe(false);
    expect(backend.callsOf('listEvents')).toHaveLength(0);
  });

  it('shows the host\'s latest events newest first, with time, subject and the refusal in error colour', async () => {
    const { backend, wrapper, toggle } = await showMainframeEvents();
    await toggle.trigger('click');
    await flushPromises();
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(backend.callsOf('listEvents')).toEqual([{ hostId: 'host-2', limit: 20 }]);
    const list = wrapper.find('ul[aria-label="Events on Mainframe, latest 20"]');
    const items = list.findAll('li');
    expect(items.map((li) => li.text())).toEqual([
      '01:02:05lpar-bType 0 needs 2 dedicated cores for "lpar-b"; 1 is free',
      '00:01:01lpar-aRunning',
    ]);
    expect(items[0]?.find('.sim-events__message.text-error').text()).toContain('dedicated cores');
    expect(items[0]?.find('.v-icon').classes()).toContain('text-error');
    expect(list.text()).not.toContain('Atlas only');

    await toggle.trigger('click');
    expect(wrapper.find('ul').exists()).toBe(false);
  });

  it('says so when the host has no events yet', async () => {
    setupStores([]);
    const wrapper = mountWithApp(HostEvents, { props: { hostId: 'host-3', hostName: 'Hyperion' } });
    await wrapper.find('button[aria-expanded]').trigger('click');
    await flushPromises();
    expect(wrapper.find('ul').text()).toBe('No events yet.');
  });

  it('reloads on machine changes while open, at most once per 500 ms, and not at all once closed', async () => {
    const { backend, wrapper, toggle, lpar } = await showMainframeEvents();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await toggle.trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    expect(backend.callsOf('listEvents')).toHaveLength(1);

    backend.events.push({ atMs: 70_000, hostId: 'host-2', machineId: lpar.id, subject: 'lpar-a', kind: 'state', message: 'Paused' });
    backend.emitUpsert({ ...lpar, state: 'Paused' });
    backend.emitConfigChanged(lpar.id);
    backend.emitRemoved(lpar.id);
    await vi.advanceTimersByTimeAsync(100);
    expect(backend.callsOf('listEvents')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(backend.callsOf('listEvents')).toHaveLength(2);
    expect(wrapper.find('li').text()).toContain('Paused');

    await toggle.trigger('click');
    backend.emitRemoved(lpar.id);
    await vi.advanceTimersByTimeAsync(1000);
    expect(backend.callsOf('listEvents')).toHaveLength(2);
  });
});
