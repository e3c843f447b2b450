// The details tab shows what a machine is: virtual hardware for a VM, image, layers, cgroups, namespaces and the bridge
// for a container (no disk controller, drive or NICs), and no Snapshots tab where there is no virtual disk.
import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import MachineDetails from './MachineDetails.vue';
import { useCatalogStore } from '../stores/catalogStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';

async function details(machine: ReturnType<typeof makeMachine>) {
  setupStores([machine]);
  await useCatalogStore().load();
  const wrapper = mountWithApp(MachineDetails, { props: { machine } });
  await flushPromises();
  return wrapper;
}

describe('machine details by kind', () => {
  it('shows a container\'s image, layers, limits, namespaces and network instead of hardware', async () => {
    const wrapper = await details(makeMachine({ name: 'proxy', kind: 'containers', platformId: 'ws-lxc', hostId: 'host-5', state: 'Running', memoryMiB: 256 }));
    const text = wrapper.text();
    for (const part of ['Image', 'nginx:1.27', 'sha256:8a1e25ce7c4f', 'shared with 2 other containers', 'Limits (cgroups)', 'memory.max', '4096 (pids.max); 11 in use', 'Namespaces', 'virtlab0 (10.88.4.0/24, gateway 10.88.4.1)', '0.0.0.0:8080 → 10.88.4.2:80', 'OOMKilled', 'MODE=demo']) {
      expect(text).toContain(part);
    }
    for (const absent of ['SATA', 'Optical drive', 'MAC address', 'Base memory']) expect(text).not.toContain(absent);
    expect(wrapper.findAll('[role="tab"]').map((t) => t.text())).toEqual(['Details', 'Activity']);
  });

  it('keeps virtual hardware and snapshots for a virtual machine', async () => {
    const wrapper = await details(makeMachine({ name: 'vm' }));
    expect(wrapper.text()).toContain('SATA');
    expect(wrapper.findAll('[role="tab"]').map((t) => t.text())).toEqual(['Details', 'Activity', 'Snapshots']);
  });
});
