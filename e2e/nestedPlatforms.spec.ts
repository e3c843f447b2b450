// Issue 14: a person installs a KVM-like hypervisor inside a partition and runs a guest on it, and sees type 1 on type 1 refused.
import { test, expect } from './fixtures/webApp.ts';
import { chooseIn, createMachine, dialogTitled, expectMachineState, hostsView, machineDetails, machineOption, nestingChain, toolbarButton, viewTab } from './support/virtlabUi.ts';

// The partition's firmware takes 25 simulated seconds to boot; at 20× that is quick.
test.use({ serverSpeed: 20 });

test('installs a hypervisor in a partition, sees it as a platform, and runs a guest on it', async ({ appPage: page }) => {
  await createMachine(page, { name: 'lpar-a', host: 'Mainframe', platform: 'Mainframe partitions', vcpus: 4, memoryMiB: 8192 });
  await machineOption(page, 'lpar-a').click();
  await machineDetails(page).getByRole('button', { name: 'Install Hypervisor…' }).click();
  const install = dialogTitled(page, 'Install Hypervisor');
  await chooseIn(page, install, 'Kind of virtualization', 'Type 1 hosted-OS (KVM-like)');
  await install.getByLabel('Platform name', { exact: true }).fill('KVM in lpar-a');
  await install.getByRole('button', { name: 'Install', exact: true }).click();
  await expect(install).toBeHidden();
  await expect(machineDetails(page)).toContainText(/Runs platform\s*KVM in lpar-a/);

  await viewTab(page, 'Hosts view').click();
  const platforms = hostsView(page).getByRole('region', { name: 'Platforms on Mainframe' });
  const row = platforms.getByRole('row').filter({ hasText: 'KVM in lpar-a' });
  // Its nesting chain: the hardware, the firmware partitions, the partition, then the hypervisor itself.
  await expect(row.getByRole('list', { name: 'Nesting chain of KVM in lpar-a' })).toContainText('Partition: lpar-a');
  await viewTab(page, 'Machines view').click();

  await createMachine(page, { name: 'nested-vm', host: 'Mainframe', platform: 'KVM in lpar-a', vcpus: 2, memoryMiB: 2048 });
  await machineOption(page, 'nested-vm').click();
  await expect(nestingChain(machineDetails(page))).toContainText('KVM in lpar-a');

  await machineOption(page, 'lpar-a').click();
  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, 'lpar-a', 'Running');
  await machineOption(page, 'nested-vm').click();
  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, 'nested-vm', 'Running');
});

test('refuses a type 1 hypervisor inside a type 1 virtual machine and says why', async ({ appPage: page }) => {
  await createMachine(page, { name: 'esx-vm' });
  await machineOption(page, 'esx-vm').click();
  await machineDetails(page).getByRole('button', { name: 'Install Hypervisor…' }).click();
  const install = dialogTitled(page, 'Install Hypervisor');
  await chooseIn(page, install, 'Kind of virtualization', 'Type 1 (bare metal)');
  await install.getByRole('button', { name: 'Install', exact: true }).click();
  await expect(install.getByRole('alert').filter({ hasText: 'Refused by the nesting rules' })).toContainText(
    'A type 1 hypervisor cannot run on another type 1: "esx-vm" is a virtual machine of type 1 platform "Atlas ESX". A type 1 needs bare hardware or a type 0 partition',
  );
  await expect(install).toBeVisible();
  await install.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(machineDetails(page)).not.toContainText('Runs platform');
});
