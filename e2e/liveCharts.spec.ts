// A person watches live charts: the mini chart opens on the last minute, history and live meet without a hole, one CPU figure per host.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures/webApp.ts';
import type { Locator, Page } from '@playwright/test';
import { cpuMemoryChart, createRunningMachine, machineDetails, machineOption, statusBar, viewTab } from './support/virtlabUi.ts';

// Slow enough that a minute of live samples takes half a minute to arrive, so a chart full from the start must be history.
test.use({ serverSpeed: 2 });

const activityPanel = (page: Page): Locator => machineDetails(page).getByRole('region', { name: 'Activity', exact: true });

async function simulatedSeconds(page: Page): Promise<number> {
  const match = /(\d+):(\d\d):(\d\d)/.exec(await statusBar(page).innerText());
  if (!match) throw new Error('no simulated time in the status bar');
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** Coloured (line or fill, not grey grid or text) pixels in a horizontal band of the canvas, as fractions of its width. */
async function colouredPixels(chart: Locator, fromX: number, toX: number): Promise<number> {
  return chart.evaluate(
    (element, [from, to]) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0) return 0;
      const x0 = Math.floor(canvas.width * from);
      const { data } = context.getImageData(x0, 0, Math.max(1, Math.floor(canvas.width * to) - x0), Math.floor(canvas.height * 0.8));
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r = 0, g = 0, b = 0, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) count += 1;
      }
      return count;
    },
    [fromX, toX] as const,
  );
}

test('the details chart opens on the recorded minute, and the Activity charts continue it without a hole', async ({ appPage: page }) => {
  await createRunningMachine(page, { name: 'web-01', osType: 'Debian (64-bit)', workload: 'Web server', vcpus: 2, memoryMiB: 2048 });
  const started = await simulatedSeconds(page);
  await expect.poll(() => simulatedSeconds(page), { message: 'the machine runs for more than a simulated minute', timeout: 5 * 60_000 }).toBeGreaterThan(started + 70);

  // A fresh window: nothing live yet, so whatever the chart shows at its left edge comes from the recorded history.
  await page.reload();
  await machineOption(page, 'web-01').click();
  const chart = cpuMemoryChart(page);
  await expect(chart).toBeVisible();
  const opened = await simulatedSeconds(page);
  await expect.poll(() => colouredPixels(chart, 0.08, 0.2), { message: 'the oldest part of the minute is drawn' }).toBeGreaterThan(50);
  expect(await simulatedSeconds(page), 'drawn before live samples could have reached that far').toBeLessThan(opened + 40);

  // The Activity tab loads history and continues live: every second of the minute has every metric.
  await machineDetails(page).getByRole('tab', { name: 'Activity', exact: true }).click();
  const status = activityPanel(page).getByRole('status', { name: 'Activity status' });
  await expect(status).toContainText('Live');
  const shownFrom = await simulatedSeconds(page);
  await expect.poll(() => simulatedSeconds(page), { message: 'live samples arrive after the history' }).toBeGreaterThan(shownFrom + 5);
  await activityPanel(page).getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(status).toContainText('Paused at');
  for (const chartName of ['CPU', 'Memory', 'Disk', 'Network']) {
    const downloading = page.waitForEvent('download');
    await activityPanel(page).getByRole('button', { name: `Export ${chartName} data as CSV` }).click();
    const rows = (await readFile(await (await downloading).path(), 'utf8')).trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(50);
    const holes = rows.filter((row) => row.split(',').slice(2).some((cell) => cell === ''));
    expect(holes, `${chartName}: seconds with a missing value while the machine ran`).toEqual([]);
  }

  // Overheads are on one basis, and it is named.
  await expect(activityPanel(page).getByRole('heading', { name: /CPU · % of guest vCPUs/ })).toBeVisible();
  await machineDetails(page).getByRole('tab', { name: 'Details', exact: true }).click();
  const breakdown = machineDetails(page).getByRole('region', { name: 'Overhead breakdown' });
  await expect(breakdown).toContainText(/overhead [\d.]+ cores \([\d.]+ % of guest vCPUs\)/);
  await expect(breakdown).toContainText('Percentages are of guest vCPUs (2 vCPUs = 100 %)');
});

test("a host's header CPU is the figure its per-core panel adds up to", async ({ appPage: page }) => {
  await createRunningMachine(page, { name: 'db-01', osType: 'Debian (64-bit)', workload: 'Database (OLTP)', vcpus: 2 });
  await viewTab(page, 'Hosts view').click();
  const atlas = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Atlas', exact: true }) });
  const overall = atlas.getByText(/% overall$/);
  await expect(overall).toBeVisible();
  // Read both in one go: they come from the same second.
  const read = () =>
    atlas.evaluate((card) => ({
      header: card.querySelector('.host-card__meter-label span:last-child')?.textContent?.trim() ?? '',
      overall: [...card.querySelectorAll('.host-activity__label span')].map((s) => s.textContent?.trim() ?? '').find((t) => t.endsWith('overall')) ?? '',
    }));
  await expect.poll(async () => (await read()).header, { message: 'the host is busy' }).not.toBe('0 %');
  const { header, overall: text } = await read();
  expect(`${header} overall`).toBe(text);
});
