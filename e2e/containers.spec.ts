// A person creates containers from images (no OS install, no disk), sees their image, layers, limits, namespaces and
// network instead of virtual hardware, meets a refused host port, and sees what a process VM is.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/webApp.ts';
import { chooseInWizard, detailValue, detailsTab, expectMachineState, fitCheck, machineDetails, machineOption, toolbarButton, wizard } from './support/virtlabUi.ts';

test.use({ serverSpeed: 10 });
// Long flows of many steps: on a busy machine they take longer, which must not fail them.
test.slow();

async function newContainer(page: Page, name: string, image: string, ports: string): Promise<void> {
  await toolbarButton(page, 'New').click();
  await chooseInWizard(page, 'Host', 'Workstation');
  await chooseInWizard(page, 'Platform', 'LXC containers');
  const dialog = wizard(page);
  await expect(dialog.getByRole('combobox', { name: 'OS type', exact: true })).toHaveCount(0);
  await expect(dialog.getByLabel('Disk size (GiB)', { exact: true })).toHaveCount(0);
  await chooseInWizard(page, 'Image', image);
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Published ports').fill(ports);
}

test('containers are made from images and show image, layers and cgroups instead of hardware', async ({ appPage: page }, testInfo) => {
  await newContainer(page, 'proxy', 'nginx:1.27', '8080:80');
  await wizard(page).getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard(page)).toBeHidden();
  await machineOption(page, 'proxy').click();
  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, 'proxy', 'Running');

  const details = machineDetails(page);
  await expect(detailValue(page, 'Image')).toHaveText('nginx:1.27');
  await expect(details.getByRole('list', { name: 'Image layers' }).getByRole('listitem')).toHaveCount(3);
  await expect(detailValue(page, 'Memory limit')).toContainText('memory.max');
  await expect(detailValue(page, 'PIDs limit')).toContainText('pids.max');
  await expect(detailValue(page, 'Published ports')).toHaveText(/^0\.0\.0\.0:8080 → 10\.88\.4\.\d+:80$/);
  await expect(detailValue(page, 'Bridge')).toContainText('virtlab0 (10.88.4.0/24');
  await expect(detailValue(page, 'Last start took')).toHaveText('120 ms');
  for (const ns of ['pid', 'net', 'mnt', 'uts', 'ipc', 'user', 'cgroup']) await expect(details.locator('dt', { hasText: new RegExp(`^${ns}$`) })).toHaveCount(1);
  // No virtual hardware: no disk controller, optical drive or snapshots.
  await expect(details).not.toContainText('SATA');
  await expect(details).not.toContainText('Optical drive');
  await expect(detailsTab(page, 'Snapshots')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('container-details.png') });

  // A second container of the same image shares its layers; the same host port is refused, naming who has it.
  await newContainer(page, 'proxy-2', 'nginx:1.27', '8080:80');
  await expect(fitCheck(page)).toContainText('Port 8080 on host "Workstation" is already published by "proxy"');
  await expect(wizard(page).getByRole('button', { name: 'Create', exact: true })).toBeDisabled();
  await wizard(page).getByLabel('Published ports').fill('8081:80');
  await wizard(page).getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard(page)).toBeHidden();
  await machineOption(page, 'proxy-2').click();
  await expect(details.getByRole('list', { name: 'Image layers' }).getByRole('listitem').first()).toContainText('shared with 1 other container');
});

test('a process VM shows its heap, garbage collections and JIT instead of disks and NICs', async ({ appPage: page }) => {
  await toolbarButton(page, 'New').click();
  await chooseInWizard(page, 'Host', 'Workstation');
  await chooseInWizard(page, 'Platform', 'Java VM');
  await wizard(page).getByLabel('Name', { exact: true }).fill('jvm-app');
  await wizard(page).getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard(page)).toBeHidden();
  await machineOption(page, 'jvm-app').click();
  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, 'jvm-app', 'Running');
  await expect(detailValue(page, 'What it is')).toContainText('a process of Workstation Linux');
  await expect(detailValue(page, 'Heap limit')).toContainText('OutOfMemoryError');
  await expect(detailValue(page, 'JIT')).toContainText(/% warm/);
  await expect(machineDetails(page)).not.toContainText('MAC address');
});
