// E2e: the Settings dialog checks what is typed with the engine's own rules, under the field, and holds Save back while it is refused.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/webApp.ts';
import { createMachine, detailValue, dialogTitled, machineOption, toolbarButton } from './support/virtlabUi.ts';

async function openSettings(page: Page, name: string) {
  await machineOption(page, name).click();
  await expect(machineOption(page, name)).toHaveAttribute('aria-selected', 'true');
  await toolbarButton(page, 'Settings').click();
  const settings = dialogTitled(page, 'Settings');
  await expect(settings.getByLabel('Name', { exact: true })).toHaveValue(name);
  return settings;
}

test('settings are checked as they are typed: host limits, kind limits, names and disks', async ({ appPage: page }) => {
  await createMachine(page, { name: 'typed-vm', memoryMiB: 2048, diskGiB: 20 });
  const settings = await openSettings(page, 'typed-vm');
  const save = settings.getByRole('button', { name: 'Save', exact: true });
  const name = settings.getByLabel('Name', { exact: true });

  await name.fill('');
  await expect(name).toHaveAccessibleDescription(/Enter a name for the machine/);
  await expect(save).toBeDisabled();
  await name.fill('typed-vm-2');
  await expect(name).not.toHaveAccessibleDescription(/Enter a name/);
  await expect(save).toBeEnabled();

  await settings.getByRole('tab', { name: 'System', exact: true }).click();
  const memory = settings.getByLabel('Memory (MiB)', { exact: true });
  await memory.fill('999999');
  // The engine's fit rule for the host, not a limit copied into the window.
  await expect(memory).toHaveAccessibleDescription(/999999 MiB is more than the \d+ MiB Atlas ESX has for guests/);
  await expect(save).toBeDisabled();
  await memory.fill('4096');
  await expect(memory).not.toHaveAccessibleDescription(/more than/);
  await expect(save).toBeEnabled();

  const vcpus = settings.getByLabel('vCPUs', { exact: true });
  await vcpus.fill('17');
  await expect(vcpus).toHaveAccessibleDescription(/17 vCPUs is more than the 16 cores Atlas ESX can schedule on/);
  await expect(save).toBeDisabled();
  await vcpus.fill('4');
  await expect(save).toBeEnabled();

  await settings.getByRole('tab', { name: 'Storage', exact: true }).click();
  const disk = settings.getByLabel('Disk size (GiB)', { exact: true });
  await disk.fill('10');
  await expect(disk).toHaveAccessibleDescription(/Disks only grow/);
  await expect(save).toBeDisabled();
  await disk.fill('3000');
  await expect(disk).toHaveAccessibleDescription(/storage free/);
  await expect(save).toBeDisabled();
  await disk.fill('30');
  await expect(save).toBeEnabled();

  await save.click();
  await expect(settings).toBeHidden();
  await expect(detailValue(page, 'Base memory')).toHaveText('4096 MiB');
  await expect(detailValue(page, 'Processors')).toHaveText('4 vCPUs');
});
