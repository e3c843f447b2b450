// Issue 14: a person saves a machine's state and resumes it, powers one off, and meets a guest that ignores ACPI.
import { test, expect } from './fixtures/webApp.ts';
import { createMachine, createRunningMachine, dialogTitled, expectMachineState, machineDetails, machineOption, powerMenuItem, toolbarButton } from './support/virtlabUi.ts';

// Boots take seconds of simulated time; at 10× they are over quickly.
test.use({ serverSpeed: 10 });

test('saves a running machine to disk, resumes it, then powers it off', async ({ appPage: page }) => {
  await createRunningMachine(page, { name: 'power-vm' });

  await (await powerMenuItem(page, 'Save State')).click();
  await expectMachineState(page, 'power-vm', 'Saved');
  // The details say where its memory went: a file in the host's pool.
  await expect(machineDetails(page)).toContainText(/Saved state\s*\d+(\.\d)? (MiB|GiB) of memory in Atlas storage; Start resumes it/);
  await expect(toolbarButton(page, 'Stop')).toBeDisabled();

  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, 'power-vm', 'Running');
  await expect(machineDetails(page)).not.toContainText('Saved state');

  await (await powerMenuItem(page, 'Power Off…')).click();
  const confirm = dialogTitled(page, 'Power off “power-vm”?');
  await expect(confirm).toContainText('It stops at once: power cut without asking the guest OS.');
  await confirm.getByRole('button', { name: 'Power Off', exact: true }).click();
  await expectMachineState(page, 'power-vm', 'Powered Off');
});

test('says why a guest ignored the ACPI power button and offers Power Off', async ({ appPage: page }) => {
  // IRIX on the QEMU emulator: a system without ACPI, so nothing in the guest answers the power button.
  await createMachine(page, { name: 'irix-box', host: 'Workstation', platform: 'QEMU (dynamic translation)', osType: 'IRIX 6.5 (MIPS)' });
  await machineOption(page, 'irix-box').click();
  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, 'irix-box', 'Running');

  await toolbarButton(page, 'Stop').click();
  const dialog = dialogTitled(page, '“irix-box” did not shut down');
  await expect(dialog.getByRole('alert')).toHaveText('"irix-box" ignored the ACPI Shutdown: IRIX 6.5 (MIPS) has no ACPI support, so nothing in the guest answers the power button.');
  await expectMachineState(page, 'irix-box', 'Running');
  await dialog.getByRole('button', { name: 'Power Off', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expectMachineState(page, 'irix-box', 'Powered Off');
});
