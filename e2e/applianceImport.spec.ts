// E2e: real appliances from VirtualBox and VMware import through the wizard with every disk and their vApp group.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures/webApp.ts';
import { detailValue, machineRows, machineOption } from './support/virtlabUi.ts';

const fixtureDir = path.resolve(import.meta.dirname, '../../shared/fixtures/ovf');
const missing = existsSync(fixtureDir) ? undefined : `real OVF fixtures not found at ${fixtureDir} (../shared is missing)`;
if (missing) console.warn(`[applianceImport.spec] skipping: ${missing}`);

const importWizard = (page: Page): Locator => page.getByRole('dialog').filter({ hasText: 'Import Appliance' });

async function chooseAppliance(page: Page, file: string): Promise<Locator> {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: /^Import Appliance…/ }).click();
  const dialog = importWizard(page);
  await dialog.getByLabel('Appliance file').setInputFiles(path.join(fixtureDir, file));
  return dialog;
}

test.describe(missing ? `real appliances (skipped: ${missing})` : 'real appliances', () => {
  test.skip(missing !== undefined, missing);

  test('a VirtualBox machine with two disks keeps both, the small one at its real size', async ({ appPage: page }) => {
    const dialog = await chooseAppliance(page, 'virtualbox-vbox5-all-storage-controllers.ovf');
    const system = dialog.getByRole('region', { name: /vbox5/ });
    await expect(system).toContainText('2 disks: 4 MiB, 10 GiB');
    await expect(dialog.getByLabel('Disk size (GiB)', { exact: true })).toHaveValue('1');
    await expect(system.getByRole('group', { name: 'Warnings for vbox5' })).toContainText('"vmdisk2" (10 GiB) is kept');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(machineOption(page, 'vbox5')).toHaveAttribute('aria-selected', 'true');
    await expect(detailValue(page, 'Appliance disks')).toHaveText('4 MiB, 10 GiB (the first is simulated)');
    await expect(detailValue(page, 'Operating system')).toHaveText('Ubuntu (64-bit)');
  });

  test('a VMware vApp of two machines imports as one group, with each OS recognised', async ({ appPage: page }) => {
    const dialog = await chooseAppliance(page, 'vmware-ovftool-vapp-2vms.ovf');
    await expect(dialog.getByRole('region')).toHaveCount(2);
    await expect(dialog.getByRole('combobox', { name: 'OS type', exact: true }).first()).toHaveValue('Windows Server 2003');
    await expect(dialog.getByRole('combobox', { name: 'OS type', exact: true }).nth(1)).toHaveValue('CentOS (64-bit)');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(machineRows(page)).toHaveCount(2);
    for (const name of ['sql2k5-win-2k3-32-ent-sp2-ovf', 'centos-5.5-32-esx-qa']) {
      await machineOption(page, name).click();
      await expect(detailValue(page, 'Group')).toHaveText('sql2k5-win-2k3-32-ent-sp2-ovf');
    }
  });
});

test.describe(missing ? `refused imports (skipped: ${missing})` : 'refused imports', () => {
  test.skip(missing !== undefined, missing);

  test('a system too large for its host is named next to Import and brought into view; unticking it imports the other', async ({ appPage: page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const dialog = await chooseAppliance(page, 'vmware-ovftool-vapp-2vms.ovf');
    const centos = dialog.getByRole('region', { name: /centos-5\.5-32-esx-qa/ });
    await centos.getByLabel('Memory (MiB)', { exact: true }).fill('1000000');
    // Scroll back to the first system, as someone who checked the form from the top would be.
    await dialog.getByRole('region', { name: /sql2k5/ }).getByLabel('Name', { exact: true }).focus();
    const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
    await importButton.click();
    const reason = dialog.locator('.v-card-actions').getByRole('alert');
    await expect(reason).toContainText('"centos-5.5-32-esx-qa"');
    await expect(reason).toContainText(/1000000 MiB is more than the \d+ MiB .* has for guests/);
    await expect(importButton).toBeDisabled();
    await expect(centos).toContainText('Import refused: fix or untick');
    await expect(centos).toBeInViewport();
    await centos.getByRole('checkbox', { name: 'Import centos-5.5-32-esx-qa' }).uncheck();
    await expect(reason).toBeHidden();
    await expect(centos).not.toContainText('Import refused');
    await expect(importButton).toBeEnabled();
    await importButton.click();
    await expect(dialog).toBeHidden();
    await expect(machineRows(page)).toHaveCount(1);
    await expect(machineOption(page, 'sql2k5-win-2k3-32-ent-sp2-ovf')).toBeVisible();
  });
});
