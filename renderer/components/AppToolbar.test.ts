// Tests that toolbar buttons follow the selected machine's state, call the API, and answer their shortcuts.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import AppToolbar from './AppToolbar.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useConnectionStore } from '../stores/connectionStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, pressKey } from '../test/dom.ts';
import type { MachineState } from '../../shared/domain/machineState.ts';

const names = ['New', 'Start', 'Pause', 'Resume', 'Stop', 'Delete', 'Clone', 'Settings'] as const;
let backend: FakeBackend;
const machine = makeMachine({ name: 'web-01' });

function enabledButtons(): string[] {
  return names.filter((name) => !buttonByName(name).disabled);
}

async function mountWithState(state: MachineState | null) {
  backend = setupStores(state === null ? [] : [{ ...structuredClone(machine), state }]);
  const machines = useMachinesStore();
  useConnectionStore().attach();
  await machines.load();
  const wrapper = mountWithApp(AppToolbar);
  await nextTick();
  return { wrapper, machines };
}

describe('AppToolbar', () => {
  beforeEach(() => {
    backend = setupStores();
  });

  it('labels every button with its visible text', async () => {
    await mountWithState(null);
    for (const name of names) {
      const button = buttonByName(name);
      expect(button.getAttribute('aria-label')).toBe(name);
      expect(button.textContent?.trim()).toBe(name);
    }
  });

  it.each<[MachineState | null, string[]]>([
    [null, ['New']],
    ['PoweredOff', ['New', 'Start', 'Delete', 'Clone', 'Settings']],
    ['Starting', ['New', 'Stop', 'Settings']],
    ['Running', ['New', 'Pause', 'Stop', 'Clone', 'Settings']],
    ['Paused', ['New', 'Resume', 'Stop', 'Clone', 'Settings']],
    ['Stopping', ['New', 'Settings']],
  ])('with the selection %s enables %j', async (state, expected) => {
    await mountWithState(state);
    expect(enabledButtons()).toEqual(expected);
  });

  it('disables everything while the backend is unreachable', async () => {
    await mountWithState('Running');
    backend.setConnectionState('closed');
    await nextTick();
    expect(enabledButtons()).toEqual([]);
    backend.setConnectionState('open');
    await nextTick();
    expect(enabledButtons()).toEqual(['New', 'Pause', 'Stop', 'Clone', 'Settings']);
  });

  it('starts the selected machine and follows its new state', async () => {
    const { machines } = await mountWithState('PoweredOff');
    buttonByName('Start').click();
    await flushPromises();
    expect(backend.callsOf('startMachine')).toEqual([{ id: machine.id }]);
    expect(machines.selected?.state).toBe('Starting');
    expect(enabledButtons()).toEqual(['New', 'Stop', 'Settings']);
  });

  it('emits new and delete for the dialogs the app owns', async () => {
    const { wrapper } = await mountWithState('PoweredOff');
    buttonByName('New').click();
    buttonByName('Delete').click();
    expect(wrapper.emitted('new')).toHaveLength(1);
    expect(wrapper.emitted('delete')).toHaveLength(1);
  });

  it('answers Ctrl+N and Delete, but not while a dialog is open or for a disabled action', async () => {
    const { wrapper } = await mountWithState('Running');
    const ctrlN = pressKey('n', { ctrlKey: true });
    expect(ctrlN.defaultPrevented).toBe(true);
    expect(wrapper.emitted('new')).toHaveLength(1);
    pressKey('Delete');
    expect(wrapper.emitted('delete')).toBeUndefined();
    await wrapper.setProps({ dialogOpen: true });
    pressKey('n', { ctrlKey: true });
    expect(wrapper.emitted('new')).toHaveLength(1);
  });

  it('moves focus between enabled buttons with the arrow keys', async () => {
    await mountWithState('Running');
    const toolbar = document.querySelector('[role="toolbar"]');
    buttonByName('New').focus();
    pressKey('ArrowRight', {}, document.activeElement ?? window);
    expect(document.activeElement).toBe(buttonByName('Pause'));
    pressKey('ArrowRight', {}, document.activeElement ?? window);
    expect(document.activeElement).toBe(buttonByName('Stop'));
    pressKey('ArrowRight', {}, document.activeElement ?? window);
    // The Power menu (Save State, Power Off, Reset) sits beside Stop.
    expect(document.activeElement).toBe(buttonByName('Power'));
    pressKey('ArrowRight', {}, document.activeElement ?? window);
    expect(document.activeElement).toBe(buttonByName('Clone'));
    pressKey('ArrowRight', {}, document.activeElement ?? window);
    expect(document.activeElement).toBe(buttonByName('Settings'));
    // Wraps round to the File menu, the toolbar's first button.
    pressKey('ArrowRight', {}, document.activeElement ?? window);
    expect(document.activeElement).toBe(buttonByName('File'));
    pressKey('ArrowRight', {}, document.activeElement ?? window);
    expect(document.activeElement).toBe(buttonByName('New'));
    pressKey('End', {}, document.activeElement ?? window);
    expect(document.activeElement).toBe(buttonByName('Settings'));
    expect(toolbar?.getAttribute('aria-label')).toBe('Machine actions');
  });

  it('pauses with Ctrl+P', async () => {
    await mountWithState('Running');
    pressKey('p', { ctrlKey: true });
    await flushPromises();
    expect(backend.callsOf('pauseMachine')).toEqual([{ id: machine.id }]);
  });

  it('resumes with Ctrl+Shift+P and leaves Ctrl+R to the browser (Reload)', async () => {
    await mountWithState('Paused');
    const reload = pressKey('r', { ctrlKey: true });
    await flushPromises();
    expect(backend.callsOf('resumeMachine')).toEqual([]);
    expect(reload.defaultPrevented).toBe(false);
    pressKey('P', { ctrlKey: true, shiftKey: true });
    await flushPromises();
    expect(backend.callsOf('resumeMachine')).toEqual([{ id: machine.id }]);
  });
});
