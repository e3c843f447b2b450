// Issue 14: a person removes a machine but keeps its files (then finds and removes the orphaned disk), and deletes a linked-clone base.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/webApp.ts';
import { createMachine, deleteDialog, dialogTitled, expectNotice, hostsView, machineDetails, machineOption, openFromFileMenu, parseSpace, toolbarButton, viewTab } from './support/virtlabUi.ts';

async function select(page: Page, name: string): Promise<void> {
  await machineOption(page, name).click();
  await expect(machineDetails(page).getByRole('heading', { name, exact: true })).toBeVisible();
}

/** Atlas's pool as the Hosts view shows it, in MiB, once it satisfies `until` (the view may lag a change). */
async function atlasUsedMiB(page: Page, until: (usedMiB: number) => boolean = () => true): Promise<number> {
  await viewTab(page, 'Hosts view').click();
  const pool = hostsView(page).getByRole('group', { name: 'Atlas storage', exact: true });
  let used = Number.NaN;
  await expect
    .poll(async () => {
      used = parseSpace((await pool.textContent()) ?? '');
      return until(used);
    })
    .toBe(true);
  await viewTab(page, 'Machines view').click();
  return used;
}

test('"Remove only" keeps the disk, which the Media Manager lists as orphaned until it is removed', async ({ appPage: page }) => {
  await createMachine(page, { name: 'old-vm', diskGiB: 12 });
  await select(page, 'old-vm');
  await toolbarButton(page, 'Delete').click();
  const dialog = deleteDialog(page);
  await dialog.getByRole('radio', { name: 'Remove only (keep the disk files)', exact: true }).check();
  await expect(dialog).toContainText('"old-vm" is forgotten; its disk files');
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(machineOption(page, 'old-vm')).toHaveCount(0);

  const media = await openFromFileMenu(page, 'Media Manager…', 'Media Manager');
  const disks = media.getByRole('table', { name: 'Virtual disks' });
  const row = disks.getByRole('row').filter({ hasText: 'old-vm.vdi' });
  await expect(row).toContainText('Disk of removed machine old-vm');
  await expect(row).toContainText('Orphaned');
  await expect(row).toContainText('12 GiB');
  await row.click();
  await media.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(row).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(media).toBeHidden();
  await expectNotice(page, /^Removed "old-vm\.vdi"; \d+(\.\d)? (MiB|GiB) freed$/);
});

test('deleting a linked-clone base names its clones and frees what the dialog said', async ({ appPage: page }) => {
  await createMachine(page, { name: 'base-vm', diskAllocation: 'Fixed size', diskGiB: 20 });
  await select(page, 'base-vm');
  await toolbarButton(page, 'Clone').click();
  const wizard = dialogTitled(page, 'Clone Machine');
  await wizard.getByLabel('Name', { exact: true }).fill('clone-a');
  await wizard.getByRole('radio', { name: 'Linked clone', exact: true }).check();
  await wizard.getByRole('button', { name: 'Clone', exact: true }).click();
  await expect(wizard).toBeHidden();
  await expect(machineOption(page, 'clone-a')).toBeVisible();

  const before = await atlasUsedMiB(page, (used) => used >= 20 * 1024);
  await select(page, 'base-vm');
  await toolbarButton(page, 'Delete').click();
  const dialog = deleteDialog(page);
  await expect(dialog.getByRole('note')).toHaveText('Linked clones read its disk: “clone-a”.');
  // Keeping the shared base frees almost nothing; deleting the clone too frees the base's 20 GiB.
  await expect(dialog).toContainText('the shared base (20 GiB) stays for its linked clone "clone-a"');
  const figure = dialog.locator('[data-mode="deleteWithClones"]');
  await expect(figure).toHaveText(/^Frees \d+(\.\d)? GiB$/);
  const announced = parseSpace((await figure.textContent()) ?? '');
  expect(announced).toBeGreaterThanOrEqual(20 * 1024);
  await dialog.getByRole('radio', { name: 'Delete it and its linked clones', exact: true }).check();
  await dialog.getByRole('button', { name: 'Delete All', exact: true }).click();
  await expect(machineOption(page, 'base-vm')).toHaveCount(0);
  await expect(machineOption(page, 'clone-a')).toHaveCount(0);

  // The pool shows what the dialog announced (both read to the tenth of a GiB).
  const after = await atlasUsedMiB(page, (used) => used < before);
  expect(Math.abs(before - after - announced)).toBeLessThanOrEqual(0.15 * 1024);
});

test('the clone wizard refuses an address another machine holds while it is typed', async ({ appPage: page }) => {
  await createMachine(page, { name: 'ip-a' });
  await createMachine(page, { name: 'ip-b' });
  await select(page, 'ip-b');
  const holder = machineDetails(page).locator('dt', { hasText: /^IP address$/ }).first().locator('xpath=following-sibling::dd[1]');
  await expect(holder).toHaveText(/^10\.0\.2\.\d+ \(DHCP\)$/);
  const taken = ((await holder.textContent()) ?? '').split(' ')[0]!;

  await select(page, 'ip-a');
  await toolbarButton(page, 'Clone').click();
  const wizard = dialogTitled(page, 'Clone Machine');
  await wizard.getByRole('radio', { name: 'Static', exact: true }).check();
  const field = wizard.getByLabel('Static IP address', { exact: true });
  await field.fill(taken);
  await expect(field).toHaveAccessibleDescription(`${taken} is already used by "ip-b" on NatNetwork; choose another address`);
  await expect(wizard.getByRole('button', { name: 'Clone', exact: true })).toBeDisabled();
  await field.fill('10.0.2.9');
  await expect(field).toHaveAccessibleDescription('10.0.2.9 is free on this network');
  await wizard.getByRole('button', { name: 'Clone', exact: true }).click();
  await expect(wizard).toBeHidden();
  await expect(machineDetails(page).locator('dt', { hasText: /^IP address$/ }).first().locator('xpath=following-sibling::dd[1]')).toHaveText('10.0.2.9 (static)');
});
