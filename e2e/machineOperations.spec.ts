// Issue 4 end to end: snapshots (take three, restore the middle one), full and linked clones, freeing storage, settings, IP conflicts.
import { test, expect } from './fixtures/webApp.ts';
import type { Page } from '@playwright/test';
import {
  createMachine,
  createRunningMachine,
  deleteDialog,
  detailValue,
  detailsTab,
  dialogTitled,
  escapeRegExp,
  hostsView,
  machineDetails,
  machineOption,
  parseSpace,
  snapshotAction,
  snapshotNode,
  snapshotTree,
  toolbarButton,
  viewTab,
} from './support/virtlabUi.ts';

// Boots take 3 simulated seconds; at 10× a start is over in a fraction of a second.
test.use({ serverSpeed: 10 });

async function select(page: Page, name: string): Promise<void> {
  await machineOption(page, name).click();
  await expect(machineDetails(page).getByRole('heading', { name, exact: true })).toBeVisible();
}

async function takeSnapshot(page: Page, name: string): Promise<void> {
  await snapshotAction(page, 'Take Snapshot').click();
  const dialog = dialogTitled(page, 'Take Snapshot');
  await dialog.getByLabel('Snapshot name', { exact: true }).fill(name);
  await dialog.getByLabel('Snapshot name', { exact: true }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(snapshotNode(snapshotTree(page), name)).toBeVisible();
}

/** Atlas's storage pool as the Hosts view shows it, in MiB, once it satisfies `until` (the view may lag a change). */
async function atlasPoolUsedMiB(page: Page, until: (usedMiB: number) => boolean = () => true): Promise<number> {
  await viewTab(page, 'Hosts view').click();
  const pool = hostsView(page).getByRole('group', { name: 'Atlas storage', exact: true });
  await expect(pool).toContainText(/used of/);
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

/** A value of the details once it looks like `shape` (a running machine's lease, a loaded configuration). */
async function settledDetail(page: Page, label: string, shape: RegExp): Promise<string> {
  await expect(detailValue(page, label)).toHaveText(shape);
  return (await detailValue(page, label).textContent()) ?? '';
}

test('takes three snapshots and restores the middle one', async ({ appPage: page }) => {
  await createMachine(page, { name: 'snap-vm' });
  await select(page, 'snap-vm');
  await detailsTab(page, 'Snapshots').click();
  const tree = snapshotTree(page);
  await expect(snapshotNode(tree, 'Current State')).toBeVisible();
  for (const name of ['Base install', 'Middle', 'Latest']) await takeSnapshot(page, name);

  // A node's own row is what a person clicks; its children sit inside it.
  await snapshotNode(tree, 'Middle').getByText('Middle', { exact: true }).click();
  await expect(snapshotNode(tree, 'Middle')).toHaveAttribute('aria-selected', 'true');
  await snapshotAction(page, 'Restore').click();
  const confirm = dialogTitled(page, 'Restore snapshot?');
  await confirm.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(confirm).toBeHidden();

  // Three snapshots plus the Current State, which now hangs under "Middle" beside "Latest".
  await expect(tree.getByRole('treeitem')).toHaveCount(4);
  const middleChildren = snapshotNode(tree, 'Middle').getByRole('group').first();
  await expect(snapshotNode(middleChildren, 'Current State')).toBeVisible();
  await expect(snapshotNode(middleChildren, 'Latest')).toBeVisible();
  await expect(snapshotNode(snapshotNode(tree, 'Latest'), 'Current State')).toHaveCount(0);
});

test('the Delete Snapshot dialog says what happens: refused with two children, discarded as a leaf, merged into the one child', async ({ appPage: page }) => {
  await createMachine(page, { name: 'merge-vm' });
  await select(page, 'merge-vm');
  await detailsTab(page, 'Snapshots').click();
  const tree = snapshotTree(page);
  for (const name of ['Base install', 'Middle', 'Latest']) await takeSnapshot(page, name);
  await snapshotNode(tree, 'Middle').getByText('Middle', { exact: true }).click();
  await snapshotAction(page, 'Restore').click();
  await dialogTitled(page, 'Restore snapshot?').getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(snapshotNode(snapshotNode(tree, 'Middle').getByRole('group').first(), 'Current State')).toBeVisible();

  // "Middle" now has two children ("Latest" and the Current State): the engine refuses, and the dialog offers no Delete.
  await snapshotNode(tree, 'Middle').getByText('Middle', { exact: true }).click();
  await snapshotAction(page, 'Delete Snapshot').click();
  const refused = dialogTitled(page, 'Snapshot cannot be deleted');
  await expect(refused).toContainText('2 children build on its disk ("Latest", the Current State)');
  await expect(refused.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
  await refused.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(refused).toBeHidden();

  // "Latest" is a leaf: nothing is merged, its differencing disk is discarded back to "Middle".
  await snapshotNode(tree, 'Latest').getByText('Latest', { exact: true }).click();
  await snapshotAction(page, 'Delete Snapshot').click();
  const leaf = dialogTitled(page, 'Delete snapshot?');
  await expect(leaf).toContainText(/so nothing is merged: its differencing disk .*is discarded.*written after snapshot "Middle"|so nothing is merged: its differencing disk — .* written after snapshot "Middle" — is discarded/);
  await expect(leaf).not.toContainText('merged into');
  await leaf.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(snapshotNode(tree, 'Latest')).toHaveCount(0);

  // "Base install" has one child, "Middle": its disk is merged into it.
  await snapshotNode(tree, 'Base install').getByText('Base install', { exact: true }).click();
  await snapshotAction(page, 'Delete Snapshot').click();
  const merge = dialogTitled(page, 'Delete snapshot?');
  await expect(merge).toContainText('is merged into its child snapshot "Middle"');
  await merge.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(snapshotNode(tree, 'Base install')).toHaveCount(0);
  await expect(snapshotNode(tree, 'Middle')).toBeVisible();
});

test('makes a full and a linked clone with new names, MACs and IPs; the full one takes more space', async ({ appPage: page }) => {
  await createMachine(page, { name: 'src-vm', diskAllocation: 'Fixed size', diskGiB: 20 });
  await select(page, 'src-vm');
  await expect(detailValue(page, 'Allocation')).toHaveText('Fixed size');
  const sourceMac = await settledDetail(page, 'MAC address', /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/i);
  const sourceIp = await settledDetail(page, 'IP address', /\((DHCP|static)\)$/);

  async function cloneAs(name: string, linked: boolean, staticIp?: string): Promise<void> {
    await toolbarButton(page, 'Clone').click();
    const wizard = dialogTitled(page, 'Clone Machine');
    await wizard.getByLabel('Name', { exact: true }).fill(name);
    if (linked) {
      await wizard.getByRole('radio', { name: 'Linked clone', exact: true }).check();
      await expect(wizard.getByRole('radio', { name: 'Everything', exact: true })).toBeDisabled();
    }
    if (staticIp) {
      await wizard.getByRole('radio', { name: 'Static', exact: true }).check();
      await wizard.getByLabel('Static IP address', { exact: true }).fill(staticIp);
    }
    await wizard.getByRole('button', { name: 'Clone', exact: true }).click();
    await expect(wizard).toBeHidden();
    // The clone is selected once it exists.
    await expect(machineOption(page, name)).toHaveAttribute('aria-selected', 'true');
    await expect(machineDetails(page).getByRole('heading', { name, exact: true })).toBeVisible();
  }

  await cloneAs('full-copy', false);
  await expect(detailValue(page, 'MAC address')).not.toHaveText(sourceMac);
  await expect(detailValue(page, 'IP address')).not.toHaveText(sourceIp);
  await expect(detailValue(page, 'Origin')).toHaveText('Cloned from src-vm (full)');
  // A full clone copies the 20 GiB fixed disk; a linked clone owns only an empty differencing disk.
  const fullMiB = parseSpace(await settledDetail(page, 'Space used', /\d/));
  expect(fullMiB).toBeGreaterThanOrEqual(20 * 1024);

  await select(page, 'src-vm');
  await cloneAs('linked-copy', true, '10.0.2.77');
  await expect(detailValue(page, 'IP address')).toHaveText('10.0.2.77 (static)');
  await expect(detailValue(page, 'MAC address')).not.toHaveText(sourceMac);
  await expect(detailValue(page, 'Origin')).toHaveText(/^Cloned from src-vm \(linked, snapshot Linked Base for src-vm and linked-copy\)$/);
  expect(parseSpace(await settledDetail(page, 'Space used', /\d/))).toBeLessThan(fullMiB);
  // The source got the snapshot the linked clone hangs on.
  await select(page, 'src-vm');
  await detailsTab(page, 'Snapshots').click();
  await expect(snapshotNode(snapshotTree(page), 'Linked Base for src-vm and linked-copy')).toBeVisible();
});

test('deleting a machine frees its space in the host storage pool', async ({ appPage: page }) => {
  const disk = 30 * 1024;
  const empty = await atlasPoolUsedMiB(page);
  await createMachine(page, { name: 'temp-vm', diskAllocation: 'Fixed size', diskGiB: 30 });
  // The pool shows the new disk (read once it does, not before the view caught up).
  const withDisk = await atlasPoolUsedMiB(page, (used) => used >= empty + disk - 1);
  await select(page, 'temp-vm');
  await toolbarButton(page, 'Delete').click();
  await deleteDialog(page).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(machineOption(page, 'temp-vm')).toHaveCount(0);
  await atlasPoolUsedMiB(page, (used) => withDisk - used >= disk - 1);
});

test('changes settings of a stopped machine and they persist', async ({ appPage: page }) => {
  await createMachine(page, { name: 'cfg-vm', memoryMiB: 2048 });
  await select(page, 'cfg-vm');
  await toolbarButton(page, 'Settings').click();
  const settings = dialogTitled(page, 'Settings');
  await settings.getByLabel('Name', { exact: true }).fill('cfg-vm-renamed');
  await settings.getByRole('tab', { name: 'System', exact: true }).click();
  await expect(settings.getByLabel('Memory (MiB)', { exact: true })).toBeEnabled();
  await settings.getByLabel('Memory (MiB)', { exact: true }).fill('3072');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings).toBeHidden();

  await expect(machineDetails(page).getByRole('heading', { name: 'cfg-vm-renamed', exact: true })).toBeVisible();
  await expect(detailValue(page, 'Base memory')).toHaveText('3072 MiB');
  await toolbarButton(page, 'Settings').click();
  await expect(settings.getByLabel('Name', { exact: true })).toHaveValue('cfg-vm-renamed');
  await settings.getByRole('tab', { name: 'System', exact: true }).click();
  await expect(settings.getByLabel('Memory (MiB)', { exact: true })).toHaveValue('3072');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
});

test('refuses a static IP a running machine holds, naming it, and changes nothing', async ({ appPage: page }) => {
  await createRunningMachine(page, { name: 'holder-vm' });
  const holderIp = (await settledDetail(page, 'IP address', /^10\.0\.2\.\d+ \(DHCP\)$/)).split(' ')[0] ?? '';

  await createMachine(page, { name: 'other-vm' });
  await select(page, 'other-vm');
  const ipBefore = await settledDetail(page, 'IP address', /\((DHCP|static)\)$/);
  await toolbarButton(page, 'Settings').click();
  const settings = dialogTitled(page, 'Settings');
  await settings.getByRole('tab', { name: 'Network', exact: true }).click();
  const adapter = settings.getByRole('group', { name: 'Adapter 1', exact: true });
  await adapter.getByRole('radio', { name: 'Static', exact: true }).check();
  await adapter.getByLabel('Static IP address', { exact: true }).fill(holderIp);
  const refusal = `${holderIp} is already used by "holder-vm" on NatNetwork; choose another address`;
  // The engine's rule is checked as the address is typed, under the field it concerns.
  await expect(adapter.getByLabel('Static IP address', { exact: true })).toHaveAccessibleDescription(new RegExp(escapeRegExp(refusal)));
  // The same rule holds Save back while the address is refused.
  await expect(settings.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

  await settings.getByRole('button', { name: 'Cancel', exact: true }).click();
  const discard = dialogTitled(page, 'Discard changes?');
  await discard.getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(settings).toBeHidden();
  await expect(detailValue(page, 'IP address')).toHaveText(ipBefore);
});
