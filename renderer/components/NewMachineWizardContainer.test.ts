// The New Machine wizard on a container platform: an image instead of an OS type and disk, published ports and a
// restart policy, and the container part of the spec sent to create it.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { VSelect } from 'vuetify/components';
import NewMachineWizard from './NewMachineWizard.vue';
import { useCatalogStore } from '../stores/catalogStore.ts';
import { useMachinesStore } from '../stores/machinesStore.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, inputByLabel, messagesUnder, typeInto } from '../test/dom.ts';

let backend: FakeBackend;

beforeEach(() => {
  backend = setupStores();
});

async function openOnContainers() {
  await Promise.all([useMachinesStore().load(), useCatalogStore().load()]);
  const wrapper = mountWithApp(NewMachineWizard, { props: { modelValue: true } });
  await flushPromises();
  const select = (label: string) => wrapper.findAllComponents(VSelect).find((c) => c.props('label') === label);
  const choose = async (label: string, value: string) => {
    select(label)!.vm.$emit('update:modelValue', value);
    await nextTick();
    await flushPromises();
  };
  await choose('Host', 'host-5');
  await choose('Platform', 'ws-lxc');
  return { wrapper, select, choose };
}

describe('NewMachineWizard for a container', () => {
  it('asks for an image, ports and a restart policy instead of an OS type and a disk', async () => {
    const { select } = await openOnContainers();
    expect(select('OS type')).toBeUndefined();
    expect(select('Image')?.props('items')).toEqual([
      expect.objectContaining({ value: 'alpine:3.20' }),
      expect.objectContaining({ value: 'nginx:1.27', subtitle: '189 MiB · nginx 1.27 web server on Debian 12 slim' }),
      expect.objectContaining({ value: 'nginx:1.25' }),
    ]);
    expect(() => inputByLabel('Disk size (GiB)')).toThrow();
    expect(inputByLabel('Memory limit (MiB)').value).toBe('256');
    expect(inputByLabel('CPUs').value).toBe('1');
  });

  it('creates the container with the image\'s userland and the container settings', async () => {
    const { choose } = await openOnContainers();
    await choose('Image', 'nginx:1.27');
    await choose('Restart policy', 'on-failure');
    typeInto(inputByLabel('Name'), 'proxy');
    typeInto(inputByLabel('Published ports'), '8080:80');
    await nextTick();
    buttonByName('Create').click();
    await flushPromises();
    expect(backend.callsOf('createMachine')).toEqual([
      { name: 'proxy', osType: 'debian64', vcpus: 1, memoryMiB: 256, diskGiB: 1, hostId: 'host-5', platformId: 'ws-lxc', workload: 'web', container: { image: 'nginx:1.27', ports: [{ host: 8080, container: 80 }], restartPolicy: 'on-failure' } },
    ]);
  });

  it('explains a malformed port under the field and keeps Create disabled', async () => {
    await openOnContainers();
    typeInto(inputByLabel('Name'), 'proxy');
    typeInto(inputByLabel('Published ports'), '80 to 8080');
    inputByLabel('Published ports').dispatchEvent(new Event('blur'));
    await nextTick();
    expect(messagesUnder('Published ports')).toEqual(['"80 to 8080" is not host:container, e.g. 8080:80']);
    expect(buttonByName('Create').disabled).toBe(true);
  });
});
