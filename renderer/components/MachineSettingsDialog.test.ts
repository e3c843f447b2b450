// Tests for the Settings dialog: fields disabled with the engine's reason, only changes sent, refusals shown, dirty prompt on close.
import { describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import MachineSettingsDialog from './MachineSettingsDialog.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, inputByLabel, messagesUnder, pressKey, typeInto } from '../test/dom.ts';
import type { Machine } from '../../shared/domain/machine.ts';

async function openSettings(state: Machine['state'], others: Machine[] = []) {
  const machine = makeMachine({ name: 'web-01', state, memoryMiB: 2048, vcpus: 2 });
  const backend = setupStores([machine, ...others]);
  const machines = useMachinesStore();
  await machines.load();
  const wrapper = mountWithApp(MachineSettingsDialog, { props: { modelValue: true, machine } });
  await flushPromises();
  return { backend, wrapper, machine, machines };
}

const dialogs = () => [...document.querySelectorAll<HTMLElement>('[role="dialog"].v-overlay--active')];
const settingsDialog = () => dialogs()[0]!;
async function showTab(name: string): Promise<void> {
  const tab = [...settingsDialog().querySelectorAll<HTMLElement>('[role="tab"]')].find((t) => t.textContent?.trim() === name);
  tab!.click();
  await flushPromises();
}
/** Waits for a state the engine's debounced check brings; the long limit only stops a hung test on a busy machine. */
const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 60_000, interval: 20 });
const hintUnder = (label: string) => [...(inputByLabel(label).closest('.v-input')?.querySelectorAll('.v-messages__message') ?? [])].map((m) => m.textContent?.trim());

describe('MachineSettingsDialog', () => {
  it('shows the five sections and lets everything change on a powered-off machine', async () => {
    await openSettings('PoweredOff');
    expect(settingsDialog().textContent).toContain('Settings');
    expect([...settingsDialog().querySelectorAll('[role="tab"]')].map((t) => t.textContent?.trim())).toEqual(['General', 'System', 'Storage', 'Network', 'Optical drive']);
    expect(inputByLabel('Name').value).toBe('web-01');
    await showTab('System');
    expect(inputByLabel('Memory (MiB)').disabled).toBe(false);
    expect(buttonByName('Save', settingsDialog()).disabled).toBe(true);
  });

  it('disables what cannot change while running and shows the engine reason as the hint', async () => {
    const { backend } = await openSettings('Running');
    expect(backend.callsOf('getSettingsRules')).toHaveLength(1);
    await showTab('System');
    expect(inputByLabel('Memory (MiB)').disabled).toBe(true);
    expect(hintUnder('Memory (MiB)')).toEqual(['Power off "web-01" to change memory']);
    await showTab('General');
    expect(inputByLabel('Name').disabled).toBe(false);
  });

  it('sends only the changed fields and closes', async () => {
    const { backend, wrapper, machines, machine } = await openSettings('PoweredOff');
    typeInto(inputByLabel('Name'), 'web-01-renamed');
    await showTab('System');
    typeInto(inputByLabel('Memory (MiB)'), '4096');
    await nextTick();
    buttonByName('Save', settingsDialog()).click();
    await flushPromises();
    expect(backend.callsOf('updateSettings')).toEqual([{ id: machine.id, patch: { name: 'web-01-renamed', memoryMiB: 4096 } }]);
    expect(machines.byId(machine.id)?.memoryMiB).toBe(4096);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });

  it('validates with the contract schema and refuses shrinking the disk', async () => {
    await openSettings('PoweredOff');
    await showTab('Storage');
    typeInto(inputByLabel('Disk size (GiB)'), '10');
    await nextTick();
    expect(messagesUnder('Disk size (GiB)')).toEqual(['Disks only grow: it must stay at least 20 GiB']);
    expect(buttonByName('Save', settingsDialog()).disabled).toBe(true);
  });

  it('shows what the engine refuses while typing, under the field, with Save disabled until it is fixed', async () => {
    const { backend, machine } = await openSettings('PoweredOff');
    await showTab('System');
    typeInto(inputByLabel('Memory (MiB)'), '999999');
    await until(() => expect(messagesUnder('Memory (MiB)')).toEqual(['999999 MiB is more than the 63488 MiB Atlas ESX has for guests']));
    expect(buttonByName('Save', settingsDialog()).disabled).toBe(true);
    expect(backend.callsOf('checkSettings').at(-1)).toEqual({ id: machine.id, patch: { memoryMiB: 999999 } });
    typeInto(inputByLabel('Memory (MiB)'), '8192');
    await until(() => expect(backend.callsOf('checkSettings').at(-1)).toEqual({ id: machine.id, patch: { memoryMiB: 8192 } }));
    await flushPromises();
    expect(messagesUnder('Memory (MiB)')).toEqual([]);
    expect(buttonByName('Save', settingsDialog()).disabled).toBe(false);
    expect(backend.callsOf('updateSettings')).toEqual([]);
  });

  it('shows a static IP conflict naming the holder while typing and changes nothing', async () => {
    const holder = makeMachine({ name: 'db-01', state: 'Running' });
    const { backend, wrapper, machine } = await openSettings('PoweredOff', [holder]);
    const holderIp = backend.ops.config(holder.id).nics[0]!.ip;
    await showTab('Network');
    inputByLabel('Static').click();
    await nextTick();
    typeInto(inputByLabel('Static IP address'), holderIp);
    const message = `${holderIp} is already used by running machine "db-01"`;
    await until(() => expect(messagesUnder('Static IP address')).toEqual([message]));
    expect(buttonByName('Save', settingsDialog()).disabled).toBe(true);
    expect(backend.ops.config(machine.id).nics[0]?.ipMode).toBe('dhcp');
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
  });

  it('asks before discarding unsaved changes on Escape or Cancel', async () => {
    const { wrapper } = await openSettings('PoweredOff');
    buttonByName('Cancel', settingsDialog()).click();
    await flushPromises();
    // Nothing changed yet: Cancel closes straight away.
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    await wrapper.setProps({ modelValue: false });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
    typeInto(inputByLabel('Name'), 'changed');
    await nextTick();
    const before = wrapper.emitted('update:modelValue')?.length;
    pressKey('Escape', {}, settingsDialog());
    await flushPromises();
    expect(wrapper.emitted('update:modelValue')?.length).toBe(before);
    const prompt = dialogs().at(-1)!;
    expect(prompt.textContent).toContain('Discard changes?');
    buttonByName('Discard', prompt).click();
    await flushPromises();
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });
});
