// E2e: a machine exported to OVA through the Export wizard comes back as a copy through the Import wizard (file picker and drop).
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures/webApp.ts';
import { createMachine, detailValue, machineRows, machineOption, type MachineForm } from './support/virtlabUi.ts';

const source: MachineForm = {
  name: 'ledger-db',
  osType: 'Ubuntu (64-bit)',
  workload: 'Database (OLTP)',
  vcpus: 3,
  memoryMiB: 3072,
  diskGiB: 48,
  diskAllocation: 'Fixed size',
};

const exportWizard = (page: Page): Locator => page.getByRole('dialog').filter({ hasText: 'Export Appliance' });
const importWizard = (page: Page): Locator => page.getByRole('dialog').filter({ hasText: 'Import Appliance' });

async function openFileMenuEntry(page: Page, entry: 'Export Appliance…' | 'Import Appliance…'): Promise<void> {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: new RegExp(`^${entry}`) }).click();
}

/** Creates the source machine and exports it as OVA through the wizard; returns the downloaded file's path. */
async function exportSourceAsOva(page: Page): Promise<string> {
  await createMachine(page, source);
  await machineOption(page, source.name).click();
  await openFileMenuEntry(page, 'Export Appliance…');
  const dialog = exportWizard(page);
  await expect(dialog.getByRole('checkbox', { name: source.name, exact: true })).toBeChecked();
  await expect(dialog.getByLabel('File name')).toHaveValue(source.name);
  await expect(dialog.getByRole('radio', { name: 'OVA', exact: true })).toBeChecked();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${source.name}.ova`);
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  await expect(dialog.getByRole('table', { name: 'Exported files' })).toContainText(`${source.name}.ova`);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
  return path;
}

/** The preview shows the file's values under the suggested name; import it and check the copy. */
async function importPreviewAsCopy(page: Page): Promise<void> {
  const dialog = importWizard(page);
  const copyName = `${source.name}_1`;
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue(copyName);
  await expect(dialog.getByLabel('vCPUs', { exact: true })).toHaveValue(String(source.vcpus));
  await expect(dialog.getByLabel('Memory (MiB)', { exact: true })).toHaveValue(String(source.memoryMiB));
  await expect(dialog.getByLabel('Disk size (GiB)', { exact: true })).toHaveValue(String(source.diskGiB));
  await expect(dialog.getByRole('combobox', { name: 'OS type', exact: true })).toHaveValue(source.osType!);
  await expect(dialog.getByRole('radio', { name: source.diskAllocation!, exact: true })).toBeChecked();
  await expect(dialog.getByRole('note', { name: 'Manifest' })).toContainText('Manifest verified');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(machineOption(page, copyName)).toHaveAttribute('aria-selected', 'true');
  await expect(detailValue(page, 'Processors')).toHaveText(`${source.vcpus} vCPUs`);
  await expect(detailValue(page, 'Base memory')).toHaveText(`${source.memoryMiB} MiB`);
  await expect(detailValue(page, 'Disk')).toHaveText(`${source.diskGiB} GiB virtual disk`);
  await expect(detailValue(page, 'Operating system')).toHaveText(source.osType!);
  await expect(detailValue(page, 'Workload')).toHaveText(source.workload!);
  await expect(detailValue(page, 'Allocation')).toHaveText(source.diskAllocation!);
}

test('exports a machine to OVA through the wizard and imports the file back as a copy', async ({ appPage: page }) => {
  const path = await exportSourceAsOva(page);
  // An OVA is a tar whose first entry is the descriptor: the name sits in the first 100 bytes of the first header.
  const ova = await readFile(path);
  expect(ova.subarray(0, 100).toString('utf8').replace(/\0[\s\S]*$/, '')).toBe(`${source.name}.ovf`);
  expect(ova.subarray(257, 262).toString('latin1')).toBe('ustar');

  await openFileMenuEntry(page, 'Import Appliance…');
  await importWizard(page).getByLabel('Appliance file').setInputFiles(path);
  await importPreviewAsCopy(page);
  await expect(machineRows(page)).toHaveCount(2);
});

test('imports an appliance dropped onto the window', async ({ appPage: page }) => {
  const path = await exportSourceAsOva(page);
  const bytes = (await readFile(path)).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
      return transfer;
    },
    { base64: bytes, name: `${source.name}.ova` },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByRole('status', { name: 'Drop to import' })).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByRole('status', { name: 'Drop to import' })).toBeHidden();
  await importPreviewAsCopy(page);
});

test('refuses a broken appliance with a message and creates nothing', async ({ appPage: page }) => {
  await createMachine(page, { name: 'keeper' });
  await page.keyboard.press('Control+i');
  const dialog = importWizard(page);
  await dialog.getByLabel('Appliance file').setInputFiles({ name: 'broken.ova', mimeType: 'application/x-tar', buffer: Buffer.from('this is not a tar archive at all') });
  await expect(dialog.getByRole('alert')).toContainText('This appliance cannot be imported');
  await expect(dialog.getByRole('button', { name: 'Choose File…' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(machineRows(page)).toHaveCount(1);
});
