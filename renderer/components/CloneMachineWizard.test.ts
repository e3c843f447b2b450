// Tests for the Clone Machine wizard: live name validation, linked clone locking the states, server errors, selection after cloning.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import CloneMachineWizard from './CloneMachineWizard.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { AppError } from '../../shared/errors.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, inputByLabel, messagesUnder, typeInto } from '../test/dom.ts';

let backend: FakeBackend;
/** Waits for a state, however long a busy machine takes (only a hang stops it). */
const stateWait = { timeout: 5 * 60_000, interval: 20 } as const;
const source = makeMachine({ name: 'web-01' });

async function openWizard(snapshotId: string | null = null) {
  const machines = useMachinesStore();
  await machines.load();
  const wrapper = mountWithApp(CloneMachineWizard, { props: { modelValue: true, source: machines.byId(source.id)!, snapshotId } });
  await flushPromises();
  return { wrapper, machines };
}

const cloneButton = () => buttonByName('Clone', document.querySelector('[role="dialog"]')!);
const radio = (label: string) => inputByLabel(label);

beforeEach(() => {
  backend = setupStores([structuredClone(source), makeMachine({ name: 'db-01' })]);
});

describe('CloneMachineWizard', () => {
  it('opens titled Clone Machine with a free default name, full clone and new MACs', async () => {
    await openWizard();
    expect(document.querySelector('[role="dialog"]')?.textContent).toContain('Clone Machine');
    expect(inputByLabel('Name').value).toBe('web-01 Clone');
    expect(radio('Full clone').checked).toBe(true);
    expect(radio('Current machine state').checked).toBe(true);
    expect(document.body.textContent).toContain('Generate new MAC addresses for all network adapters');
    expect(cloneButton().disabled).toBe(false);
  });

  it('refuses a name already in use, live and case-insensitively', async () => {
    await openWizard();
    typeInto(inputByLabel('Name'), 'DB-01');
    await nextTick();
    expect(messagesUnder('Name')).toEqual(['A machine named "DB-01" already exists']);
    expect(cloneButton().disabled).toBe(true);
    typeInto(inputByLabel('Name'), '');
    await nextTick();
    expect(messagesUnder('Name')).toEqual(['Enter a name for the machine']);
  });

  it('locks the states to the current machine state for a linked clone and explains the automatic snapshot', async () => {
    await openWizard();
    radio('Everything').click();
    await nextTick();
    expect(radio('Everything').checked).toBe(true);
    radio('Linked clone').click();
    await nextTick();
    expect(radio('Current machine state').checked).toBe(true);
    expect(radio('Everything').disabled).toBe(true);
    expect(radio('Current snapshot tree branch').disabled).toBe(true);
    expect(document.body.textContent).toContain('one is taken automatically');
  });

  it('validates a static address and sends the chosen options, then selects the clone', async () => {
    const { wrapper, machines } = await openWizard();
    typeInto(inputByLabel('Name'), 'web-02');
    radio('Linked clone').click();
    radio('Static').click();
    await nextTick();
    typeInto(inputByLabel('Static IP address'), '10.0.2');
    await nextTick();
    expect(messagesUnder('Static IP address')).toEqual(['Enter an IPv4 address like 10.0.2.20']);
    typeInto(inputByLabel('Static IP address'), '10.0.2.77');
    // The engine is asked as the address is typed; Clone waits for its answer.
    await vi.waitFor(() => expect(cloneButton().disabled).toBe(false), stateWait);
    cloneButton().click();
    await flushPromises();
    expect(backend.callsOf('cloneMachine')).toEqual([
      { id: source.id, options: { name: 'web-02', mode: 'linked', states: 'currentState', macPolicy: 'generateNew', ip: { mode: 'static', address: '10.0.2.77' } } },
    ]);
    expect(machines.selected?.name).toBe('web-02');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });

  it('shows a server refusal on the field it names and keeps the dialog open', async () => {
    backend.overrides.cloneMachine = () => {
      throw new AppError('CONFLICT', '10.0.2.15 is already used by running machine "db-01"', 'ip.address');
    };
    const { wrapper } = await openWizard();
    radio('Static').click();
    await nextTick();
    typeInto(inputByLabel('Static IP address'), '10.0.2.15');
    await vi.waitFor(() => expect(cloneButton().disabled).toBe(false), stateWait);
    cloneButton().click();
    await flushPromises();
    expect(messagesUnder('Static IP address')).toEqual(['10.0.2.15 is already used by running machine "db-01"']);
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
    expect(useMachinesStore().total).toBe(2);
  });

  it('shows the engine\'s refusal of an address as it is typed, before anything is sent', async () => {
    backend.overrides.checkStaticIp = (input: { ip: string; networkId: string }) =>
      input.ip === '10.0.2.16' ? { ok: false, networkId: input.networkId, message: '10.0.2.16 is already used by "db-01" on NatNetwork; choose another address' } : { ok: true, ip: input.ip, networkId: input.networkId };
    await openWizard();
    radio('Static').click();
    await nextTick();
    typeInto(inputByLabel('Static IP address'), '10.0.2.16');
    await vi.waitFor(() => expect(messagesUnder('Static IP address')).toEqual(['10.0.2.16 is already used by "db-01" on NatNetwork; choose another address']), stateWait);
    expect(cloneButton().disabled).toBe(true);
    expect(backend.callsOf('checkStaticIp').at(-1)).toEqual({ networkId: 'natnet', ip: '10.0.2.16' });
    expect(backend.callsOf('cloneMachine')).toEqual([]);
  });

  it('clones from a snapshot as a full clone only', async () => {
    await openWizard('snap-9');
    expect(radio('Linked clone').disabled).toBe(true);
    cloneButton().click();
    await flushPromises();
    expect(backend.callsOf('cloneMachine')).toEqual([{ id: source.id, options: expect.objectContaining({ mode: 'full', snapshotId: 'snap-9' }) }]);
  });
});
