// Tests for the details pane: kind chip, nesting chain, workload and platform, overhead breakdown driven by telemetry, events.
import { describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import MachineDetails from './MachineDetails.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useCatalogStore } from '../stores/catalogStore.ts';
import { useMachineInsightStore } from '../stores/machineInsightStore.ts';
import { useMachineConfigStore } from '../stores/machineConfigStore.ts';
import { useTelemetryStore } from '../stores/telemetryStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import type { Machine } from '../../shared/domain/machine.ts';

const devBox = (state: Machine['state']): Machine =>
  makeMachine({
    name: 'dev-box',
    state,
    vcpus: 2,
    hostId: 'host-5',
    platformId: 'ws-vbox',
    kind: 'type2',
    workload: 'compile',
    chain: ['Workstation hardware (x86_64)', 'Host OS: Workstation Linux', 'Type 2: Desktop VMM (no admin)', 'dev-box'],
  });

async function showDetails(machine: Machine) {
  const backend = setupStores([machine]);
  backend.events.push({ atMs: 61_000, hostId: 'host-5', machineId: machine.id, subject: 'dev-box', kind: 'state', message: 'dev-box is Running' });
  await Promise.all([useMachinesStore().load(), useCatalogStore().load()]);
  useMachineInsightStore().attach();
  useTelemetryStore().attach();
  const wrapper = mountWithApp(MachineDetails, { props: { machine } });
  await flushPromises();
  return { backend, wrapper };
}


describe('MachineDetails', () => {
  it('shows the kind, platform, workload and the nesting chain from hardware to the machine', async () => {
    const { wrapper } = await showDetails(devBox('PoweredOff'));
    expect(wrapper.find('.machine-details__kind').text()).toBe('Type 2 (application VMM)');
    const text = wrapper.text();
    expect(text).toContain('Desktop VMM (no admin)');
    expect(text).toContain('Compile');
    expect(text).toContain('Workstation');
    expect(wrapper.findAll('ol[aria-label="Nesting chain"] li').map((li) => li.text())).toEqual([
      'Workstation hardware (x86_64)',
      'Host OS: Workstation Linux',
      'Type 2: Desktop VMM (no admin)',
      'dev-box',
    ]);
    expect(wrapper.find('[aria-label="Overhead breakdown"]').exists()).toBe(false);
  });

  it('lists the machine\'s lasting events newest first, refreshes them when its events are logged, and searches them', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const machine = devBox('PoweredOff');
      const { backend, wrapper } = await showDetails(machine);
      expect(backend.callsOf('queryEvents')).toEqual([{ machineId: machine.id, limit: 100 }]);
      expect(wrapper.find('ul[aria-label="Machine events"]').text()).toContain('dev-box is Running');
      backend.logEvents({ atMs: 62_000, hostId: 'host-5', machineId: machine.id, kind: 'refusal', message: 'Cannot start: 10.0.2.5 is already used' });
      backend.logEvents({ atMs: 62_500, hostId: 'host-5', machineId: 'someone-else', kind: 'state', message: 'not mine' });
      await vi.advanceTimersByTimeAsync(600);
      await flushPromises();
      expect(backend.callsOf('queryEvents')).toHaveLength(2);
      const items = wrapper.findAll('ul[aria-label="Machine events"] li').map((li) => li.text());
      expect(items[0]).toContain('00:01:02');
      expect(items[0]).toContain('already used');
      expect(wrapper.text()).toContain('2 of 2 events');
      await wrapper.find('input[type="text"]').setValue('already');
      await vi.advanceTimersByTimeAsync(200);
      await flushPromises();
      expect(backend.callsOf('queryEvents').at(-1)).toEqual({ machineId: machine.id, text: 'already', limit: 100 });
      expect(wrapper.findAll('ul[aria-label="Machine events"] li')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('breaks the CPU down by cause once per telemetry batch of this machine', async () => {
    const machine = devBox('Running');
    const { backend, wrapper } = await showDetails(machine);
    const region = () => wrapper.find('[role="region"][aria-label="Overhead breakdown"]');
    expect(region().exists()).toBe(true);
    const before = backend.callsOf('getMachineMetrics').length;

    await useTelemetryStore().sync();
    backend.emitSamples([2000]);
    await flushPromises();
    // A frame in which this machine had no sample (NaN) does not count.
    backend.emitSamples([3000], () => Number.NaN);
    await flushPromises();
    expect(backend.callsOf('getMachineMetrics').length).toBe(before + 1);

    // The fake's type 2 guest at 60 % of 2 vCPUs: 1.2 cores granted, mostly binary translation. Every percentage is of
    // the guest's 2 vCPUs, the basis the Activity chart's "VMM / overhead" line uses.
    const legend = region().findAll('[aria-label="Overhead legend"] li').map((li) => li.text());
    expect(legend).toEqual([
      'Guest work 0.61 cores (31 %)',
      'VMM 0.1 cores (4.8 %)',
      'Translation 0.36 cores (18 %)',
      'Host OS 0.08 cores (4.2 %)',
      'I/O 0.05 cores (2.4 %)',
    ]);
    expect(region().find('.overhead__summary').text()).toMatch(/overhead 0\.59 cores \(29 % of guest vCPUs\)/);
    expect(region().text()).toContain('Percentages are of guest vCPUs (2 vCPUs = 100 %)');
    expect(region().find('.overhead__bar').attributes('aria-label')).toMatch(/^CPU granted 1\.2 of 2 vCPUs: Guest work 31 %, VMM 4\.8 %, .* \(% of guest vCPUs\)$/);
    const segments = region().findAll('.overhead__segment');
    expect(segments.map((s) => s.attributes('data-cause'))).toEqual(['guestWork', 'vmm', 'translation', 'hostOs', 'io']);
    // 1.2 of 2 vCPUs granted: the bar is 60 % full, translation being 18 % of it.
    expect(segments[2]?.attributes('style')).toContain('width: 18%');
    const text = region().text();
    expect(text).toContain('Ready time');
    expect(text).toContain('3.1 % per vCPU');
    expect(text).toContain('Ballooned');
    expect(text).toContain('128 MiB');
    expect(text).toContain('Swapped');
  });

  it('shows Details, Activity and Snapshots tabs, and the disk, adapters, optical drive and clone origin from the configuration', async () => {
    const machine = devBox('PoweredOff');
    const backend = setupStores([machine]);
    await Promise.all([useMachinesStore().load(), useCatalogStore().load()]);
    useMachineConfigStore().attach();
    const clone = backend.ops.clone(machine.id, { name: 'dev-copy', mode: 'linked', macPolicy: 'generateNew', ip: { mode: 'static', address: '10.0.2.99' } }, (source, name) => {
      const { id: _id, nic: _nic, ...rest } = source;
      const copy = makeMachine({ ...rest, name });
      backend.machines.push(copy);
      return copy;
    });
    await useMachinesStore().load();
    const wrapper = mountWithApp(MachineDetails, { props: { machine: clone } });
    await flushPromises();
    expect(wrapper.findAll('[role="tab"]').map((t) => t.text())).toEqual(['Details', 'Activity', 'Snapshots']);
    const text = wrapper.text();
    expect(text).toContain('Cloned from dev-box (linked, snapshot Linked Base for dev-box and dev-copy)');
    expect(text).toContain('Dynamically allocated');
    expect(text).toContain('2 images (base + 1 differencing)');
    expect(text).toContain('Space used0 MiB');
    expect(text).toContain('NAT (NatNetwork)');
    expect(text).toContain('10.0.2.99 (static)');
    expect(text).toContain(clone.nic.mac);
    expect(text).not.toContain(machine.nic.mac);
    expect(text).toContain('Optical drive');
  });
});
