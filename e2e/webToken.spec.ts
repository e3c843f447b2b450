// A tab left open while the web-mode server restarts: same library, it reconnects; a new token, it says so plainly.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer } from './fixtures/webServer.ts';
import type { WebServer } from './fixtures/webServer.ts';
import { createMachine, machineList, statusBar } from './support/virtlabUi.ts';

/** A port that is free now, so each restart can listen where the open tab expects the server. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

test('an open tab survives a restart on the same library, and a new token is explained, not called unreachable', async ({ page }) => {
  const libraryDir = mkdtempSync(join(tmpdir(), 'virtlab-token-'));
  const port = await freePort();
  let server: WebServer | undefined = await startWebServer({ libraryDir, port });
  try {
    await page.goto(server.url);
    await createMachine(page, { name: 'kept-01' });

    await server.stop();
    await expect(statusBar(page)).toContainText('Disconnected, reconnecting');
    server = await startWebServer({ libraryDir, port });
    await expect(statusBar(page)).toContainText('Connected');
    await expect(machineList(page).getByRole('treeitem', { name: /kept-01/ })).toBeVisible();

    await server.stop();
    server = await startWebServer({ libraryDir, port, extraArgs: ['--new-token'] });
    const notice = page.getByRole('alert').filter({ hasText: 'access token is no longer valid' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Open the URL the server printed');
    await expect(statusBar(page)).toContainText('Access token no longer valid');
    await expect(page.getByText('Cannot reach the Virtlab backend')).toHaveCount(0);

    // The URL the server printed works.
    await page.goto(server.url);
    await expect(machineList(page).getByRole('treeitem', { name: /kept-01/ })).toBeVisible();
    await expect(notice).toHaveCount(0);
  } finally {
    await server?.stop();
    rmSync(libraryDir, { recursive: true, force: true });
  }
});
