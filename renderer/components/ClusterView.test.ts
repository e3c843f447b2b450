// Tests for the Cluster view: host tiles with power state and watts, confirmed host actions, policies, consolidation plan.
import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import ClusterView from './ClusterView.vue';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { useDatacenterStore } from '../stores/datacenterStore.ts';
import { useMachinesStore } from '../stores/machinesStore.ts';

async function showCluster() {
  const backend = setupStores([
    makeMachine({ name: 'web-a', state: 'Running', hostId: 'rack-01', platformId: 'esx-rack-01' }),
    makeMachine({ name: 'web-b', state: 'Running', hostId: 'rack-02', platformId: 'esx-rack-02' }),
  ]);
  backend.datacenter.hosts[2]!.power = 'off';
  backend.datacenter.hosts[2]!.watts = 0;
  await useMachinesStore().load();
  useDatacenterStore().attach();
  const wrapper = mountWithApp(ClusterView);
  await flushPromises();
  return { backend, wrapper };
}

const tile = (name: string) => document.querySelector(`article[aria-label="${name}"]`)!;
const buttonIn = (root: ParentNode, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text);

describe('ClusterView', () => {
  it('shows each cluster with its hosts: power state, watts, guests; and the standalone hosts apart', async () => {
    const { wrapper } = await showCluster();
    const rack = document.querySelector('section[aria-label="Rack cluster"]')!;
    expect(rack.textContent).toContain('2 of 3 hosts on · 116 W · shared storage');
    expect([...rack.querySelectorAll('article')].map((a) => a.getAttribute('aria-label'))).toEqual(['Rack 01', 'Rack 02', 'Rack 03']);
    expect(tile('Rack 01').textContent).toContain('On');
    expect(tile('Rack 01').textContent).toContain('58 W');
    expect([...tile('Rack 01').querySelectorAll('li')].map((li) => li.textContent?.trim())).toEqual(['web-a']);
    expect(tile('Rack 03').textContent).toContain('Off');
    expect(tile('Rack 03').textContent).toContain('Dark');
    expect(document.querySelector('section[aria-label="Standalone hosts"]')?.textContent).toContain('Atlas');
    wrapper.unmount();
  });

  it('asks before failing a host, says whether HA will restart its guests, and fails it only on confirmation', async () => {
    const { backend } = await showCluster();
    (document.querySelector('button[aria-label="Actions for Rack 01"]') as HTMLButtonElement).click();
    await flushPromises();
    const fail = [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((item) => item.textContent?.includes('Fail host'))!;
    fail.click();
    await flushPromises();
    const dialog = [...document.querySelectorAll('[role="dialog"]')].find((d) => d.textContent?.includes('Fail “Rack 01”?'))!;
    expect(dialog.textContent).toContain('its running guest stops at once and becomes Aborted');
    expect(dialog.textContent).toContain('HA is off, so they stay aborted until you start them again');
    expect(backend.callsOf('hostAction')).toEqual([]);
    buttonIn(dialog, 'Fail host')!.click();
    await flushPromises();
    expect(backend.callsOf('hostAction')).toEqual([{ hostId: 'rack-01', action: 'fail' }]);
    expect(tile('Rack 01').textContent).toContain('Failed');
  });

  it('turns HA on for the cluster', async () => {
    const { backend } = await showCluster();
    const ha = [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((input) => input.closest('.v-input')?.textContent?.includes('HA'))!;
    ha.click();
    await flushPromises();
    expect(backend.callsOf('updateCluster')).toEqual([{ clusterId: 'cluster-rack', patch: { ha: { enabled: true } } }]);
    expect(useDatacenterStore().clusters[0]!.settings.ha.enabled).toBe(true);
  });

  it('shows the consolidation plan before running it: moves, hosts powered off, power before and after', async () => {
    const { backend } = await showCluster();
    backend.datacenter.consolidationPlan = {
      clusterId: 'cluster-rack',
      headroomPct: 20,
      percentile: 80,
      moves: [{ machineId: 'm', name: 'web-b', fromHostId: 'rack-02', toHostId: 'rack-01', toPlatformId: 'esx-rack-01', demandCores: 0.48, memoryMiB: 2048, live: true }],
      emptiedHostIds: ['rack-02'],
      pinned: [],
      before: { hostsOn: 2, watts: 110, hosts: [{ hostId: 'rack-01', name: 'Rack 01', cpuPct: 6, memoryPct: 6, watts: 55, on: true }, { hostId: 'rack-02', name: 'Rack 02', cpuPct: 6, memoryPct: 6, watts: 55, on: true }] },
      after: { hostsOn: 1, watts: 62, hosts: [{ hostId: 'rack-01', name: 'Rack 01', cpuPct: 12, memoryPct: 12, watts: 62, on: true }, { hostId: 'rack-02', name: 'Rack 02', cpuPct: 0, memoryPct: 0, watts: 0, on: false }] },
    };
    buttonIn(document, 'Consolidate…')!.click();
    await flushPromises();
    const dialog = [...document.querySelectorAll('[role="dialog"]')].find((d) => d.textContent?.includes('Consolidate Rack cluster'))!;
    expect(dialog.querySelector('[role="status"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('1 move · 1 host powered off afterwards · hosts on 2 → 1 · power 110 W → 62 W (saves 48 W)');
    expect(dialog.textContent).toContain('web-b: Rack 02 → Rack 01');
    expect(backend.callsOf('consolidateCluster')).toEqual([]);
    buttonIn(dialog, 'Consolidate')!.click();
    await flushPromises();
    expect(backend.callsOf('consolidateCluster')).toEqual([{ clusterId: 'cluster-rack', headroomPct: 20, percentile: 80 }]);
    expect(dialog.textContent).toContain('Consolidating…');
  });
});
