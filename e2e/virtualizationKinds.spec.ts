// A person creates a guest of every kind of virtualization through the wizard, sees each one's kind and nesting chain, watches overheads, meets a refused type 0 partition and reads the Hosts view.
import { test, expect } from './fixtures/webApp.ts';
import type { Page } from '@playwright/test';
import {
  createMachine,
  escapeRegExp,
  expectMachineState,
  fillWizard,
  fitCheck,
  hostsView,
  machineDetails,
  machineRows,
  machineOption,
  nestingChain,
  overheadBreakdown,
  toolbarButton,
  viewTab,
  wizard,
} from './support/virtlabUi.ts';
import type { MachineForm } from './support/virtlabUi.ts';

// Partitions boot in tens of simulated seconds; ten simulated seconds per real one keeps the tests short.
test.use({ serverSpeed: 10 });

interface KindCase {
  form: MachineForm;
  kindLabel: string;
  chain: string[];
}

const onHardware: KindCase[] = [
  {
    form: { name: 'lpar-web', host: 'Mainframe', platform: 'Mainframe partitions', osType: 'Debian (64-bit)' },
    kindLabel: 'Type 0 (firmware partitions)',
    chain: ['Mainframe hardware (x86_64)', 'Type 0: Mainframe partitions', 'lpar-web'],
  },
  {
    form: { name: 'esx-db', host: 'Atlas', platform: 'Atlas ESX', workload: 'Database (OLTP)' },
    kindLabel: 'Type 1 (bare metal)',
    chain: ['Atlas hardware (x86_64)', 'Type 1: Atlas ESX', 'esx-db'],
  },
  {
    form: { name: 'kvm-build', host: 'Hyperion', platform: 'Hyperion KVM', workload: 'Compile' },
    kindLabel: 'Type 1 hosted-OS (KVM-like)',
    chain: ['Hyperion hardware (x86_64)', 'Type 1 hosted-OS: Hyperion KVM', 'kvm-build'],
  },
  {
    form: { name: 'xen-web', host: 'Xenon', platform: 'Xenon Xen', osType: 'Debian (64-bit)' },
    kindLabel: 'Paravirtualization (Xen-like)',
    chain: ['Xenon hardware (x86_64)', 'Paravirtualization: Xenon Xen', 'xen-web'],
  },
];

const onWorkstation: KindCase[] = [
  {
    form: { name: 'dev-box', host: 'Workstation', platform: 'Desktop VMM (no admin)' },
    kindLabel: 'Type 2 (application VMM)',
    chain: ['Workstation hardware (x86_64)', 'Host OS: Workstation Linux', 'Type 2: Desktop VMM (no admin)', 'dev-box'],
  },
  {
    form: { name: 'irix', host: 'Workstation', platform: 'QEMU (dynamic translation)', osType: 'IRIX 6.5 (MIPS)' },
    kindLabel: 'Emulator',
    chain: ['Workstation hardware (x86_64)', 'Host OS: Workstation Linux', 'Emulator: QEMU (dynamic translation)', 'irix'],
  },
  {
    form: { name: 'jvm-app', host: 'Workstation', platform: 'Java VM', workload: 'CPU-bound batch' },
    kindLabel: 'Process VM (JVM-like)',
    chain: ['Workstation hardware (x86_64)', 'Host OS: Workstation Linux', 'Process VM: Java VM', 'jvm-app'],
  },
  {
    form: { name: 'web-ct', host: 'Workstation', platform: 'LXC containers' },
    kindLabel: 'Containers',
    chain: ['Workstation hardware (x86_64)', 'Host OS: Workstation Linux', 'Containers: LXC containers', 'web-ct'],
  },
];

async function createEach(page: Page, cases: KindCase[]): Promise<void> {
  for (const { form } of cases) {
    await toolbarButton(page, 'New').click();
    const dialog = await fillWizard(page, form);
    // The engine must have looked at this very placement before anything is created.
    await expect(fitCheck(page)).toContainText(form.name);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(wizard(page)).toBeHidden();
    await expect(machineOption(page, form.name)).toBeVisible();
  }
  await expect(machineRows(page)).toHaveCount(cases.length);
}

async function expectKindAndChain(page: Page, { form, kindLabel, chain }: KindCase): Promise<void> {
  await machineOption(page, form.name).click();
  const details = machineDetails(page);
  await expect(details.getByRole('heading', { name: form.name })).toBeVisible();
  await expect(details).toContainText(kindLabel);
  await expect(details).toContainText(form.platform ?? '');
  await expect(nestingChain(details).getByRole('listitem')).toHaveText(chain);
}

/** Starts the selected machine and waits for the overhead breakdown to show measured numbers. */
async function startAndSeeOverheads(page: Page, name: string, causes: RegExp): Promise<void> {
  await machineOption(page, name).click();
  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, name, 'Running');
  const breakdown = overheadBreakdown(page);
  await expect(breakdown).toBeVisible();
  await expect(breakdown.getByRole('list', { name: 'Overhead legend' })).toContainText('Guest work');
  await expect(breakdown).toContainText(causes);
  await expect(breakdown).toContainText('Ready time');
  await expect(breakdown.getByRole('img')).toHaveAccessibleName(/^CPU granted [\d.]+ of \d+ vCPUs: Guest work/);
}

test('guests of the four kinds that run on hardware: type 0, type 1, type 1 hosted-OS and paravirtualized', async ({ appPage: page }) => {
  await createEach(page, onHardware);
  for (const kind of onHardware) await expectKindAndChain(page, kind);
  await startAndSeeOverheads(page, 'xen-web', /VMM [\d.]+ cores/);
  await expect(machineDetails(page).getByRole('list', { name: 'Machine events' })).toContainText(/Running|boot/i);
});

test('guests of the four kinds that run on a host OS: type 2, emulator, process VM and container', async ({ appPage: page }) => {
  await createEach(page, onWorkstation);
  for (const kind of onWorkstation) await expectKindAndChain(page, kind);
  await startAndSeeOverheads(page, 'web-ct', /Host OS [\d.]+ cores/);
  await startAndSeeOverheads(page, 'irix', /Translation [\d.]+ cores/);
});

test('a type 0 partition that needs cores already dedicated elsewhere is refused with the engine\'s explanation', async ({ appPage: page }) => {
  await createMachine(page, { name: 'lpar-big', host: 'Mainframe', platform: 'Mainframe partitions', vcpus: 14 });
  await machineOption(page, 'lpar-big').click();
  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, 'lpar-big', 'Running');

  await toolbarButton(page, 'New').click();
  const dialog = await fillWizard(page, { name: 'lpar-small', host: 'Mainframe', platform: 'Mainframe partitions', vcpus: 2 });
  const panel = fitCheck(page);
  await expect(panel).toContainText('Refused');
  await expect(panel).toContainText('dedicated cores');
  await expect(panel).toContainText('would free');
  await expect(panel).toContainText('lpar-big');
  await expect(dialog.getByText(/Exceeds what Mainframe partitions can give/)).toBeVisible();
  const create = dialog.getByRole('button', { name: 'Create', exact: true });
  await expect(create).toBeDisabled();

  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(wizard(page)).toBeHidden();
  await expect(machineRows(page)).toHaveCount(1);
  await expect(machineOption(page, 'lpar-small')).toHaveCount(0);
});

test('the Hosts view lists the hosts with their platforms and the overcommit the guests cause', async ({ appPage: page }) => {
  await createMachine(page, { name: 'big-1', host: 'Atlas', platform: 'Atlas ESX', vcpus: 12 });
  await toolbarButton(page, 'New').click();
  const dialog = await fillWizard(page, { name: 'big-2', vcpus: 12 });
  // More vCPUs than free cores is allowed on a type 1 hypervisor, in the amber zone.
  await expect(dialog.getByText(/^Overcommitted/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(machineOption(page, 'big-2')).toBeVisible();
  await createMachine(page, { name: 'ct-1', host: 'Workstation', platform: 'LXC containers' });

  await viewTab(page, 'Hosts view').click();
  await expect(viewTab(page, 'Hosts view')).toHaveAttribute('aria-selected', 'true');
  const hosts = hostsView(page);
  const rack = Array.from({ length: 10 }, (_, i) => `Rack ${String(i + 1).padStart(2, '0')}`);
  await expect(hosts.getByRole('heading', { level: 3 })).toHaveText(['Atlas', 'Mainframe', 'Hyperion', 'Xenon', 'Workstation', 'Node 1', 'Node 2', 'Node 3', ...rack]);
  // A row's text starts with its platform's name; other rows may mention it in their nesting chain.
  const row = (platform: string) => hosts.getByRole('row').filter({ hasText: new RegExp(`^${escapeRegExp(platform)}`) });
  await expect(row('Atlas ESX')).toContainText('Type 1 (bare metal)');
  await expect(row('Atlas ESX')).toContainText('Shared');
  await expect(row('Atlas ESX')).toContainText(/vCPU 1\.5 : 1/);
  await expect(hosts.getByRole('columnheader', { name: 'Guests running / total' }).first()).toBeVisible();
  await expect(row('Atlas ESX').getByRole('cell').last()).toHaveText('0 / 2');
  await expect(row('Mainframe partitions')).toContainText('Dedicated');
  // Partitions cannot overcommit; the row says how much of the machine running partitions hold (none here).
  await expect(row('Mainframe partitions')).toContainText('cores 0 % assigned');
  await expect(row('Mainframe partitions')).not.toContainText(/vCPU .* : 1/);
  for (const platform of ['Hyperion KVM', 'Xenon Xen', 'Workstation Linux', 'Desktop VMM (no admin)', 'QEMU (dynamic translation)', 'Java VM']) {
    await expect(row(platform)).toHaveCount(1);
  }
  await expect(row('LXC containers').getByRole('cell').last()).toHaveText('0 / 1');
  await expect(hosts.getByRole('list', { name: 'Nesting chain of Desktop VMM (no admin)' }).getByRole('listitem')).toHaveText([
    'Workstation hardware (x86_64)',
    'Host OS: Workstation Linux',
    'Type 2: Desktop VMM (no admin)',
  ]);

  // Starting a guest shows up in the view without reloading it.
  await machineOption(page, 'ct-1').click();
  await expect(viewTab(page, 'Machines view')).toHaveAttribute('aria-selected', 'true');
  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, 'ct-1', 'Running');
  await viewTab(page, 'Hosts view').click();
  await expect(row('LXC containers').getByRole('cell').last()).toHaveText('1 / 1');

  // This flow refuses nothing, so the Workstation's log shows the guest that was started.
  const workstation = hosts.getByRole('article', { name: 'Workstation' });
  const toggle = workstation.getByRole('button', { name: 'Host events' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  const log = workstation.getByRole('list', { name: /^Events on Workstation/ });
  await expect(log.getByRole('listitem').filter({ hasText: 'ct-1' }).filter({ hasText: /Running/ }).first()).toBeVisible();
  await expect(log.getByRole('listitem').first()).toContainText(/^\d{2}:\d{2}:\d{2}/);
});
