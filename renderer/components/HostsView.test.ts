// Tests for the Hosts view: every host with its platforms, dedicated vs shared, and overcommit ratios.
import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import HostsView from './HostsView.vue';
import { useCatalogStore } from '../stores/catalogStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';

async function showHosts() {
  // 40 vCPUs on Atlas ESX's 16 cores, 50,790 of its 63,488 MiB: 2.5 : 1 and 0.8 : 1.
  const backend = setupStores([
    makeMachine({ name: 'a', vcpus: 16, memoryMiB: 25395, state: 'Running' }),
    makeMachine({ name: 'b', vcpus: 24, memoryMiB: 25395 }),
    makeMachine({ name: 'lpar-a', vcpus: 14, memoryMiB: 8192, hostId: 'host-2', platformId: 'lpar-fw', kind: 'type0', state: 'Running' }),
  ]);
  await useCatalogStore().load();
  const wrapper = mountWithApp(HostsView);
  await flushPromises();
  return { backend, wrapper };
}

const rowOf = (wrapper: Awaited<ReturnType<typeof showHosts>>['wrapper'], platform: string) =>
  wrapper.findAll('tbody tr').find((row) => row.find('.host-card__platform-name').text() === platform);

describe('HostsView', () => {
  it('lists the five hosts with their capacity and hardware assist', async () => {
    const { wrapper } = await showHosts();
    const region = wrapper.find('[role="region"][aria-label="Hosts"]');
    expect(region.findAll('h3').map((h) => h.text())).toEqual(['Atlas', 'Mainframe', 'Hyperion', 'Xenon', 'Workstation']);
    expect(region.text()).toContain('5 hosts · 9 platforms · 3 guests');
    const atlas = region.find('article[aria-labelledby="host-heading-host-1"]');
    expect(atlas.text()).toContain('16 cores · 65536 MiB · 2048 GiB storage');
    expect(atlas.text()).toContain('VT-x');
    expect(atlas.text()).toContain('Nested paging');
  });

  it('shows each platform with its kind, dedicated or shared resources, overcommit ratios, guests and chain', async () => {
    const { wrapper } = await showHosts();
    const esx = rowOf(wrapper, 'Atlas ESX');
    expect(esx?.text()).toContain('Type 1 (bare metal)');
    expect(esx?.text()).toContain('Shared');
    expect(esx?.text()).toContain('vCPU 2.5 : 1');
    expect(esx?.text()).toContain('memory 0.8 : 1');
    expect(esx?.find('.host-card__guests').text()).toBe('1 / 2');
    expect(esx?.find('.text-warning').text()).toBe('vCPU 2.5 : 1');
    const lpar = rowOf(wrapper, 'Mainframe partitions');
    expect(lpar?.text()).toContain('Dedicated');
    expect(lpar?.text()).toContain('15 cores');
    expect(lpar?.text()).toContain('14 vCPUs');
    const hostOs = rowOf(wrapper, 'Workstation Linux');
    expect(hostOs?.text()).toContain('Carries platforms');
    const vbox = rowOf(wrapper, 'Desktop VMM (no admin)');
    expect(vbox?.findAll('ol li').map((li) => li.text())).toEqual(['Workstation hardware (x86_64)', 'Host OS: Workstation Linux', 'Type 2: Desktop VMM (no admin)']);
  });

  it('catches up with the backend when it opens', async () => {
    const { backend } = await showHosts();
    expect(backend.callsOf('listHosts')).toHaveLength(2);
  });

  it('shows each host storage pool, used of capacity', async () => {
    const { wrapper } = await showHosts();
    const pool = wrapper.find('[role="group"][aria-label="Atlas storage"]');
    // Two 3 GiB dynamic disks on Atlas in the fake backend.
    expect(pool.text()).toContain('6 GiB used of 2048 GiB');
  });

  it("shows one CPU figure per host: the header's CPU is the live per-core panel's overall, not the host list's", async () => {
    const { wrapper } = await showHosts();
    const atlas = wrapper.find('article[aria-labelledby="host-heading-host-1"]');
    // The fake host list says 6.25 % for Atlas's one running guest; its live activity has one core half busy of 16.
    const header = atlas.findAll('.host-card__meter-label').slice(0, 2).map((label) => label.text());
    expect(header).toEqual(['CPU3.1 %', 'Memory21 %']);
    expect(atlas.find('[aria-label="Live activity of Atlas"]').text()).toContain('3.1 % overall');
    const cores = atlas.findAll('[aria-label="Core utilisation of Atlas"] li').map((li) => li.attributes('aria-label'));
    expect(cores[0]).toBe('Core 0: 50 %');
  });
});
