// Desktop menu commands do what the toolbar and File menu do: store actions, dialogs, views; nothing without the backend.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { desktopShell } from '../api/desktopShell.ts';
import { pageHotkey } from '../format/shortcuts.ts';
import { useApplianceDialogsStore } from '../stores/applianceDialogsStore.ts';
import { useConnectionStore } from '../stores/connectionStore.ts';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useViewStore } from '../stores/viewStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { setupStores } from '../test/mountWithApp.ts';
import { handleMenuCommand } from './useMenuCommands.ts';

const calls: string[] = [];
const app = { newMachine: () => calls.push('new'), delete: () => calls.push('delete'), clone: () => calls.push('clone'), settings: () => calls.push('settings'), migrate: () => calls.push('migrate') };

async function online(machines = [makeMachine({ id: 'm1', name: 'web-01', state: 'Running' })]) {
  setupStores(machines);
  useConnectionStore().attach();
  await useMachinesStore().load();
  useMachinesStore().select('m1');
}

describe('menu commands', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('runs machine actions on the selected machine only when they fit its state', async () => {
    await online();
    handleMenuCommand({ id: 'resume' }, app);
    handleMenuCommand({ id: 'pause' }, app);
    await flushPromises();
    expect(useMachinesStore().selected?.state).toBe('Paused');
  });

  it('opens the dialogs App owns and the appliance wizards, handing an opened file to Import', async () => {
    await online();
    for (const id of ['newMachine', 'delete', 'clone', 'settings'] as const) handleMenuCommand({ id }, app);
    expect(calls).toEqual(['new', 'delete', 'clone', 'settings']);
    const dialogs = useApplianceDialogsStore();
    handleMenuCommand({ id: 'importAppliance', file: { name: 'lab.ova', bytes: new Uint8Array([1, 2, 3]) } }, app);
    expect(dialogs.importOpen).toBe(true);
    const file = dialogs.takePendingFile()!;
    expect([file.name, file.size]).toEqual(['lab.ova', 3]);
    handleMenuCommand({ id: 'exportAppliance' }, app);
    expect(dialogs.exportOpen).toBe(true);
  });

  it('switches views and asks the details pane for the snapshots, with Take when asked', async () => {
    await online();
    const view = useViewStore();
    handleMenuCommand({ id: 'showHosts' }, app);
    expect(view.current).toBe('hosts');
    handleMenuCommand({ id: 'takeSnapshot' }, app);
    expect(view.current).toBe('machines');
    expect(view.takeSnapshotsRequest()).toEqual({ take: true });
  });

  it('does nothing that needs the backend while it is not connected', () => {
    setupStores([]);
    handleMenuCommand({ id: 'newMachine' }, app);
    handleMenuCommand({ id: 'importAppliance' }, app);
    expect(calls).toEqual([]);
    expect(useApplianceDialogsStore().importOpen).toBe(false);
  });
});

describe('desktop shell and shortcuts', () => {
  it('is found only when the bridge has the desktop functions', () => {
    expect(desktopShell({})).toBeNull();
    expect(desktopShell({ virtlab: { on: () => undefined } })).toBeNull();
    const bridge = { onMenuCommand: () => () => undefined, saveExportFiles: async () => ({ saved: false }), openApplianceFile: async () => null };
    expect(desktopShell({ virtlab: bridge })).toBe(bridge);
  });

  it('turns shortcuts into page hotkeys', () => {
    expect(pageHotkey('Ctrl+Shift+P')).toBe('ctrl+shift+p');
    expect(pageHotkey('Del')).toBe('delete');
  });
});
