// Tests for the machine tree: names, groups, search, filters, Ctrl/Shift-click, keys, type-ahead and the empty state.
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { flushPromises } from '@vue/test-utils';
import MachineList from './MachineList.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useSelectionStore } from '../stores/selectionStore.ts';
import { useMachineListStore } from '../stores/machineListStore.ts';
import { useCatalogStore } from '../stores/catalogStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { pressKey } from '../test/dom.ts';

const trio = (): Machine[] => [makeMachine({ name: 'alpha' }), makeMachine({ name: 'bravo', state: 'Running' }), makeMachine({ name: 'charlie', state: 'Paused' })];

async function mountList(machines: Machine[] = trio()) {
  setupStores(machines);
  const store = useMachinesStore();
  await useCatalogStore().load();
  await store.load();
  const wrapper = mountWithApp(MachineList);
  await flushPromises();
  const tree = document.querySelector<HTMLElement>('[role="tree"][aria-label="Machines"]');
  return { store, tree, wrapper };
}

const items = () => [...document.querySelectorAll<HTMLElement>('[role="treeitem"]')];
/** What a row says, in short: "alpha, Powered Off" for a machine, "Group lab, 2 machines · 1 running" for a group. */
const said = (item: HTMLElement): string => {
  const text = (selector: string) => item.querySelector(selector)?.textContent?.trim() ?? '';
  return item.hasAttribute('aria-expanded') ? `Group ${text('.group-row__name').replace(/^Group /, '')}, ${text('.group-row__count')}` : `${text('.machine-row__name')}, ${text('.machine-row__state')}`;
};
const names = () => items().map(said);
const selectedNames = () => items().filter((o) => o.getAttribute('aria-selected') === 'true').map(said);
const row = (name: string) => items().find((o) => said(o).startsWith(name))!;

describe('MachineList', () => {
  it('names each machine after itself and its state, shows kind, host and OS, and selects the first', async () => {
    await mountList();
    expect(names()).toEqual(['alpha, Powered Off', 'bravo, Running', 'charlie, Paused']);
    expect(items()[0]?.textContent).toContain('Type 1');
    expect(items()[0]?.textContent).toContain('Atlas');
    expect(items()[0]?.textContent).toContain('Debian (64-bit)');
    expect(selectedNames()).toEqual(['alpha, Powered Off']);
  });

  it('selects on click, adds with Ctrl-click and takes a range with Shift-click', async () => {
    const { store } = await mountList();
    row('charlie').click();
    await nextTick();
    expect(store.selected?.name).toBe('charlie');
    expect(selectedNames()).toEqual(['charlie, Paused']);
    row('alpha').dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    await nextTick();
    expect(selectedNames()).toEqual(['alpha, Powered Off', 'charlie, Paused']);
    row('bravo').click();
    row('charlie').dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await nextTick();
    expect(selectedNames()).toEqual(['bravo, Running', 'charlie, Paused']);
    expect(useSelectionStore().count).toBe(2);
    expect(document.body.textContent).toContain('2 selected');
  });

  it('moves with the arrow keys, Home and End, extends with Shift, selects all with Ctrl+A, and finds by typing', async () => {
    const { store, tree } = await mountList();
    pressKey('ArrowDown', {}, tree!);
    await nextTick();
    expect(selectedNames()).toEqual(['bravo, Running']);
    pressKey('ArrowDown', { shiftKey: true }, tree!);
    await nextTick();
    expect(selectedNames()).toEqual(['bravo, Running', 'charlie, Paused']);
    pressKey('Home', {}, tree!);
    await nextTick();
    expect(selectedNames()).toEqual(['alpha, Powered Off']);
    pressKey('End', {}, tree!);
    await nextTick();
    expect(store.selected?.name).toBe('charlie');
    pressKey('a', { ctrlKey: true }, tree!);
    await nextTick();
    expect(selectedNames()).toHaveLength(3);
    pressKey('b', {}, tree!);
    await nextTick();
    expect(selectedNames()).toEqual(['bravo, Running']);
  });

  it('nests machines under their groups, collapses a group with a click and keeps it collapsed', async () => {
    const web = makeMachine({ name: 'web-1', group: 'lab/web' });
    const db = makeMachine({ name: 'db-1', group: 'lab', state: 'Running' });
    await mountList([web, db, makeMachine({ name: 'solo' })]);
    expect(names()).toEqual(['Group lab, 2 machines · 1 running', 'Group web, 1 machine', 'web-1, Powered Off', 'db-1, Running', 'solo, Powered Off']);
    // Each row is named by what it shows: the machine's name first, a group's with "Group" said before it.
    expect(row('web-1').textContent).toMatch(/^\s*web-1/);
    expect(row('Group lab').querySelector('.group-row__hidden')?.textContent).toBe('Group ');
    expect(items().map((i) => i.getAttribute('aria-level'))).toEqual(['1', '2', '3', '2', '1']);
    row('Group web').click();
    await nextTick();
    expect(row('Group web').getAttribute('aria-expanded')).toBe('false');
    expect(names()).not.toContain('web-1, Powered Off');
    expect([...useMachineListStore().collapsed]).toEqual(['lab/web']);
  });

  it('searches name, kind, host, IP, MAC, tag and owner as you type, and filters by state', async () => {
    const tagged = makeMachine({ name: 'kali', tags: ['security'], owner: 'ana', nic: { mac: '08:00:27:AB:CD:EF', network: 'nat', ip: '10.0.2.77' } });
    await mountList([...trio(), tagged]);
    const list = useMachineListStore();
    for (const query of ['kal', '#security', 'ANA', '10.0.2.77', '08:00:27:ab', 'abcdef']) {
      list.search = query;
      await nextTick();
      expect(names(), query).toEqual(['kali, Powered Off']);
    }
    list.search = 'atlas brav';
    await nextTick();
    expect(names()).toEqual(['bravo, Running']);
    list.search = '';
    list.toggleState('Paused');
    await nextTick();
    expect(names()).toEqual(['charlie, Paused']);
    expect(document.body.textContent).toContain('1 of 4');
  });

  it('narrows the list as the search field is typed into, and its clear button shows every machine again', async () => {
    await mountList();
    const field = document.querySelector<HTMLInputElement>('input[aria-label="Search machines"], .list-controls__search input')!;
    for (const text of ['b', 'br', 'bra']) {
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      await nextTick();
    }
    expect(names()).toEqual(['bravo, Running']);
    document.querySelector<HTMLElement>('.list-controls__search [aria-label^="Clear"]')!.click();
    await flushPromises();
    expect(field.value).toBe('');
    expect(names()).toEqual(['alpha, Powered Off', 'bravo, Running', 'charlie, Paused']);
  });

  it('tells the user to press New when there are no machines', async () => {
    await mountList([]);
    expect(items()).toHaveLength(0);
    expect(document.body.textContent).toContain('No machines yet');
    expect(document.body.textContent).toContain('Press New in the toolbar');
  });
});
