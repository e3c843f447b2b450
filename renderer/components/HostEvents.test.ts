// Tests for a host's collapsible, lasting event log: loads on expand, newest first with subjects, refusals in error colour, throttled refresh.
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
    expect(backend.callsOf('queryEvents')).toHaveLength(0);
  });

  it('shows the host\'s latest events newest first, with time, subject and the refusal in error colour', async () => {
    const { backend, wrapper, toggle } = await showMainframeEvents();
    await toggle.trigger('click');
    await flushPromises();
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(backend.callsOf('queryEvents')).toEqual([{ hostId: 'host-2', limit: 100 }]);
    const list = wrapper.find('ul[aria-label="Events on Mainframe"]');
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
    expect(wrapper.find('ul[aria-label="Events on Hyperion"]').text()).toBe('No events yet.');
  });

  it('reloads when the host\'s events are logged while open, at most once per 500 ms, and not at all once closed', async () => {
    const { backend, wrapper, toggle, lpar } = await showMainframeEvents();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await toggle.trigger('click');
    await vi.advanceTimersByTimeAsync(0);
    expect(backend.callsOf('queryEvents')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(600);

    backend.logEvents({ atMs: 70_000, hostId: 'host-2', machineId: lpar.id, subject: 'lpar-a', kind: 'state', message: 'Paused' });
    await vi.advanceTimersByTimeAsync(0);
    expect(backend.callsOf('queryEvents')).toHaveLength(2);
    backend.logEvents({ atMs: 71_000, hostId: 'host-2', machineId: lpar.id, subject: 'lpar-a', kind: 'state', message: 'Running' });
    backend.logEvents({ atMs: 72_000, hostId: 'host-1', subject: 'web', kind: 'state', message: 'elsewhere' });
    await vi.advanceTimersByTimeAsync(100);
    expect(backend.callsOf('queryEvents')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(400);
    expect(backend.callsOf('queryEvents')).toHaveLength(3);
    await flushPromises();
    expect(wrapper.find('ul[aria-label="Events on Mainframe"] li').text()).toContain('Running');

    await toggle.trigger('click');
    backend.logEvents({ atMs: 73_000, hostId: 'host-2', subject: 'lpar-a', kind: 'state', message: 'late' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(backend.callsOf('queryEvents')).toHaveLength(3);
  });
});
