// A person creates a machine, runs it through its whole life cycle while watching its chart, and deletes it.
import { test, expect } from './fixtures/webApp.ts';
import {
  canvasPixels,
  cpuMemoryChart,
  deleteDialog,
  expectMachineState,
  fillWizard,
  machineDetails,
  machineRows,
  machineOption,
  statusBar,
  toolbarButton,
  wizard,
} from './support/virtlabUi.ts';

test('create, start, watch, pause, resume, stop and delete a machine', async ({ appPage: page }) => {
  await expect(machineRows(page)).toHaveCount(0);
  await expect(statusBar(page)).toContainText(/(?<!\d)0 machines/);

  await toolbarButton(page, 'New').click();
  const dialog = await fillWizard(page, { name: 'web-01', osType: 'Debian (64-bit)', vcpus: 2, memoryMiB: 2048, diskGiB: 30 });
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard(page)).toBeHidden();

  const option = machineOption(page, 'web-01');
  await expect(option).toBeVisible();
  await expect(option).toHaveAccessibleName(/Powered Off/);
  await option.click();
  await expect(option).toHaveAttribute('aria-selected', 'true');

  const details = machineDetails(page);
  await expect(details.getByRole('heading', { name: 'web-01' })).toBeVisible();
  await expect(details).toContainText('Powered Off');
  await expect(details).toContainText('Debian (64-bit)');
  await expect(details).toContainText(/(?<!\d)2 vCPUs/);
  await expect(details).toContainText(/(?<!\d)2048 MiB/);
  await expect(details).toContainText(/(?<!\d)30 GiB/);
  await expect(details).toContainText(/([0-9a-f]{2}:){5}[0-9a-f]{2}/i);
  await expect(toolbarButton(page, 'Pause')).toBeDisabled();
  await expect(toolbarButton(page, 'Resume')).toBeDisabled();
  await expect(toolbarButton(page, 'Stop')).toBeDisabled();

  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, 'web-01', 'Starting');
  await expectMachineState(page, 'web-01', 'Running');
  await expect(statusBar(page)).toContainText(/(?<!\d)1 running/);
  await expect(toolbarButton(page, 'Start')).toBeDisabled();
  await expect(toolbarButton(page, 'Delete')).toBeDisabled();

  const chart = cpuMemoryChart(page);
  await expect(chart).toBeVisible();
  await expect.poll(async () => (await canvasPixels(chart)).painted, { message: 'the chart draws something' }).toBeGreaterThan(200);
  const first = await canvasPixels(chart);
  await expect
    .poll(async () => (await canvasPixels(chart)).checksum, { message: 'the chart is redrawn as samples arrive' })
    .not.toBe(first.checksum);

  await toolbarButton(page, 'Pause').click();
  await expectMachineState(page, 'web-01', 'Paused');
  await expect(chart).toBeVisible();
  await toolbarButton(page, 'Resume').click();
  await expectMachineState(page, 'web-01', 'Running');

  await toolbarButton(page, 'Stop').click();
  await expectMachineState(page, 'web-01', 'Powered Off');
  await expect(chart).toBeHidden();
  await expect(statusBar(page)).toContainText(/(?<!\d)0 running/);

  await toolbarButton(page, 'Delete').click();
  const confirm = deleteDialog(page);
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('web-01');
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(machineRows(page)).toHaveCount(0);
  await expect(statusBar(page)).toContainText(/(?<!\d)0 machines/);
});

test('cancelling the delete confirmation keeps the machine', async ({ appPage: page }) => {
  await toolbarButton(page, 'New').click();
  const dialog = await fillWizard(page, { name: 'keep-me' });
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await machineOption(page, 'keep-me').click();

  await toolbarButton(page, 'Delete').click();
  const confirm = deleteDialog(page);
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(machineOption(page, 'keep-me')).toBeVisible();
  await expect(statusBar(page)).toContainText(/(?<!\d)1 machines? /);
});
