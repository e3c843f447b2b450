// Tests for the Migrate wizard: targets with verdicts and estimates, starting, the rounds and result as events arrive.
import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { MigrationCandidate } from '../../shared/domain/datacenter.ts';
import MigrateWizard from './MigrateWizard.vue';
import { makeMachine } from '../test/fakeApi.ts';
import { fakeMigration } from '../test/fakeDatacenter.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { useDatacenterStore } from '../stores/datacenterStore.ts';
import { useMachinesStore } from '../stores/machinesStore.ts';

const zones = { vcpus: { green: 8, amber: 8 }, memoryMiB: { green: 30_000, amber: 30_000 } };

function candidate(hostId: string, hostName: string, refused?: string): MigrationCandidate {
  return {
    hostId,
    hostName,
    platformId: `esx-${hostId}`,
    platformName: `${hostName} ESX`,
    power: refused ? 'maintenance' : 'on',
    verdict: refused
      ? { verdict: 'refused', reasons: [{ severity: 'refused', code: 'INVALID_STATE', field: 'platform', message: refused }], wouldFree: [], chain: [], zones }
      : { verdict: 'ok', reasons: [], wouldFree: [], chain: [], zones },
    estimate: { method: 'precopy', storageMiB: 0, storageMs: 0, totalMs: 1784, downtimeMs: 21, rounds: 2, converges: true, bandwidthMiBs: 1192, dirtyMiBs: 33, notes: ['Disks stay on shared storage: only memory moves'] },
  };
}

async function openWizard(targetHostId: string | null = null) {
  const machine = makeMachine({ name: 'web-01', state: 'Running', hostId: 'rack-01', platformId: 'esx-rack-01' });
  const backend = setupStores([machine]);
  backend.datacenter.plan = {
    machineId: machine.id,
    machineName: 'web-01',
    fromHostId: 'rack-01',
    method: 'precopy',
    candidates: [candidate('rack-02', 'Rack 02'), candidate('rack-03', 'Rack 03'), candidate('rack-04', 'Rack 04', 'Host "Rack 04" is in maintenance mode: it accepts no new guests until it leaves maintenance')],
  };
  await useMachinesStore().load();
  useDatacenterStore().attach();
  const wrapper = mountWithApp(MigrateWizard, { props: { modelValue: true, machine, targetHostId } });
  await flushPromises();
  return { backend, machine, wrapper };
}

describe('MigrateWizard', () => {
  it('lists every target with its predicted time and downtime, and why a refused one cannot take it', async () => {
    await openWizard();
    const dialog = document.querySelector('[role="dialog"]')!;
    expect(dialog.textContent).toContain('Migrate “web-01”');
    expect(dialog.textContent).toContain('Live migration (pre-copy)');
    const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.getAttribute('aria-label'))).toEqual(['Rack 02, Rack 02 ESX', 'Rack 03, Rack 03 ESX', 'Rack 04, Rack 04 ESX']);
    expect(radios.map((r) => r.disabled)).toEqual([false, false, true]);
    expect(radios[0]!.checked).toBe(true);
    expect(dialog.textContent).toContain('≈ 1.78 s in all · 21 ms downtime · 2 rounds');
    expect(dialog.textContent).toContain('in maintenance mode: it accepts no new guests');
  });

  it('preselects the host a machine was dropped on', async () => {
    await openWizard('rack-03');
    const radios = [...document.querySelectorAll<HTMLInputElement>('[role="dialog"] input[type="radio"]')];
    expect(radios[1]!.checked).toBe(true);
  });

  it('starts the migration, then shows its rounds, downtime and the address it kept as the changes arrive', async () => {
    const { backend, machine } = await openWizard();
    const migrate = [...document.querySelectorAll<HTMLButtonElement>('[role="dialog"] button')].find((b) => b.textContent?.trim() === 'Migrate')!;
    migrate.click();
    await flushPromises();
    expect(backend.callsOf('startMigration')).toEqual([{ id: machine.id, platformId: 'esx-rack-02' }]);
    const region = () => document.querySelector('[role="region"][aria-label="Migration progress"]')!;
    expect(region().textContent).toContain('Pre-copy round 1: 512 MiB of 2.0 GiB sent');
    backend.emit('datacenterChanged', { simTimeMs: 3000, clusters: [], hosts: [], migrations: [fakeMigration(machine, 'rack-02', 'done')], operations: [] });
    await flushPromises();
    expect(region().textContent).toContain('Migration done');
    expect(region().textContent).toContain('Moved in 1.78 s with 21 ms of downtime after 2 pre-copy rounds (converged)');
    const rows = [...region().querySelectorAll('table[aria-label="Pre-copy rounds"] tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim()));
    expect(rows).toEqual([
      ['1', '2.0 GiB', '54 MiB', '1.72 s'],
      ['2', '54 MiB', '1.3 MiB', '45 ms'],
      ['Stop', '1.3 MiB', '—', '21 ms (downtime)'],
    ]);
    expect(region().textContent).toContain('IP 10.0.2.15');
    expect(region().textContent).toContain('unchanged');
  });
});
