// axe finds no serious or critical violation on any view or dialog, in the light theme and in the dark one.
import { test, expect } from './fixtures/webApp.ts';
import type { Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { createMachine, createRunningMachine, dialogTitled, machineDetails, machineOption, toolbarButton, viewTab } from './support/virtlabUi.ts';

test.use({ serverSpeed: 10 });
// About twenty screens, each analysed whole: minutes on a quiet machine and many more on a busy one (a helper's run at
// load 20 passed 6 minutes). The limit only stops a hang, so it is far above any slow run.
test.setTimeout(30 * 60_000);

async function checkDialog(page: Page, open: () => Promise<void>, name: string | RegExp, where: string): Promise<void> {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, where);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

async function everyScreen(page: Page, theme: string): Promise<void> {
  await machineOption(page, 'web-01').click();
  await expectAccessible(page, `${theme}: machine details`);
  for (const tab of ['Activity', 'Snapshots'] as const) {
    await machineDetails(page).getByRole('tab', { name: tab, exact: true }).click();
    await expect(machineDetails(page).getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
    await expectAccessible(page, `${theme}: ${tab} tab`);
  }
  await machineDetails(page).getByRole('tab', { name: 'Details', exact: true }).click();
  for (const view of ['Hosts view', 'Activity view', 'Sprawl view'] as const) {
    await viewTab(page, view).click();
    await expect(viewTab(page, view)).toHaveAttribute('aria-selected', 'true');
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await expectAccessible(page, `${theme}: ${view}`);
  }
  await viewTab(page, 'Machines view').click();
  await machineOption(page, 'db-01').click({ modifiers: ['Control'] });
  await expect(page.getByRole('region', { name: 'Selected machines' })).toBeVisible();
  await expectAccessible(page, `${theme}: selection summary`);
  await checkDialog(page, () => page.getByRole('region', { name: 'Selected machines' }).getByRole('button', { name: /^Move to group/ }).click(), 'Move to group', `${theme}: move to group`);
  await checkDialog(page, () => page.getByRole('region', { name: 'Selected machines' }).getByRole('button', { name: /^Tags/ }).click(), 'Tags', `${theme}: tags`);
  await checkDialog(page, () => page.getByRole('region', { name: 'Selected machines' }).getByRole('button', { name: /^Take snapshot/ }).click(), 'Take snapshots', `${theme}: bulk snapshot`);
  await checkDialog(page, () => page.getByRole('region', { name: 'Selected machines' }).getByRole('button', { name: /^Power off/ }).click(), /^Power off 1 machine/, `${theme}: confirm power off`);
  // One progress view with its results: pausing the running one of the two.
  await page.getByRole('region', { name: 'Selected machines' }).getByRole('button', { name: /^Pause/ }).click();
  const progress = page.getByRole('dialog', { name: /^Pause: 1 machine/ });
  await expect(progress).toContainText('paused');
  await expectAccessible(page, `${theme}: bulk progress and results`);
  await progress.getByRole('button', { name: 'Close', exact: true }).click();
  await machineOption(page, 'web-01').click({ button: 'right' });
  await expect(page.getByRole('menu', { name: /^Actions for/ })).toBeVisible();
  await expectAccessible(page, `${theme}: context menu`);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Filters/ }).click();
  await expect(page.getByRole('button', { name: 'Clear search and filters' })).toBeVisible();
  await expectAccessible(page, `${theme}: filters`);
  await page.keyboard.press('Escape');
  await machineOption(page, 'db-01').click();
  await checkDialog(page, () => toolbarButton(page, 'Delete').click(), 'Delete machine?', `${theme}: delete confirmation`);
  await machineDetails(page).getByRole('tab', { name: 'Snapshots', exact: true }).click();
  await checkDialog(page, () => machineDetails(page).getByRole('button', { name: 'Take Snapshot', exact: true }).click(), /Take Snapshot/, `${theme}: take snapshot`);
  await machineDetails(page).getByRole('tab', { name: 'Details', exact: true }).click();
  await machineOption(page, 'web-01').click();
  await checkDialog(page, () => toolbarButton(page, 'New').click(), /New Machine/, `${theme}: new machine wizard`);
  await checkDialog(page, () => toolbarButton(page, 'Settings').click(), /Settings/, `${theme}: settings`);
  await checkDialog(page, () => toolbarButton(page, 'Clone').click(), /Clone Machine/, `${theme}: clone wizard`);
  await checkDialog(page, () => machineDetails(page).getByRole('button', { name: 'Edit labels of web-01' }).click(), 'Labels of web-01', `${theme}: labels`);
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: /^Export Appliance/ }).click();
  await expect(dialogTitled(page, 'Export Appliance')).toBeVisible();
  await expectAccessible(page, `${theme}: export wizard`);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: /^Import Appliance/ }).click();
  await expect(dialogTitled(page, 'Import Appliance')).toBeVisible();
  await expectAccessible(page, `${theme}: import wizard`);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: /^Library/ }).click();
  await expect(page.getByRole('dialog').filter({ hasText: 'Library' }).first()).toBeVisible();
  await expectAccessible(page, `${theme}: library`);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(page.getByRole('region', { name: 'Notification center' })).toBeVisible();
  await expectAccessible(page, `${theme}: notification center`);
  await page.keyboard.press('Escape');
}

for (const theme of ['light', 'dark'] as const) {
  test(`every view and dialog passes axe in the ${theme} theme`, async ({ appPage: page }) => {
    await createRunningMachine(page, { name: 'web-01' });
    await createMachine(page, { name: 'db-01' });
    const toggle = page.getByRole('button', { name: /^Switch to (dark|light) theme$/ });
    if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    else if ((await toggle.getAttribute('aria-label')) === 'Switch to light theme') await toggle.click();
    await expect(page.getByRole('button', { name: theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme' })).toBeVisible();
    await everyScreen(page, theme);
  });
}
