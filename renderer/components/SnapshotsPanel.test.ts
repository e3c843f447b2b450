// Tests for the Snapshots tab: tree with the Current State marker, actions disabled by state, take/restore/delete dialogs.
import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import SnapshotsPanel from './SnapshotsPanel.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useConnectionStore } from '../stores/connectionStore.ts';
import { useMachineConfigStore } from '../stores/machineConfigStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, inputByLabel, typeInto } from '../test/dom.ts';
import type { Machine } from '../../shared/domain/machine.ts';

async function showSnapshots(state: Machine['state'], snapshots: string[] = []) {
  const machine = makeMachine({ name: 'web-01', state, memoryMiB: 2048 });
  const backend = setupStores([machine]);
  for (const name of snapshots) backend.ops.take(machine.id, { name });
  useConnectionStore().attach();
  await useMachinesStore().load();
  const config = useMachineConfigStore();
  config.attach();
  config.track(machine.id);
  const wrapper = mountWithApp(SnapshotsPanel, { props: { machine } });
  await flushPromises();
  return { backend, wrapper, machine };
}

const treeItems = () => [...document.querySelectorAll('[role="tree"] [role="treeitem"]')];
/** What a node says about itself (its description: name, when taken, memory state, space). */
const about = (item: Element | undefined) => (item ? (document.getElementById(item.getAttribute('aria-describedby') ?? '')?.textContent ?? null) : null);
const itemNamed = (prefix: string) => treeItems().find((item) => about(item)?.startsWith(prefix));
const dialog = () => [...document.querySelectorAll<HTMLElement>('[role="dialog"].v-overlay--active')].at(-1) ?? null;

describe('SnapshotsPanel', () => {
  it('shows only the Current State when there are no snapshots', async () => {
    await showSnapshots('PoweredOff');
    expect(treeItems().map((i) => about(i))).toEqual(['Current State, 0 MiB written since the last snapshot']);
    expect(document.body.textContent).toContain('No snapshots yet');
  });

  it('nests the snapshots and shows the Current State marker under the current one, with the space each uses', async () => {
    const { backend, machine } = await showSnapshots('PoweredOff', ['one', 'two', 'three']);
    expect(treeItems().map((i) => `${i.getAttribute('aria-level')}:${about(i)?.split(',')[0]}`)).toEqual(['1:one', '2:two', '3:three', '4:Current State']);
    backend.ops.restore(machine.id, backend.ops.tree(machine.id).snapshots[1]!.id);
    await flushPromises();
    // The event made the store refresh: the marker now sits beside "three", under "two".
    const two = itemNamed('two');
    expect([...two!.querySelectorAll(':scope > [role="group"] > [role="treeitem"]')].map((i) => about(i)?.split(',')[0])).toEqual(['three', 'Current State']);
    expect(about(itemNamed('one'))).toMatch(/uses \d+ (MiB|GiB)/);
  });

  it('disables Restore and Delete Snapshot until a snapshot is selected, and Restore while the machine runs', async () => {
    await showSnapshots('Running', ['one']);
    expect(buttonByName('Take Snapshot').disabled).toBe(false);
    expect(buttonByName('Restore').disabled).toBe(true);
    expect(buttonByName('Delete Snapshot').disabled).toBe(true);
    (itemNamed('one') as HTMLElement).click();
    await nextTick();
    expect(itemNamed('one')?.getAttribute('aria-selected')).toBe('true');
    expect(buttonByName('Restore').disabled).toBe(true);
    expect(buttonByName('Delete Snapshot').disabled).toBe(false);
  });

  it('disables Take Snapshot while the machine is starting', async () => {
    await showSnapshots('Starting');
    expect(buttonByName('Take Snapshot').disabled).toBe(true);
  });

  it('takes a snapshot with memory state from the dialog', async () => {
    const { backend } = await showSnapshots('Running');
    buttonByName('Take Snapshot').click();
    await flushPromises();
    expect(dialog()?.textContent).toContain('Take Snapshot');
    typeInto(inputByLabel('Snapshot name'), 'before upgrade');
    const memory = inputByLabel('Save memory state');
    expect(memory.disabled).toBe(false);
    memory.click();
    await nextTick();
    buttonByName('Take Snapshot', dialog()!).click();
    await flushPromises();
    expect(backend.callsOf('takeSnapshot')).toEqual([{ id: expect.any(String), spec: { name: 'before upgrade', description: '', withMemory: true } }]);
    expect(about(itemNamed('before upgrade'))).toContain('with memory state');
  });

  it('offers no memory state for a powered-off machine', async () => {
    await showSnapshots('PoweredOff');
    buttonByName('Take Snapshot').click();
    await flushPromises();
    expect(inputByLabel('Save memory state').disabled).toBe(true);
  });

  it('asks before restoring and before deleting, naming the space reclaimed', async () => {
    const { backend } = await showSnapshots('PoweredOff', ['one', 'two']);
    (itemNamed('one') as HTMLElement).click();
    await nextTick();
    buttonByName('Restore').click();
    await flushPromises();
    expect(dialog()?.textContent).toContain('Restore snapshot?');
    buttonByName('Restore', dialog()!).click();
    await flushPromises();
    expect(backend.callsOf('restoreSnapshot')).toHaveLength(1);
    expect(itemNamed('one')?.querySelector('[role="group"]')?.textContent).toContain('Current State');

    // "one" now has two children ("two" and the Current State): the engine refuses, and the dialog says so.
    (itemNamed('one') as HTMLElement).click();
    await nextTick();
    buttonByName('Delete Snapshot').click();
    await flushPromises();
    expect(dialog()?.textContent).toContain('Snapshot cannot be deleted');
    expect(dialog()?.textContent).toContain('2 children build on its disk ("two", the Current State)');
    expect(() => buttonByName('Delete', dialog()!)).toThrow();
    buttonByName('Close', dialog()!).click();
    await flushPromises();

    (itemNamed('two') as HTMLElement).click();
    await nextTick();
    buttonByName('Delete Snapshot').click();
    await flushPromises();
    expect(dialog()?.textContent).toContain('Delete snapshot?');
    // "two" has nothing under it any more (the Current State moved under "one"): its disk is discarded, no merge is claimed.
    expect(dialog()?.textContent).toMatch(/nothing is merged: its differencing disk (— the \d+ (MiB|GiB) written after snapshot "one" — is discarded|is discarded \(it is empty: nothing was written after snapshot "one"\))/);
    expect(dialog()?.textContent).not.toContain('merged into');
    buttonByName('Delete', dialog()!).click();
    await flushPromises();
    expect(backend.callsOf('deleteSnapshot')).toHaveLength(1);
    expect(itemNamed('two')).toBeUndefined();
  });

  it('moves the selection with the arrow keys', async () => {
    await showSnapshots('PoweredOff', ['one']);
    const tree = document.querySelector('[role="tree"]')!;
    tree.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    await flushPromises();
    expect(itemNamed('one')?.getAttribute('aria-selected')).toBe('true');
    tree.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await flushPromises();
    expect(itemNamed('Current State')?.getAttribute('aria-selected')).toBe('true');
  });
});
