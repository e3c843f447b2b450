// Temporary: screenshots of changed dialogs (not committed).
import { test, expect } from './fixtures/webApp.ts';
import { createMachine, detailsTab, dialogTitled, machineOption, snapshotAction, snapshotNode, snapshotTree, toolbarButton } from './support/virtlabUi.ts';

test('shots', async ({ appPage: page }) => {
  await createMachine(page, { name: 'shot-vm' });
  await machineOption(page, 'shot-vm').click();
  await toolbarButton(page, 'Settings').click();
  const settings = dialogTitled(page, 'Settings');
  await settings.getByRole('tab', { name: 'System', exact: true }).click();
  await settings.getByLabel('Memory (MiB)', { exact: true }).fill('999999');
  await expect(settings.getByLabel('Memory (MiB)', { exact: true })).toHaveAccessibleDescription(/more than/);
  await page.screenshot({ path: '/tmp/mend-shots/settings-memory.png' });
  await page.keyboard.press('Escape');
  await dialogTitled(page, 'Discard changes?').getByRole('button', { name: 'Discard' }).click();
  await detailsTab(page, 'Snapshots').click();
  const tree = snapshotTree(page);
  for (const name of ['Base install', 'Middle', 'Latest']) {
    await snapshotAction(page, 'Take Snapshot').click();
    const d = dialogTitled(page, 'Take Snapshot');
    await d.getByLabel('Snapshot name', { exact: true }).fill(name);
    await d.getByLabel('Snapshot name', { exact: true }).press('Enter');
    await expect(snapshotNode(tree, name)).toBeVisible();
  }
  await snapshotNode(tree, 'Middle').getByText('Middle', { exact: true }).click();
  await snapshotAction(page, 'Restore').click();
  await dialogTitled(page, 'Restore snapshot?').getByRole('button', { name: 'Restore', exact: true }).click();
  for (const [name, title, file] of [['Middle', 'Snapshot cannot be deleted', 'refused'], ['Latest', 'Delete snapshot?', 'leaf'], ['Base install', 'Delete snapshot?', 'merge']] as const) {
    await snapshotNode(tree, name).getByText(name, { exact: true }).click();
    await snapshotAction(page, 'Delete Snapshot').click();
    await expect(dialogTitled(page, title)).toBeVisible();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `/tmp/mend-shots/snapshot-${file}.png` });
    await page.keyboard.press('Escape');
    await expect(dialogTitled(page, title)).toBeHidden();
  }
});
