// A person with fifty machines files them into groups, finds them by search and starts a whole group at once; one refusal is named.
import { test, expect } from './fixtures/webApp.ts';
import type { Page } from '@playwright/test';
import { groupRow, machineDetails, machineList, machineOption, machineRows, statusBar, useHostDrive } from './support/virtlabUi.ts';

test.use({ serverSpeed: 20 });

/** The library this person opens already holds fifty machines (made here through the API, as a script would). */
async function fiftyMachines(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const url = new URL(location.href);
    const socket = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token') ?? ''}`);
    await new Promise((resolve) => (socket.onopen = resolve));
    let left = 50;
    const done = new Promise<void>((resolve) => {
      socket.onmessage = (event) => {
        if (typeof event.data === 'string' && JSON.parse(event.data).kind === 'result' && --left === 0) resolve();
      };
    });
    for (let i = 1; i <= 50; i++) {
      const name = i <= 25 ? `web-${String(i).padStart(2, '0')}` : `db-${String(i - 25).padStart(2, '0')}`;
      socket.send(JSON.stringify({ kind: 'call', id: i, method: 'createMachine', params: { name, osType: 'debian64', vcpus: 1, memoryMiB: 256, diskGiB: 2, workload: 'idle' } }));
    }
    await done;
    socket.close();
  });
}

async function moveShownTo(page: Page, group: string): Promise<void> {
  await machineRows(page).first().click();
  await machineList(page).press('Control+a');
  const selection = page.getByRole('region', { name: 'Selection' });
  await expect(selection).toContainText('25 selected');
  await selection.getByRole('button', { name: /^Actions for 25 selected machines/ }).click();
  await page.getByRole('menuitem', { name: /^Move to group/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Move to group' });
  await dialog.getByRole('combobox', { name: 'Group' }).fill(group);
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('groups fifty machines, finds them by search and starts a whole group with one progress view', async ({ appPage: page }) => {
  await fiftyMachines(page);
  await expect(statusBar(page)).toContainText(/(?<!\d)50 machines/);
  const search = page.getByRole('textbox', { name: 'Search machines', exact: true });

  await search.fill('web-');
  await expect(page.getByRole('navigation', { name: 'Machine list' })).toContainText('25 of 50');
  await moveShownTo(page, 'lab/web');
  await search.fill('db-');
  await moveShownTo(page, 'lab/db');
  await search.fill('');

  await expect(groupRow(page, 'lab')).toHaveAccessibleName('Group lab 50 machines');
  await expect(groupRow(page, 'db')).toHaveAccessibleName('Group db 25 machines');
  // Collapsing a group hides its machines; the group keeps counting them, and the next group comes into view.
  await groupRow(page, 'db').click();
  await expect(groupRow(page, 'db')).toHaveAttribute('aria-expanded', 'false');
  await expect(machineList(page).getByRole('treeitem', { name: /^db-01 / })).toHaveCount(0);
  await expect(groupRow(page, 'web')).toHaveAccessibleName('Group web 25 machines');

  // Search reaches into collapsed groups; by tag-like words, kind and host as well.
  await search.fill('db-07');
  await expect(machineRows(page)).toHaveCount(1);
  await expect(machineRows(page).first()).toHaveAccessibleName(/^db-07 .*Powered Off$/);
  await search.fill('');

  // web-01 and db-01 both use the host's DVD drive, which one running machine holds at a time: when the group starts,
  // one of the two is refused, and the result says which and why.
  for (const name of ['web-01', 'db-01']) {
    await search.fill(name);
    await useHostDrive(page, name);
  }
  await search.fill('');

  // The whole lab group starts from its context menu, with one progress view and a result per machine.
  await groupRow(page, 'lab').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /^Start all/ }).click();
  const progress = page.getByRole('dialog', { name: /^Start: 50 machines/ });
  await expect(progress).toContainText('Start: 49 of 50 machines started, 1 failed');
  const failed = progress.getByRole('list', { name: 'Machines that failed' });
  await expect(failed.getByRole('listitem')).toHaveCount(1);
  await expect(failed).toContainText(/web-01: The host DVD drive of ".+" is held by running machine "db-01"/);
  await expect(progress.getByRole('list', { name: 'Machines done' })).toContainText('db-02: started');
  await progress.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(statusBar(page)).toContainText(/(?<!\d)49 running/);
  await expect(groupRow(page, 'lab')).toHaveAccessibleName('Group lab 50 machines · 49 running');

  // The result stays in the notification center until dismissed, and the refusal stays in web-01's log.
  await page.getByRole('button', { name: /^Notifications/ }).click();
  const center = page.getByRole('region', { name: 'Notification center' });
  const notice = 'Start: 49 of 50 machines started, 1 failed';
  await expect(center).toContainText(notice);
  await center.getByRole('button', { name: `Dismiss: ${notice}` }).click();
  await expect(center).not.toContainText(notice);
  await page.keyboard.press('Escape');
  await search.fill('web-01');
  await machineOption(page, 'web-01').click();
  await expect(machineDetails(page).getByRole('list', { name: 'Machine events' })).toContainText('is held by running machine "db-01"');
});
