// The Sprawl view lists a machine idling for long among busy ones and an orphaned disk, and cleans them up, freeing space.
import { test, expect } from './fixtures/webApp.ts';
import { createMachine, createRunningMachine, deleteDialog, machineDetails, machineOption, statusBar, toolbarButton } from './support/virtlabUi.ts';

// A simulated minute passes in well under a real second, so "idle for a minute" comes quickly.
test.use({ serverSpeed: 200 });

test('lists an idle machine, shuts it down and deletes it with the space it frees', async ({ appPage: page }) => {
  await createRunningMachine(page, { name: 'idle-box', workload: 'Idle' });
  await createRunningMachine(page, { name: 'busy-box', workload: 'CPU-bound batch' });

  await page.getByRole('tab', { name: 'Sprawl view', exact: true }).click();
  const sprawl = page.getByRole('region', { name: 'Sprawl', exact: true });
  await sprawl.getByRole('spinbutton', { name: 'Idle for at least' }).fill('1');
  await sprawl.getByRole('combobox', { name: 'Idle unit' }).press('Enter');
  await page.getByRole('option', { name: 'minutes', exact: true }).click();

  const idle = sprawl.getByRole('region', { name: /^Idle \(/ });
  await expect(idle.getByRole('row', { name: /idle-box/ })).toBeVisible();
  await expect(idle.getByRole('row', { name: /idle-box/ })).toContainText('running at under 10 % CPU');
  await expect(idle.getByRole('row', { name: /busy-box/ })).toHaveCount(0);

  await idle.getByRole('button', { name: /^Shut down 1 chosen \(frees .* of memory\)$/ }).click();
  const stop = page.getByRole('dialog', { name: /^Shut down \(ACPI\): 1 machine/ });
  await expect(stop).toContainText('all 1 machine shutting down');
  await stop.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(machineOption(page, 'idle-box')).toHaveAccessibleName(/Powered Off/);
  await expect(idle.getByRole('row', { name: /idle-box/ })).toHaveCount(0);

  // Powered off for a simulated minute, it is listed as not started for long, with the disk space deleting it frees.
  await sprawl.getByRole('spinbutton', { name: 'Not started for at least' }).fill('1');
  await sprawl.getByRole('combobox', { name: 'Unused unit' }).press('Enter');
  await page.getByRole('option', { name: 'minutes', exact: true }).click();
  const unused = sprawl.getByRole('region', { name: /^Not started for long \(/ });
  await expect(unused.getByRole('row', { name: /idle-box/ })).toContainText('Delete it: frees');
  await unused.getByRole('button', { name: /^Delete 1 chosen \(frees .* of disk\)$/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete 1 machine?' });
  await expect(confirm).toContainText('idle-box');
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  const deleted = page.getByRole('dialog', { name: /^Delete: 1 machine/ });
  await expect(deleted).toContainText(/all 1 machine deleted; .* freed/);
  await deleted.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(machineOption(page, 'idle-box')).toHaveCount(0);
  await expect(statusBar(page)).toContainText(/(?<!\d)1 machine /);
});

test('lists the disk a "Remove only" left behind and removes it with the space it frees', async ({ appPage: page }) => {
  await createMachine(page, { name: 'left-behind', diskGiB: 12 });
  await machineOption(page, 'left-behind').click();
  await expect(machineDetails(page).getByRole('heading', { name: 'left-behind', exact: true })).toBeVisible();
  await toolbarButton(page, 'Delete').click();
  const remove = deleteDialog(page);
  await remove.getByRole('radio', { name: 'Remove only (keep the disk files)', exact: true }).check();
  await remove.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(machineOption(page, 'left-behind')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Sprawl view', exact: true }).click();
  const orphans = page.getByRole('region', { name: 'Sprawl', exact: true }).getByRole('region', { name: /^Orphaned media \(/ });
  const row = orphans.getByRole('row', { name: /left-behind\.vdi/ });
  await expect(row).toContainText('Disk of removed machine left-behind');
  await expect(row).toContainText(/Remove it: frees \d/);
  // Unused installer ISOs are listed too, but only disks start chosen.
  await expect(orphans.getByRole('checkbox', { name: 'Choose left-behind.vdi' })).toBeChecked();
  await orphans.getByRole('button', { name: /^Remove 1 chosen \(frees .*\)$/ }).click();
  await expect(orphans.getByRole('status')).toHaveText(/^Removed 1 of 1 orphaned media; .* freed$/);
  await expect(row).toHaveCount(0);
});
