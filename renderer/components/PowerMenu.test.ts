// Tests for the Power menu and the ignored-shutdown dialog: entries follow state and kind, losing work is confirmed, ACPI refusals offer Power Off.
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import PowerMenu from './PowerMenu.vue';
import ShutdownIgnoredDialog from './ShutdownIgnoredDialog.vue';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useCatalogStore } from '../stores/catalogStore.ts';
import { useConnectionStore } from '../stores/connectionStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName } from '../test/dom.ts';
import { AppError } from '../../shared/errors.ts';
import type { Machine } from '../../shared/domain/machine.ts';

let backend: FakeBackend;

async function withMachine(machine: Machine) {
  backend = setupStores([machine]);
  useConnectionStore().attach();
  const machines = useMachinesStore();
  await machines.load();
  await useCatalogStore().load();
  machines.select(machine.id);
  return machines;
}

function menuItems(): { title: string; subtitle: string; disabled: boolean }[] {
  return [...document.querySelectorAll('[role="menu"] [role="menuitem"]')].map((item) => ({
    title: item.querySelector('.v-list-item-title')?.textContent?.trim() ?? '',
    subtitle: item.querySelector('.v-list-item-subtitle')?.textContent?.trim() ?? '',
    disabled: item.classList.contains('v-list-item--disabled'),
  }));
}

async function openMenu(): Promise<void> {
  buttonByName('Power').click();
  await flushPromises();
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('PowerMenu', () => {
  it('offers Save State, Power Off and Reset for a running machine, and Discard only for a Saved one', async () => {
    await withMachine(makeMachine({ name: 'web-01', state: 'Running' }));
    mountWithApp(PowerMenu);
    await openMenu();
    expect(menuItems().map((i) => [i.title, i.disabled])).toEqual([
      ['Save State', false],
      ['Power Off…', false],
      ['Reset…', false],
      ['Discard Saved State…', true],
    ]);
    expect(menuItems()[1]!.subtitle).toBe('At once: power cut without asking the guest OS');
  });

  it('asks before powering off, then powers off', async () => {
    await withMachine(makeMachine({ name: 'web-01', state: 'Running' }));
    mountWithApp(PowerMenu);
    await openMenu();
    (document.querySelectorAll('[role="menuitem"]')[1] as HTMLElement).click();
    await flushPromises();
    const dialog = document.querySelector('[role="dialog"]')!;
    expect(dialog.textContent).toContain('Power off “web-01”?');
    expect(backend.callsOf('powerOffMachine')).toEqual([]);
    buttonByName('Power Off', dialog).click();
    await flushPromises();
    expect(backend.callsOf('powerOffMachine')).toHaveLength(1);
    expect(useMachinesStore().selected?.state).toBe('PoweredOff');
  });

  it('says why a process VM cannot be saved', async () => {
    await withMachine(makeMachine({ name: 'jvm', state: 'Running', kind: 'processVm' }));
    mountWithApp(PowerMenu);
    await openMenu();
    expect(menuItems()[0]).toEqual({ title: 'Save State', subtitle: 'Not for this kind: a process VM is an operating-system process', disabled: true });
  });
});

describe('ShutdownIgnoredDialog', () => {
  it('shows the guest\'s reason when it ignores the ACPI button, and cuts the power on request', async () => {
    const machines = await withMachine(makeMachine({ name: 'irix', state: 'Running' }));
    backend.overrides.stopMachine = () => {
      throw new AppError('INVALID_STATE', '"irix" ignored the ACPI Shutdown: IRIX 6.5 (MIPS) has no ACPI support, so nothing in the guest answers the power button. Use Power Off to cut its power', 'shutdown');
    };
    mountWithApp(ShutdownIgnoredDialog);
    expect(await machines.runAction('stop', machines.selected!.id)).toBe(false);
    await flushPromises();
    const dialog = document.querySelector('[role="dialog"]')!;
    expect(dialog.textContent).toContain('“irix” did not shut down');
    expect(dialog.querySelector('[role="alert"]')?.textContent).toBe('"irix" ignored the ACPI Shutdown: IRIX 6.5 (MIPS) has no ACPI support, so nothing in the guest answers the power button.');
    buttonByName('Power Off', dialog).click();
    await flushPromises();
    expect(backend.callsOf('powerOffMachine')).toHaveLength(1);
    expect(machines.ignoredShutdown).toBeNull();
  });
});
