// Tests for the host activity panel: one labelled cell per core, overcommit ratio, storage and busiest guests.
import { describe, expect, it } from 'vitest';
import HostActivityPanel from './HostActivityPanel.vue';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import type { HostActivity } from '../../shared/domain/telemetry.ts';

const activity: HostActivity = {
  hostId: 'host-1',
  simTimeMs: 5000,
  coreUtilisation: [0.25, 1, 0, 0.504],
  cpuUtilisation: 0.44,
  memory: { physicalMiB: 8192, committedMiB: 12288, usedMiB: 6000, overcommitRatio: 1.5 },
  storage: { capacityGiB: 100, usedGiB: 42.25 },
  topGuests: [{ machineId: 'm1', name: 'db-01', cpuPct: 97.4, cpuCores: 1.9, memoryUsedMiB: 3000.4 }],
};

describe('HostActivityPanel', () => {
  it('shows every core, memory committed against physical, storage and the busiest guests', () => {
    setupStores();
    const wrapper = mountWithApp(HostActivityPanel, { props: { activity, hostName: 'Atlas' } });
    const cores = wrapper.findAll('[aria-label="Core utilisation of Atlas"] li').map((li) => li.attributes('aria-label'));
    expect(cores).toEqual(['Core 0: 25 %', 'Core 1: 100 %', 'Core 2: 0 %', 'Core 3: 50 %']);
    expect(wrapper.text()).toContain('44 % overall');
    const memory = wrapper.get('[aria-label="Memory of Atlas"]').text();
    expect(memory).toContain('overcommit 1.5 : 1');
    expect(memory).toContain('6000 MiB used · 12288 MiB committed of 8192 MiB');
    expect(wrapper.get('[aria-label="Storage of Atlas"]').text()).toContain('42.3 GiB used of 100 GiB');
    expect(wrapper.get('[aria-label="Busiest guests on Atlas"]').text()).toBe('db-011.90 cores · 3000 MiB');
  });
});
