// Tests for the File menu: its entries, what each opens, the Ctrl+I / Ctrl+E shortcuts, and staying quiet under a dialog.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import FileMenu from './FileMenu.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useConnectionStore } from '../stores/connectionStore.ts';
import { useApplianceDialogsStore } from '../stores/applianceDialogsStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, pressKey } from '../test/dom.ts';

async function mountMenu(dialogOpen = false, machines = [makeMachine({ name: 'web-01' })]) {
  setupStores(machines);
  useConnectionStore().attach();
  await useMachinesStore().load();
  const wrapper = mountWithApp(FileMenu, { props: { dialogOpen } });
  await flushPromises();
  return wrapper;
}

const menuItems = () => [...document.querySelectorAll<HTMLElement>('[role="menu"][aria-label="File"] [role="menuitem"]')];
const itemTitled = (title: string) => menuItems().find((i) => i.textContent?.includes(title));

describe('FileMenu', () => {
  beforeEach(() => {
    setupStores();
  });

  it('lists New Machine, Import, Export, the Network and Media Managers and Library with their shortcuts', async () => {
    await mountMenu();
    buttonByName('File').click();
    await flushPromises();
    expect(menuItems().map((i) => [i.querySelector('.v-list-item-title')?.textContent, i.querySelector('kbd')?.textContent ?? null])).toEqual([
      ['New Machine…', 'Ctrl+N'],
      ['Import Appliance…', 'Ctrl+I'],
      ['Export Appliance…', 'Ctrl+E'],
      ['Network Manager…', null],
      ['Media Manager…', null],
      ['Library…', null],
    ]);
    expect(itemTitled('Import Appliance')?.getAttribute('aria-keyshortcuts')).toBe('Control+I');
  });

  it.each(['Export Appliance', 'Import Appliance', 'Library'] as const)('opens the %s dialog', async (title) => {
    await mountMenu();
    buttonByName('File').click();
    await flushPromises();
    itemTitled(title)?.click();
    await flushPromises();
    const dialogs = useApplianceDialogsStore();
    const opened = { 'Export Appliance': dialogs.exportOpen, 'Import Appliance': dialogs.importOpen, Library: dialogs.libraryOpen };
    expect(Object.entries(opened).filter(([, open]) => open)).toEqual([[title, true]]);
  });

  it('asks its parent for the New Machine wizard', async () => {
    const wrapper = await mountMenu();
    buttonByName('File').click();
    await flushPromises();
    itemTitled('New Machine')?.click();
    expect(wrapper.emitted('new')).toHaveLength(1);
  });

  it('answers Ctrl+I and Ctrl+E, but not while another dialog is open', async () => {
    await mountMenu(true);
    const dialogs = useApplianceDialogsStore();
    pressKey('i', { ctrlKey: true });
    pressKey('e', { ctrlKey: true });
    expect(dialogs.importOpen || dialogs.exportOpen).toBe(false);
    await mountMenu(false);
    const fresh = useApplianceDialogsStore();
    pressKey('i', { ctrlKey: true });
    expect(fresh.importOpen).toBe(true);
    pressKey('e', { ctrlKey: true });
    expect(fresh.exportOpen).toBe(true);
  });

  it('disables Export while there is nothing to export', async () => {
    await mountMenu(false, []);
    buttonByName('File').click();
    await flushPromises();
    expect(itemTitled('Export Appliance')?.classList.contains('v-list-item--disabled')).toBe(true);
    pressKey('e', { ctrlKey: true });
    expect(useApplianceDialogsStore().exportOpen).toBe(false);
  });
});
