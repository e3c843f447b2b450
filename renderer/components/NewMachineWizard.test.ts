// Tests for the New Machine wizard: live validation, placement, fit check, disabled Create, server errors and selection after create.
import { fakeKinds } from '../test/fakeKinds.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { VSelect } from 'vuetify/components';
import NewMachineWizard from './NewMachineWizard.vue';
import { AppError } from '../../shared/errors.ts';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useCatalogStore } from '../stores/catalogStore.ts';
import { fitCheckDelayMs } from '../stores/fitCheckStore.ts';
import { makeMachine } from '../test/fakeApi.ts';
import type { FakeBackend } from '../test/fakeApi.ts';
import { mountWithApp, setupStores } from '../test/mountWithApp.ts';
import { buttonByName, inputByLabel, messagesUnder, typeInto } from '../test/dom.ts';

let backend: FakeBackend;

async function openWizard() {
  const machines = useMachinesStore();
  await Promise.all([machines.load(), useCatalogStore().load()]);
  const wrapper = mountWithApp(NewMachineWizard, { props: { modelValue: true } });
  await flushPromises();
  return { wrapper, machines };
}

type Wrapper = Awaited<ReturnType<typeof openWizard>>['wrapper'];

function selectLabelled(wrapper: Wrapper, label: string) {
  const select = wrapper.findAllComponents(VSelect).find((c) => c.props('label') === label);
  if (!select) throw new Error(`No select labelled ${label}`);
  return select;
}

async function choose(wrapper: Wrapper, label: string, value: string): Promise<void> {
  selectLabelled(wrapper, label).vm.$emit('update:modelValue', value);
  await nextTick();
}

const itemTitles = (wrapper: Wrapper, label: string): string[] =>
  (selectLabelled(wrapper, label).props('items') as { title: string }[]).map((item) => item.title);

/** Lets the fit check's debounce run out and its answer arrive. */
async function settleFitCheck(): Promise<void> {
  await vi.advanceTimersByTimeAsync(fitCheckDelayMs);
  await flushPromises();
}

const fitPanel = () => document.querySelector('[role="region"][aria-label="Fit check"]');
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
    await choose(wrapper, 'OS type', 'alpine64');
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
    expect(backend.callsOf('createMachine')).toEqual([
      { name: 'db-01', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25, hostId: 'host-1', platformId: 'esx-atlas', workload: 'web', diskAllocation: 'dynamic' },
    ]);
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

describe('NewMachineWizard placement and fit check', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('places the machine on Atlas ESX running a web server by default and explains the kind', async () => {
    const { wrapper } = await openWizard();
    expect(selectLabelled(wrapper, 'Host').props('modelValue')).toBe('host-1');
    expect(selectLabelled(wrapper, 'Platform').props('modelValue')).toBe('esx-atlas');
    expect(itemTitles(wrapper, 'Platform')).toEqual(['Atlas ESX — Type 1 (bare metal)']);
    expect(selectLabelled(wrapper, 'Workload').props('modelValue')).toBe('web');
    expect(itemTitles(wrapper, 'Workload')).toContain('Web server');
    // The kind's summary as the engine describes it (here, the test backend's description).
    expect(document.querySelector('[role="note"][aria-label="Kind of virtualization"]')?.textContent).toContain(fakeKinds.find((k) => k.kind === 'type1')!.summary);
  });

  it('offers only the chosen host\'s platforms that take guests', async () => {
    const { wrapper } = await openWizard();
    await choose(wrapper, 'Host', 'host-5');
    expect(itemTitles(wrapper, 'Platform')).toEqual([
      'Desktop VMM (no admin) — Type 2 (application VMM)',
      'QEMU (dynamic translation) — Emulator',
      'Java VM — Process VM (JVM-like)',
      'LXC containers — Containers',
    ]);
    expect(selectLabelled(wrapper, 'Platform').props('modelValue')).toBe('ws-vbox');
    await choose(wrapper, 'Host', 'host-2');
    expect(itemTitles(wrapper, 'Platform')).toEqual(['Mainframe partitions — Type 0 (firmware partitions)']);
    expect(selectLabelled(wrapper, 'Platform').props('modelValue')).toBe('lpar-fw');
  });

  it('marks OS types of another instruction set as needing an emulator, unless the platform is one', async () => {
    const { wrapper } = await openWizard();
    const irix = () => (selectLabelled(wrapper, 'OS type').props('items') as { value: string; subtitle?: string }[]).find((i) => i.value === 'irix-mips');
    const ubuntu = () => (selectLabelled(wrapper, 'OS type').props('items') as { value: string; subtitle?: string }[]).find((i) => i.value === 'ubuntu64');
    expect(irix()?.subtitle).toBe('MIPS · needs an emulator on Atlas');
    expect(ubuntu()?.subtitle).toBe('x86-64');
    await choose(wrapper, 'Host', 'host-5');
    await choose(wrapper, 'Platform', 'ws-qemu');
    expect(irix()?.subtitle).toBe('MIPS · emulated on x86-64');
    expect(ubuntu()?.subtitle).toBe("x86-64 · the host's own ISA: a VMM runs it faster");
  });

  it('asks the engine once the typing pauses, with the whole placement, and shows a fitting verdict in green', async () => {
    await openWizard();
    typeInto(inputByLabel('Name'), 'w');
    typeInto(inputByLabel('Name'), 'web-02');
    await nextTick();
    await settleFitCheck();
    const checks = backend.callsOf('checkFit');
    expect(checks.at(-1)).toEqual({ name: 'web-02', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25, hostId: 'host-1', platformId: 'esx-atlas', workload: 'web', diskAllocation: 'dynamic' });
    // "w" never reached the engine: the debounce folded it into "web-02".
    expect(checks.some((c) => (c as { name?: string }).name === 'w')).toBe(false);
    expect(fitPanel()?.textContent).toContain('Fits');
    expect(fitPanel()?.classList).toContain('fit-check--success');
    expect(fitPanel()?.querySelector('ol[aria-label="Nesting chain"]')?.textContent).toMatch(/Atlas hardware \(x86_64\).*Type 1: Atlas ESX.*web-02/);
    const vcpuZone = inputByLabel('vCPUs').closest('.v-input')?.parentElement?.querySelector('.zone-meter');
    expect(vcpuZone?.getAttribute('data-zone')).toBe('green');
    expect(vcpuZone?.textContent).toContain('Fits (≤ 15 free cores)');
  });

  it('shows an overcommitted vCPU count in amber with the engine\'s warning', async () => {
    backend.machines.push(makeMachine({ name: 'big', vcpus: 14 }));
    await openWizard();
    typeInto(inputByLabel('vCPUs'), '4');
    await nextTick();
    await settleFitCheck();
    expect(fitPanel()?.textContent).toContain('Fits, with warnings');
    expect(fitPanel()?.classList).toContain('fit-check--warning');
    const zone = document.querySelector('.zone-meter');
    expect(zone?.getAttribute('data-zone')).toBe('amber');
    expect(zone?.textContent).toContain('Overcommitted');
    expect(zone?.querySelector('.zone-meter__fill')?.classList).toContain('bg-warning');
  });

  it('refuses a type 0 partition when the dedicated cores are taken: red zone, explanation, what would free room, Create disabled', async () => {
    backend.machines.push(makeMachine({ name: 'lpar-a', vcpus: 14, hostId: 'host-2', platformId: 'lpar-fw', kind: 'type0', state: 'Running' }));
    const { wrapper } = await openWizard();
    await choose(wrapper, 'Host', 'host-2');
    typeInto(inputByLabel('Name'), 'lpar-b');
    await nextTick();
    await settleFitCheck();
    const panel = fitPanel();
    expect(panel?.classList).toContain('fit-check--error');
    expect(panel?.textContent).toContain('Refused');
    expect(panel?.textContent).toContain('Type 0 needs 2 dedicated cores for "lpar-b"; 1 is free; powering off "lpar-a" would free 14');
    expect(panel?.querySelector('[aria-label="Would free"]')?.textContent).toContain('powering off "lpar-a" would free 14 cores');
    expect(panel?.querySelector('ol[aria-label="Nesting chain"]')?.textContent).toContain('Type 0: Mainframe partitions');
    const zone = document.querySelector('.zone-meter');
    expect(zone?.getAttribute('data-zone')).toBe('red');
    expect(zone?.textContent).toContain('Exceeds what Mainframe partitions can give');
    expect(create().disabled).toBe(true);

    typeInto(inputByLabel('vCPUs'), '1');
    await nextTick();
    await settleFitCheck();
    expect(fitPanel()?.textContent).toContain('Fits');
    expect(create().disabled).toBe(false);
  });

  it('ignores a slow answer that a newer question overtook', async () => {
    const answers: ((verdict: unknown) => void)[] = [];
    await openWizard();
    backend.overrides.checkFit = () => new Promise((resolve) => answers.push(resolve));
    typeInto(inputByLabel('vCPUs'), '3');
    await nextTick();
    await vi.advanceTimersByTimeAsync(fitCheckDelayMs);
    typeInto(inputByLabel('vCPUs'), '4');
    await nextTick();
    await vi.advanceTimersByTimeAsync(fitCheckDelayMs);
    expect(answers).toHaveLength(2);
    const verdict = (v: 'ok' | 'refused', message: string) => ({ verdict: v, reasons: v === 'ok' ? [] : [{ severity: 'refused', code: 'INSUFFICIENT_RESOURCES', field: 'vcpus', message }], wouldFree: [], chain: [], zones: { vcpus: { green: 8, amber: 8 }, memoryMiB: { green: 9999, amber: 9999 } } });
    answers[1]?.(verdict('ok', ''));
    await flushPromises();
    answers[0]?.(verdict('refused', 'stale answer'));
    await flushPromises();
    expect(fitPanel()?.textContent).toContain('Fits');
    expect(fitPanel()?.textContent).not.toContain('stale answer');
  });

  it('shows a refusal the server makes on create under the field it names', async () => {
    await openWizard();
    backend.overrides.createMachine = () => {
      throw new AppError('INSUFFICIENT_RESOURCES', 'Type 0 needs 2 dedicated cores for "x"; 1 is free', 'vcpus');
    };
    typeInto(inputByLabel('Name'), 'x');
    await nextTick();
    create().click();
    await flushPromises();
    expect(messagesUnder('vCPUs')).toEqual(['Type 0 needs 2 dedicated cores for "x"; 1 is free']);
    expect(create().disabled).toBe(true);
  });

  it('asks for the disk allocation and sends a fixed-size disk when chosen', async () => {
    await openWizard();
    expect(inputByLabel('Dynamically allocated').checked).toBe(true);
    inputByLabel('Fixed size').click();
    await nextTick();
    expect(document.body.textContent).toContain('The whole disk is reserved in the host\'s storage pool now.');
    typeInto(inputByLabel('Name'), 'fixed-01');
    await nextTick();
    create().click();
    await flushPromises();
    expect(backend.callsOf('createMachine')).toEqual([expect.objectContaining({ name: 'fixed-01', diskAllocation: 'fixed' })]);
    expect(backend.ops.config(useMachinesStore().selected!.id).disk).toMatchObject({ allocation: 'fixed', ownedMiB: 25 * 1024 });
  });
});
