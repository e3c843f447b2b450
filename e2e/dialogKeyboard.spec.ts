// E2e: choosing a dropdown option inside a dialog, by keyboard or mouse, keeps focus in the dialog, so Tab and Escape go on working.
import { test, expect } from './fixtures/webApp.ts';
import { createMachine, dialogTitled, machineOption, toolbarButton, wizard } from './support/virtlabUi.ts';

test('a dropdown chosen from the keyboard keeps focus on its field; Tab moves on and Escape reaches the dialog', async ({ appPage: page }) => {
  await createMachine(page, { name: 'keys-vm' });
  await machineOption(page, 'keys-vm').click();
  await toolbarButton(page, 'Settings').click();
  const settings = dialogTitled(page, 'Settings');
  const osType = settings.getByRole('combobox', { name: 'OS type', exact: true });
  const before = await osType.inputValue();

  await osType.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('listbox', { name: 'OS type', exact: true });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(osType).not.toHaveValue(before);
  await expect(osType).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(settings.getByRole('combobox', { name: 'Workload', exact: true })).toBeFocused();

  // The change is unsaved, so Escape on the dialog asks before discarding it.
  await page.keyboard.press('Escape');
  const discard = dialogTitled(page, 'Discard changes?');
  await expect(discard).toBeVisible();
  await discard.getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(settings).toBeHidden();
});

test('a dropdown option chosen with the mouse in the New Machine wizard leaves focus on its field', async ({ appPage: page }) => {
  await toolbarButton(page, 'New').click();
  const dialog = wizard(page);
  const workload = dialog.getByRole('combobox', { name: 'Workload', exact: true });
  await workload.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('listbox', { name: 'Workload', exact: true });
  await menu.getByRole('option', { name: /^Database/ }).click();
  await expect(menu).toBeHidden();
  await expect(workload).toHaveValue(/^Database/);
  await expect(workload).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('combobox', { name: 'OS type', exact: true })).toBeFocused();
});
