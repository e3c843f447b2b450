// Tests for the all-machines activity table: subscribes powered-on machines, sorts by column, live cells, opens a machine.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import ActivityTableView from './ActivityTableView.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useTelemetryStore } from '../stores/telemetryStore.ts';
import { useViewStore } from '../stores/viewStore.ts';
import { useCatalogStore } from '../stores/catalogStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { tableMetrics } from '../telemetry/activityTable.ts';

let backend: FakeBackend;
const web = makeMachine({ name: 'web', state: 'Running' });
const db = makeMachine({ name: 'db', state: 'Paused' });
const off = makeMachine({ name: 'archive', state: 'PoweredOff' });
const cpuOf: Record<string, number> = { [web.id]: 70, [db.id]: 20 };

beforeEach(async () => {
  vi.useFakeTimers();
  backend = setupStores([structuredClone(web), structuredClone(db), structuredClone(off)]);
  const machines = useMachinesStore();
  machines.attach();
  useTelemetryStore().attach();
  await Promise.all([machines.load(), useCatalogStore().load()]);
});
afterEach(() => vi.useRealTimers());

async function mountTable() {
  const wrapper = mountWithApp(ActivityTableView);
  await useTelemetryStore().sync();
  backend.emitSamples([1000], (id, metric) => (metric === 'cpuPct' ? (cpuOf[id] ?? 0) : 1));
  await flushPromises();
  return wrapper;
}

const names = (wrapper: Awaited<ReturnType<typeof mountTable>>) => wrapper.findAll('[role="rowheader"]').map((c) => c.text());
const cpuTexts = (wrapper: Awaited<ReturnType<typeof mountTable>>) => wrapper.findAll('[data-column="cpuPct"]').map((c) => c.text());

describe('ActivityTableView', () => {
  it('subscribes to the table metrics of powered-on machines only', async () => {
    await mountTable();
    expect(backend.callsOf('setTelemetrySubscription').at(-1)).toEqual({ groups: [{ machineIds: [db.id, web.id], metrics: [...tableMetrics] }] });
  });

  it('lists every machine by name with live values, and a dash where there is no sample', async () => {
    const wrapper = await mountTable();
    expect(names(wrapper)).toEqual(['archive', 'db', 'web']);
    expect(cpuTexts(wrapper)).toEqual(['–', '20 %', '70 %']);
    backend.emitSamples([2000], (id, metric) => (metric === 'cpuPct' ? (id === db.id ? 33.3 : 70) : 1));
    await nextTick();
    expect(cpuTexts(wrapper)).toEqual(['–', '33 %', '70 %']);
  });

  it('sorts by a column with a button, busiest first, and says so with aria-sort', async () => {
    const wrapper = await mountTable();
    const header = () => wrapper.get('[role="columnheader"]:nth-child(5)');
    expect(header().attributes('aria-sort')).toBe('none');
    await wrapper.get('button[aria-label="Sort by CPU"]').trigger('click');
    expect(header().attributes('aria-sort')).toBe('descending');
    expect(names(wrapper)).toEqual(['web', 'db', 'archive']);
    await wrapper.get('button[aria-label="Sort by CPU"]').trigger('click');
    expect(header().attributes('aria-sort')).toBe('ascending');
    expect(names(wrapper)).toEqual(['db', 'web', 'archive']);
  });

  it('re-sorts a metric column as values change, at most once a second', async () => {
    const wrapper = await mountTable();
    await wrapper.get('button[aria-label="Sort by CPU"]').trigger('click');
    backend.emitSamples([2000], (id, metric) => (metric === 'cpuPct' ? (id === db.id ? 90 : 10) : 1));
    await nextTick();
    expect(names(wrapper)).toEqual(['web', 'db', 'archive']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(names(wrapper)).toEqual(['db', 'web', 'archive']);
  });

  it('shows each machine\'s kind and host, selects a machine by clicking its row, and filters', async () => {
    const wrapper = await mountTable();
    expect(wrapper.findAll('[data-column="kind"]').map((c) => c.text())).toEqual(['Type 1', 'Type 1', 'Type 1']);
    expect(wrapper.findAll('[data-column="host"]').map((c) => c.text())).toEqual(['Atlas', 'Atlas', 'Atlas']);
    useViewStore().show('activity');
    await wrapper.get('[data-machine="web"] [data-column="cpuPct"]').trigger('click');
    expect(useMachinesStore().selected?.name).toBe('web');
    // The table stays in view; the toolbar now acts on the machine clicked.
    expect(useViewStore().current).toBe('activity');
    expect(wrapper.get('[data-machine="web"]').attributes('aria-selected')).toBe('true');
    await wrapper.get('input[type="text"]').setValue('arch');
    expect(names(wrapper)).toEqual(['archive']);
  });

  it('opens a machine in the Machines view', async () => {
    const wrapper = await mountTable();
    await wrapper.get('button[aria-label="Open db"]').trigger('click');
    expect(useMachinesStore().selected?.name).toBe('db');
    expect(useViewStore().current).toBe('machines');
  });
});
