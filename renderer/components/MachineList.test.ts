// Tests for the machine listbox: accessible names, selection by click and keyboard, and the empty state.
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import MachineList from './MachineList.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { pressKey } from '../test/dom.ts';

async function mountList(machines = [makeMachine({ name: 'alpha' }), makeMachine({ name: 'bravo', state: 'Running' }), makeMachine({ name: 'charlie', state: 'Paused' })]) {
  setupStores(machines);
  const store = useMachinesStore();
  await store.load();
  const wrapper = mountWithApp(MachineList);
  await nextTick();
  const listbox = document.querySelector<HTMLElement>('[role="listbox"][aria-label="Machines"]');
  if (!listbox) throw new Error('no listbox');
  return { store, listbox, wrapper };
}

const options = () => [...document.querySelectorAll<HTMLElement>('[role="option"]')];
const selectedNames = () => options().filter((o) => o.getAttribute('aria-selected') === 'true').map((o) => o.getAttribute('aria-label'));

describe('MachineList', () => {
  it('names each option after the machine and its state, and shows the OS', async () => {
    await mountList();
    expect(options().map((o) => o.getAttribute('aria-label'))).toEqual(['alpha, Powered Off', 'bravo, Running', 'charlie, Paused']);
    expect(options()[0]?.textContent).toContain('Debian (64-bit)');
    expect(selectedNames()).toEqual(['alpha, Powered Off']);
  });

  it('selects an option on click', async () => {
    const { store } = await mountList();
    options()[2]?.click();
    await nextTick();
    expect(store.selected?.name).toBe('charlie');
    expect(selectedNames()).toEqual(['charlie, Paused']);
  });

  it('moves the selection with the arrow keys, Home and End', async () => {
    const { store, listbox } = await mountList();
    pressKey('ArrowDown', {}, listbox);
    await nextTick();
    expect(selectedNames()).toEqual(['bravo, Running']);
    expect(listbox.getAttribute('aria-activedescendant')).toBe(`machine-option-${store.selectedId}`);
    pressKey('ArrowDown', {}, listbox);
    pressKey('ArrowDown', {}, listbox);
    await nextTick();
    expect(selectedNames()).toEqual(['charlie, Paused']);
    pressKey('ArrowUp', {}, listbox);
    await nextTick();
    expect(selectedNames()).toEqual(['bravo, Running']);
    pressKey('Home', {}, listbox);
    await nextTick();
    expect(selectedNames()).toEqual(['alpha, Powered Off']);
    pressKey('End', {}, listbox);
    await nextTick();
    expect(selectedNames()).toEqual(['charlie, Paused']);
  });

  it('tells the user to press New when there are no machines', async () => {
    await mountList([]);
    expect(options()).toHaveLength(0);
    expect(document.body.textContent).toContain('No machines yet');
    expect(document.body.textContent).toContain('Press New in the toolbar');
  });
});
