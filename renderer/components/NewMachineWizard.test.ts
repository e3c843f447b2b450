// Tests for the New Machine wizard: live validation, disabled Create, server errors on fields, and selection after create.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { VSelect } from 'vuetify/components';
import NewMachineWizard from './NewMachineWizard.vue';
import { AppError } from '../../shared/errors.ts';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, inputByLabel, messagesUnder, typeInto } from '../test/dom.ts';

let backend: FakeBackend;

async function openWizard() {
  const machines = useMachinesStore();
  await machines.load();
  const wrapper = mountWithApp(NewMachineWizard, { props: { modelValue: true } });
  await flushPromises();
  return { wrapper, machines };
}

const create = () => buttonByName('Create');

beforeEach(() => {
  backend = setupStores([makeMachine({ name: 'web-01' })]);
});

describe('NewMachineWizard', () => {
  it('opens as a dialog titled New Machine with the fields prefilled from the first OS type', async () => {
    await openWizard();
    const dialog = document.querySelector('[role="dialog"]');
    expect(dialog?.textContent).toContain('New Machine');
    expect(dialog?.getAttribute('aria-labelledby')).toBe('new-machine-title');
    expect(inputByLabel('Name').value).toBe('');
    expect(inputByLabel('vCPUs').value).toBe('2');
    expect(inputByLabel('Memory (MiB)').value).toBe('2048');
    expect(inputByLabel('Disk size (GiB)').value).toBe('25');
    expect(create().disabled).toBe(true);
    expect(messagesUnder('Name')).toEqual([]);
  });

  it('shows schema messages under the fields as the user types and keeps Create disabled', async () => {
    await openWizard();
    typeInto(inputByLabel('Name'), 'x');
    typeInto(inputByLabel('Name'), '   ');
    typeInto(inputByLabel('vCPUs'), '0');
    typeInto(inputByLabel('Memory (MiB)'), '');
    typeInto(inputByLabel('Disk size (GiB)'), '2.5');
    await nextTick();
    expect(messagesUnder('Name')).toEqual(['Enter a name for the machine']);
    expect(messagesUnder('vCPUs')).toEqual(['vCPUs must be at least 1']);
    expect(messagesUnder('Memory (MiB)')).toEqual(['Memory must be a number']);
    expect(messagesUnder('Disk size (GiB)')).toEqual(['Disk size must be a whole number']);
    expect(create().disabled).toBe(true);
  });

  it('refuses a name already in use and creates nothing, even on Enter', async () => {
    await openWizard();
    typeInto(inputByLabel('Name'), 'WEB-01');
    await nextTick();
    expect(messagesUnder('Name')).toEqual(['A machine named "WEB-01" already exists']);
    expect(create().disabled).toBe(true);
    inputByLabel('Name').closest('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await flushPromises();
    expect(backend.callsOf('createMachine')).toEqual([]);
  });

  it('fills the recommended sizes when an OS type is chosen', async () => {
    const { wrapper } = await openWizard();
    wrapper.findComponent(VSelect).vm.$emit('update:modelValue', 'alpine64');
    await nextTick();
    expect(inputByLabel('vCPUs').value).toBe('1');
    expect(inputByLabel('Memory (MiB)').value).toBe('256');
    expect(inputByLabel('Disk size (GiB)').value).toBe('2');
  });

  it('creates the machine, selects it and closes', async () => {
    const { wrapper, machines } = await openWizard();
    typeInto(inputByLabel('Name'), '  db-01 ');
    await nextTick();
    expect(create().disabled).toBe(false);
    create().click();
    await flushPromises();
    expect(backend.callsOf('createMachine')).toEqual([{ name: 'db-01', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25 }]);
    expect(machines.selected?.name).toBe('db-01');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });

  it('shows a server CONFLICT on the Name field and an unrelated error in an alert', async () => {
    const { wrapper } = await openWizard();
    backend.overrides.createMachine = () => {
      throw new AppError('CONFLICT', 'A machine named "db-01" already exists', 'name');
    };
    typeInto(inputByLabel('Name'), 'db-01');
    await nextTick();
    create().click();
    await flushPromises();
    expect(messagesUnder('Name')).toEqual(['A machine named "db-01" already exists']);
    expect(create().disabled).toBe(true);
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();

    backend.overrides.createMachine = () => {
      throw new AppError('INSUFFICIENT_RESOURCES', 'Host "Atlas" has only 1024 MiB of memory left');
    };
    typeInto(inputByLabel('Name'), 'db-02');
    await nextTick();
    expect(messagesUnder('Name')).toEqual([]);
    create().click();
    await flushPromises();
    expect(document.querySelector('[role="dialog"] [role="alert"]')?.textContent).toContain('has only 1024 MiB of memory left');
  });

  it('closes on Cancel without creating anything', async () => {
    const { wrapper } = await openWizard();
    typeInto(inputByLabel('Name'), 'never');
    buttonByName('Cancel').click();
    await flushPromises();
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    expect(backend.callsOf('createMachine')).toEqual([]);
  });
});
