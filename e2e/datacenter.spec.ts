// Issue 13 end to end: live migration through the wizard, consolidating the ten-servers example, failing a host under HA.
import { test, expect } from './fixtures/webApp.ts';
import type { Page } from '@playwright/test';
import { clusterView, createRunningMachine, detailValue, hostTile, machineDetails, machineOption, machineRows, toolbarButton, viewTab } from './support/virtlabUi.ts';

// Boots take 8 simulated seconds and a 2 GiB memory copies in under 2; at 10× each is a moment.
test.use({ serverSpeed: 10 });

const rackHosts = Array.from({ length: 10 }, (_, i) => `Rack ${String(i + 1).padStart(2, '0')}`);

/** The guests a host tile lists, by name. */
const guestsOn = (page: Page, host: string) => hostTile(page, host).getByRole('list', { name: `Guests on ${host}` }).getByRole('listitem');

test('migrates a running machine live through the wizard: rounds and downtime shown, it keeps running with the same IP', async ({ appPage: page }) => {
  await createRunningMachine(page, { name: 'web-01', host: 'Rack 01', memoryMiB: 2048 });
  const ip = (await detailValue(page, 'IP address').textContent()) ?? '';
  expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+/);

  await toolbarButton(page, 'Migrate').click();
  const wizard = page.getByRole('dialog').filter({ hasText: 'Migrate “web-01”' });
  await expect(wizard).toBeVisible();
  const targets = wizard.getByRole('radiogroup', { name: 'Target host' });
  // Every other host with a type 1 platform is a target, with its predicted time and downtime.
  await expect(targets).toContainText(/Rack 02.*≈ [\d.]+ s in all · \d+ ms downtime · \d rounds?/s);
  await expect(targets).toContainText('Disks stay on shared storage: only memory moves');
  // Atlas is standalone: its disks would be copied first.
  await expect(targets).toContainText(/Atlas.*Disks on local storage/s);
  await wizard.getByRole('radio', { name: /^Rack 02/ }).check();
  await wizard.getByRole('button', { name: 'Migrate', exact: true }).click();

  const progress = wizard.getByRole('region', { name: 'Migration progress' });
  await expect(progress.getByText('Migration done')).toBeVisible();
  await expect(progress).toContainText(/Moved in [\d.]+ s with \d+ ms of downtime after \d pre-copy rounds? \(converged\)/);
  const rounds = progress.getByRole('table', { name: 'Pre-copy rounds' }).getByRole('row');
  // The header, the first full copy of its 2 GiB, any later rounds, and the stop-and-copy with the downtime.
  await expect(rounds.nth(1)).toContainText(/^1\s*2\.0 GiB/);
  await expect(rounds.last()).toContainText(/^Stop.*\d+ ms \(downtime\)$/);
  await expect(progress.getByRole('img', { name: /Pre-copy rounds of web-01/ })).toBeVisible();
  await expect(progress).toContainText(/“web-01” is Running on Rack 02/);
  await expect(progress).toContainText(`IP ${ip.split(' ')[0]}`);
  await expect(progress.getByText('unchanged')).toBeVisible();
  await wizard.getByRole('button', { name: 'Close' }).click();
  await expect(wizard).toBeHidden();

  // Never powered off: the list still says Running, the details show the new host and the same address.
  await expect(machineOption(page, 'web-01')).toHaveAccessibleName(/Running/);
  await expect(machineDetails(page)).toContainText('Rack 02');
  await expect(detailValue(page, 'IP address')).toHaveText(ip);
});

test('dragging a machine onto a host opens the wizard with that host chosen', async ({ appPage: page }) => {
  await createRunningMachine(page, { name: 'drag-me', host: 'Rack 01' });
  await viewTab(page, 'Cluster view').click();
  await expect(guestsOn(page, 'Rack 01').filter({ hasText: 'drag-me' })).toBeVisible();
  await guestsOn(page, 'Rack 01').filter({ hasText: 'drag-me' }).dragTo(hostTile(page, 'Rack 04'));
  const wizard = page.getByRole('dialog').filter({ hasText: 'Migrate “drag-me”' });
  await expect(wizard.getByRole('radio', { name: /^Rack 04/ })).toBeChecked();
  await wizard.getByRole('button', { name: 'Migrate', exact: true }).click();
  await expect(wizard.getByText('Migration done')).toBeVisible();
  await wizard.getByRole('button', { name: 'Close' }).click();
  await expect(guestsOn(page, 'Rack 04').filter({ hasText: 'drag-me' })).toBeVisible();
});

test('consolidates the ten-servers example onto one host and powers the nine others off', async ({ appPage: page }) => {
  await viewTab(page, 'Cluster view').click();
  await clusterView(page).getByRole('button', { name: 'Ten-servers example…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create servers' }).click();
  await expect(machineRows(page).and(page.getByRole('treeitem', { name: /\bRunning$/ }))).toHaveCount(10);
  for (const host of rackHosts) await expect(guestsOn(page, host)).toHaveCount(1);

  await clusterView(page).getByRole('button', { name: 'Consolidate…' }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: 'Consolidate Rack cluster' });
  const summary = dialog.getByRole('status');
  await expect(summary).toContainText(/9 moves · 9 hosts powered off afterwards · hosts on 10 → 1 · power (\d+) W → (\d+) W/);
  const [, before, after] = /power (\d+) W → (\d+) W/.exec((await summary.textContent()) ?? '')!;
  expect(Number(after)).toBeLessThan(Number(before) / 3);
  await expect(dialog.getByRole('table', { name: 'Hosts before and after' }).getByRole('row').filter({ hasText: 'off' })).toHaveCount(9);
  await dialog.getByRole('button', { name: 'Consolidate', exact: true }).click();
  await expect(dialog.getByText('Consolidation done')).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Consolidation log' })).toContainText(/moved to "Rack \d\d" in [\d.]+ s \(downtime \d+ ms\)/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  const offTiles = clusterView(page).getByRole('region', { name: 'Rack cluster' }).getByRole('article').filter({ has: page.getByText('Off', { exact: true }) });
  await expect(offTiles).toHaveCount(9);
  await expect(clusterView(page).getByRole('region', { name: 'Rack cluster' })).toContainText('1 of 10 hosts on');
  // All ten servers still run, on the one host left on.
  await expect(machineRows(page).and(page.getByRole('treeitem', { name: /\bRunning$/ }))).toHaveCount(10);
  const onTile = clusterView(page).getByRole('region', { name: 'Rack cluster' }).getByRole('article').filter({ has: page.getByText('On', { exact: true }) });
  await expect(onTile).toHaveCount(1);
  await expect(onTile.getByRole('listitem')).toHaveCount(10);
});

test('fails a host: its machines are aborted, then HA restarts them on other hosts', async ({ appPage: page }) => {
  await createRunningMachine(page, { name: 'app-1', host: 'Rack 03' });
  await createRunningMachine(page, { name: 'app-2', host: 'Rack 03' });
  await viewTab(page, 'Cluster view').click();
  const rack = clusterView(page).getByRole('region', { name: 'Rack cluster' });
  await rack.getByRole('checkbox', { name: 'HA' }).check();
  await expect(rack.getByRole('checkbox', { name: 'HA' })).toBeChecked();

  await hostTile(page, 'Rack 03').getByRole('button', { name: 'Actions for Rack 03' }).click();
  await page.getByRole('menuitem', { name: /Fail host/ }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: 'Fail “Rack 03”?' });
  await expect(confirm).toContainText('HA is on for Rack cluster');
  await confirm.getByRole('button', { name: 'Fail host' }).click();

  await expect(hostTile(page, 'Rack 03')).toContainText('Failed');
  // Restarted once HA confirmed the failure, on other hosts.
  for (const name of ['app-1', 'app-2']) await expect(machineOption(page, name)).toHaveAccessibleName(/\bRunning$/);
  await expect(hostTile(page, 'Rack 03').getByText('Dark', { exact: true })).toBeVisible();
  // The machine's own log keeps what happened: aborted by the power loss, then started elsewhere.
  await machineOption(page, 'app-1').click();
  const events = machineDetails(page).getByRole('list', { name: 'Machine events' });
  await expect(events).toContainText('Aborted: host "Rack 03" lost power');
  await expect(events).toContainText(/HA restarted "app-1"/);
  await viewTab(page, 'Cluster view').click();
  const operations = clusterView(page).getByRole('region', { name: 'Cluster operations' });
  await expect(operations.getByRole('list', { name: 'HA restart log' })).toContainText(/HA restarted "app-1" \(medium priority\) on "Rack \d\d"/);
  await expect(operations.getByRole('list', { name: 'HA restart log' })).toContainText(/HA restarted "app-2"/);
});
