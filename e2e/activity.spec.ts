// A person watches machines live: the Activity tab's four charts, ranges, pause, CSV export; the all-machines table; host cores.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures/webApp.ts';
import type { Locator, Page } from '@playwright/test';
import { canvasPixels, createRunningMachine, machineDetails, machineOption, statusBar, viewTab } from './support/virtlabUi.ts';

// Fast enough that values move every few hundred milliseconds, slow enough to read.
test.use({ serverSpeed: 5 });

const charts = ['CPU', 'Memory', 'Disk', 'Network'] as const;
const activityTab = (page: Page): Locator => machineDetails(page).getByRole('tab', { name: 'Activity', exact: true });
const activityPanel = (page: Page): Locator => machineDetails(page).getByRole('region', { name: 'Activity', exact: true });
const chartCanvas = (page: Page, chart: string, machine: string): Locator => activityPanel(page).getByRole('img', { name: `${chart} chart of ${machine}` });
const currentValues = (page: Page, chart: string): Locator => activityPanel(page).getByRole('list', { name: `${chart} current values` });
const activityTable = (page: Page): Locator => page.getByRole('table', { name: 'All machines activity' });

/** "00:01:05" in the status bar as seconds. */
async function simulatedSeconds(page: Page): Promise<number> {
  const match = /(\d+):(\d\d):(\d\d)/.exec(await statusBar(page).innerText());
  if (!match) throw new Error('no simulated time in the status bar');
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** The numbers a chart's summary shows, by series label ("Guest" → 23.4). */
async function summaryNumbers(page: Page, chart: string): Promise<Record<string, number>> {
  const items = await currentValues(page, chart).getByRole('listitem').allInnerTexts();
  const out: Record<string, number> = {};
  for (const item of items) {
    const match = /^(.*?)\s+(-?[\d.]+)\s*(%|MiB|MB\/s)$/s.exec(item.replace(/\s+/g, ' ').trim());
    if (match?.[1] && match[2]) out[match[1]] = Number(match[2]);
  }
  return out;
}

test('the Activity tab draws four live charts, switches range, pauses and exports what it shows', async ({ appPage: page }) => {
  await createRunningMachine(page, { name: 'web-01', osType: 'Debian (64-bit)', workload: 'Web server', vcpus: 2, memoryMiB: 2048 });
  await activityTab(page).click();
  await expect(activityPanel(page)).toBeVisible();

  for (const chart of charts) {
    const canvas = chartCanvas(page, chart, 'web-01');
    await expect(canvas).toBeVisible();
    await expect.poll(async () => (await canvasPixels(canvas)).painted, { message: `the ${chart} chart draws` }).toBeGreaterThan(500);
  }
  // Each chart's values move as samples arrive.
  for (const chart of charts) {
    const before = await currentValues(page, chart).innerText();
    await expect.poll(() => currentValues(page, chart).innerText(), { message: `${chart} values change over time` }).not.toBe(before);
  }
  const cpu = await summaryNumbers(page, 'CPU');
  expect(Object.keys(cpu)).toEqual(['Guest', 'VMM / overhead', 'Ready time']);
  const memory = await summaryNumbers(page, 'Memory');
  expect(memory.Used).toBeGreaterThan(0);
  expect(memory.Configured).toBe(2048);

  // Ranges: the axis widens, the charts keep drawing.
  const ranges = activityPanel(page).getByRole('group', { name: 'Time range' });
  await ranges.getByRole('button', { name: 'Last 10 minutes' }).click();
  await expect(ranges.getByRole('button', { name: 'Last 10 minutes' })).toHaveAttribute('aria-pressed', 'true');
  await ranges.getByRole('button', { name: 'All recorded' }).click();
  await expect(ranges.getByRole('button', { name: 'All recorded' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await canvasPixels(chartCanvas(page, 'CPU', 'web-01'))).painted).toBeGreaterThan(500);
  await ranges.getByRole('button', { name: 'Last minute' }).click();
  await expect(activityPanel(page).getByRole('status', { name: 'Activity status' })).toContainText('Live');

  // Paused: simulated time goes on, the charts do not.
  await activityPanel(page).getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(activityPanel(page).getByRole('status', { name: 'Activity status' })).toContainText('Paused at');
  const frozen = await currentValues(page, 'CPU').innerText();
  const frozenPixels = await canvasPixels(chartCanvas(page, 'CPU', 'web-01'));
  const pausedAt = await simulatedSeconds(page);
  await expect.poll(() => simulatedSeconds(page), { message: 'simulated time passes while paused' }).toBeGreaterThan(pausedAt + 5);
  expect(await currentValues(page, 'CPU').innerText()).toBe(frozen);
  expect((await canvasPixels(chartCanvas(page, 'CPU', 'web-01'))).checksum).toBe(frozenPixels.checksum);

  // Export CSV: its last row is what the summary shows.
  const downloading = page.waitForEvent('download');
  await activityPanel(page).getByRole('button', { name: 'Export CPU data as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('web-01-cpu-1m.csv');
  const csv = (await readFile(await download.path(), 'utf8')).trim().split('\n');
  expect(csv[0]).toBe('Simulated time,Simulated ms,Guest (%),VMM / overhead (%),Ready time (%),CPU total (%)');
  expect(csv.length).toBeGreaterThan(5);
  const last = (csv.at(-1) ?? '').split(',');
  const shown = await summaryNumbers(page, 'CPU');
  // The CSV keeps one decimal; the screen rounds by the app's one rule (whole percents from 10, one decimal below).
  const series = [['Guest', last[2]], ['VMM / overhead', last[3]], ['Ready time', last[4]]] as const;
  for (const [label, cell] of series) {
    const exported = Number(cell);
    expect(Math.abs((shown[label] ?? Number.NaN) - exported), `${label}: ${shown[label]} on screen, ${exported} in the CSV`).toBeLessThanOrEqual(exported < 10 ? 0.05 : 0.5);
  }
  expect(last[0]).toMatch(/^\d\d:\d\d:\d\d$/);
  await expect(activityPanel(page).getByRole('status', { name: 'Activity status' })).toContainText(`Paused at ${last[0]}`);

  // Save PNG: a real PNG image of the chart.
  const saving = page.waitForEvent('download');
  await activityPanel(page).getByRole('button', { name: 'Save CPU chart as PNG' }).click();
  const png = await saving;
  expect(png.suggestedFilename()).toBe('web-01-cpu-1m.png');
  const bytes = await readFile(await png.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(2000);
  // Framed: as wide as the chart, taller by the title, time range and legend drawn above and below it.
  const canvasSize = await chartCanvas(page, 'CPU', 'web-01').evaluate((c) => ({ width: (c as HTMLCanvasElement).width, height: (c as HTMLCanvasElement).height }));
  expect(bytes.readUInt32BE(16)).toBe(canvasSize.width);
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(canvasSize.height + 40);

  // Resume catches up.
  await activityPanel(page).getByRole('button', { name: 'Resume', exact: true }).click();
  await expect.poll(() => currentValues(page, 'CPU').innerText(), { message: 'values move again after Resume' }).not.toBe(frozen);
  await expect(activityPanel(page).getByRole('status', { name: 'Activity status' })).toContainText('Live');
});

test('the all-machines table sorts by a column and updates live; the host dashboard shows every core', async ({ appPage: page }) => {
  await createRunningMachine(page, { name: 'db-01', osType: 'Debian (64-bit)', workload: 'Database (OLTP)', vcpus: 2 });
  await createRunningMachine(page, { name: 'web-01', osType: 'Debian (64-bit)', workload: 'Web server', vcpus: 1 });

  await viewTab(page, 'Activity view').click();
  const table = activityTable(page);
  await expect(table).toBeVisible();
  const rows = table.getByRole('row').filter({ has: page.getByRole('rowheader') });
  await expect(rows).toHaveCount(2);
  const cpuCell = (name: string): Locator => table.locator(`[data-machine="${name}"] [data-column="cpuPct"]`);
  await expect(cpuCell('db-01')).toHaveText(/^\d+(\.\d)? %$/);
  const firstReading = await cpuCell('db-01').innerText();
  await expect.poll(() => cpuCell('db-01').innerText(), { message: 'the table updates live' }).not.toBe(firstReading);

  // Sort by CPU from the keyboard: busiest first, then the other way round.
  const cpuHeader = table.getByRole('columnheader', { name: 'Sort by CPU' });
  await cpuHeader.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(cpuHeader).toHaveAttribute('aria-sort', 'descending');
  const readOrder = async (): Promise<number[]> => (await table.locator('[data-column="cpuPct"]').allInnerTexts()).map((t) => Number.parseFloat(t));
  await expect.poll(async () => { const v = await readOrder(); return v.every((x, i) => i === 0 || (v[i - 1] ?? 0) >= x); }).toBe(true);
  await page.keyboard.press('Enter');
  await expect(cpuHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => { const v = await readOrder(); return v.every((x, i) => i === 0 || (v[i - 1] ?? 0) <= x); }).toBe(true);
  await table.getByRole('columnheader', { name: 'Sort by Name' }).getByRole('button').click();
  await expect(rows.getByRole('rowheader')).toHaveText(['db-01', 'web-01']);

  // Opening a machine from the table shows its details.
  await table.getByRole('button', { name: 'Open web-01' }).click();
  await expect(machineOption(page, 'web-01')).toHaveAttribute('aria-selected', 'true');
  await expect(machineDetails(page).getByRole('heading', { name: 'web-01' })).toBeVisible();

  await viewTab(page, 'Hosts view').click();
  const cores = page.getByRole('list', { name: /^Core utilisation of / }).first();
  await expect(cores.getByRole('listitem').first()).toBeVisible();
  await expect.poll(() => cores.getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
  await expect(cores.getByRole('listitem').first()).toHaveAccessibleName(/^Core 0: \d+(\.\d)? %$/);
  await expect(page.getByRole('list', { name: /^Busiest guests on / }).filter({ hasText: 'web-01' })).toBeVisible();
  await expect(page.getByRole('group', { name: /^Memory of / }).first()).toContainText(/overcommit \d/);
});
