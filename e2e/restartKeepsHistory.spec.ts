// After a server restart a person finds each machine's events (a refusal too) and activity history, and the clock carries on.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer } from './fixtures/webServer.ts';
import type { WebServer } from './fixtures/webServer.ts';
import { createMachine, createRunningMachine, machineDetails, machineOption, statusBar, toolbarButton, useHostDrive } from './support/virtlabUi.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** "Simulated time 00:01:23" → seconds. */
function simSeconds(text: string): number {
  const match = /(\d+)d (\d+):(\d+):(\d+)|(\d+):(\d+):(\d+)/.exec(text);
  if (!match) throw new Error(`no clock in "${text}"`);
  const [d, h, m, s] = match[1] ? [match[1], match[2], match[3], match[4]] : ['0', match[5], match[6], match[7]];
  return Number(d) * 86_400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
}

test('events, a refusal and activity history survive a restart of the server, and the simulated clock continues', async ({ page }) => {
  const libraryDir = mkdtempSync(join(tmpdir(), 'virtlab-restart-'));
  const port = await freePort();
  let server: WebServer | undefined = await startWebServer({ libraryDir, port, speed: 10 });
  try {
    await page.goto(server.url);
    await createRunningMachine(page, { name: 'keeper' });
    // Both use the host's DVD drive, which one running machine holds at a time: starting the second is refused.
    await createMachine(page, { name: 'twin' });
    await machineOption(page, 'keeper').click();
    await toolbarButton(page, 'Stop').click();
    await expect(machineOption(page, 'keeper')).toHaveAccessibleName(/Powered Off/);
    await useHostDrive(page, 'keeper');
    await useHostDrive(page, 'twin');
    await machineOption(page, 'keeper').click();
    await toolbarButton(page, 'Start').click();
    await expect(machineOption(page, 'keeper')).toHaveAccessibleName(/Running/);
    await machineOption(page, 'twin').click();
    await toolbarButton(page, 'Start').click();
    const twinEvents = machineDetails(page).getByRole('list', { name: 'Machine events' });
    await expect(twinEvents).toContainText('is held by running machine "keeper"');

    // Some activity to keep: the keeper's Activity tab fills with samples.
    await machineOption(page, 'keeper').click();
    await machineDetails(page).getByRole('tab', { name: 'Activity', exact: true }).click();
    await expect(machineDetails(page).getByRole('img', { name: /^CPU chart of keeper/ })).toBeVisible();
    await expect(machineDetails(page).getByText('No activity recorded yet')).toHaveCount(0);
    const clockBefore = simSeconds((await statusBar(page).textContent()) ?? '');
    expect(clockBefore).toBeGreaterThan(0);

    await server.stop();
    await expect(statusBar(page)).toContainText('Disconnected, reconnecting');
    server = await startWebServer({ libraryDir, port, speed: 10 });
    await expect(statusBar(page)).toContainText('Connected');

    // The clock went on from where it stopped, not from zero.
    await expect.poll(async () => simSeconds((await statusBar(page).textContent()) ?? '')).toBeGreaterThanOrEqual(clockBefore);
    await machineOption(page, 'keeper').click();
    await machineDetails(page).getByRole('tab', { name: 'Activity', exact: true }).click();
    await expect(machineDetails(page).getByRole('img', { name: /^CPU chart of keeper/ })).toBeVisible();
    await expect(machineDetails(page).getByText('No activity recorded yet')).toHaveCount(0);
    await machineDetails(page).getByRole('tab', { name: 'Details', exact: true }).click();
    await expect(machineDetails(page).getByRole('list', { name: 'Machine events' })).toContainText('Running');

    await machineOption(page, 'twin').click();
    const events = machineDetails(page).getByRole('list', { name: 'Machine events' });
    await expect(events).toContainText('is held by running machine "keeper"');
    // The log is searchable: only the refusal matches "DVD drive".
    await machineDetails(page).getByRole('textbox', { name: 'Search machine events' }).fill('DVD drive');
    await expect(events.getByRole('listitem')).toHaveCount(1);
  } finally {
    await server?.stop();
    rmSync(libraryDir, { recursive: true, force: true });
  }
});
