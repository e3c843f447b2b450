// The New Machine wizard explains each mistake under its field and creates nothing while any remains.
import { test, expect } from './fixtures/webApp.ts';
import type { Locator } from '@playwright/test';
import { createMachine, fillWizard, machineRows, machineOption, statusBar, toolbarButton, wizard } from './support/virtlabUi.ts';

/** Create must either be disabled or, when clicked, leave the wizard open: both mean "refused". */
async function expectCreateRefused(dialog: Locator): Promise<void> {
  const create = dialog.getByRole('button', { name: 'Create', exact: true });
  if (await create.isEnabled()) await create.click();
  await expect(dialog).toBeVisible();
}

test('shows a specific message for each mistake and creates nothing', async ({ appPage: page }) => {
  await createMachine(page, { name: 'alpha' });
  await expect(machineRows(page)).toHaveCount(1);

  await toolbarButton(page, 'New').click();
  const dialog = await fillWizard(page, { name: 'beta' });
  const name = dialog.getByLabel('Name', { exact: true });

  await name.fill('');
  await name.press('Tab');
  await expect(dialog.getByText('Enter a name for the machine')).toBeVisible();
  await expectCreateRefused(dialog);

  await name.fill('alpha');
  await name.press('Tab');
  await expect(dialog.getByText('A machine named "alpha" already exists')).toBeVisible();
  await expect(dialog.getByText('Enter a name for the machine')).toBeHidden();
  await expectCreateRefused(dialog);

  await name.fill('beta');
  const vcpus = dialog.getByLabel('vCPUs', { exact: true });
  await vcpus.fill('0');
  await vcpus.press('Tab');
  await expect(dialog.getByText('vCPUs must be at least 1')).toBeVisible();
  await expect(dialog.getByText(/already exists/)).toBeHidden();
  await expectCreateRefused(dialog);

  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(wizard(page)).toBeHidden();
  await expect(machineRows(page)).toHaveCount(1);
  await expect(machineOption(page, 'alpha')).toBeVisible();
  await expect(machineOption(page, 'beta')).toHaveCount(0);
  await expect(statusBar(page)).toContainText(/(?<!\d)1 machines? /);
});

test('a corrected form creates the machine', async ({ appPage: page }) => {
  await toolbarButton(page, 'New').click();
  const dialog = await fillWizard(page, { name: 'gamma', vcpus: 0 });
  await expect(dialog.getByText('vCPUs must be at least 1')).toBeVisible();
  await dialog.getByLabel('vCPUs', { exact: true }).fill('1');
  await expect(dialog.getByText('vCPUs must be at least 1')).toBeHidden();
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard(page)).toBeHidden();
  await expect(machineOption(page, 'gamma')).toHaveAccessibleName(/Powered Off/);
});
