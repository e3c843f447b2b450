// How a person finds things in the Virtlab window, by the accessible names agreed in the team brief.
import { expect, type Locator, type Page } from '@playwright/test';

export interface MachineForm {
  name: string;
  /** Host name as the Host select shows it, e.g. "Mainframe". */
  host?: string;
  /** Platform name, e.g. "Atlas ESX" (the option reads "Atlas ESX — Type 1 (bare metal)"). */
  platform?: string;
  /** Visible OS type label, e.g. "Debian (64-bit)". */
  osType?: string;
  /** Workload label, e.g. "Database (OLTP)". */
  workload?: string;
  vcpus?: number;
  memoryMiB?: number;
  diskGiB?: number;
  /** "Fixed size" reserves the whole disk in the host's pool at once; "Dynamically allocated" (the default) grows. */
  diskAllocation?: 'Dynamically allocated' | 'Fixed size';
}

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const machineList = (page: Page): Locator => page.getByRole('tree', { name: 'Machines' });
/** The machine rows of the tree (group rows, which expand, are not machines). */
export const machineRows = (page: Page): Locator => machineList(page).locator('[role="treeitem"]:not([aria-expanded])');
/** A group row by its name ("web" for lab/web). */
export const groupRow = (page: Page, name: string): Locator => machineList(page).getByRole('treeitem', { name: new RegExp(`^Group ${escapeRegExp(name)} \\d`) });
export const machineDetails = (page: Page): Locator => page.getByRole('region', { name: 'Machine details' });
export const statusBar = (page: Page): Locator => page.getByRole('status', { name: 'Status bar' });
export const toolbarButton = (page: Page, name: 'New' | 'Start' | 'Pause' | 'Resume' | 'Stop' | 'Power' | 'Delete' | 'Clone' | 'Settings' | 'Migrate'): Locator =>
  page.getByRole('toolbar', { name: 'Machine actions' }).getByRole('button', { name, exact: true });
export const wizard = (page: Page): Locator => page.getByRole('dialog').filter({ hasText: 'New Machine' });
export const deleteDialog = (page: Page): Locator => page.getByRole('dialog').filter({ hasText: 'Delete machine?' });
export const cpuMemoryChart = (page: Page): Locator => page.getByLabel('CPU and memory chart');
export const fitCheck = (page: Page): Locator => wizard(page).getByRole('region', { name: 'Fit check' });
export const overheadBreakdown = (page: Page): Locator => machineDetails(page).getByRole('region', { name: 'Overhead breakdown' });
export const nestingChain = (scope: Locator): Locator => scope.getByRole('list', { name: 'Nesting chain', exact: true });
export const hostsView = (page: Page): Locator => page.getByRole('region', { name: 'Hosts', exact: true });
export const viewTab = (page: Page, name: 'Machines view' | 'Hosts view' | 'Cluster view' | 'Activity view' | 'Applications view' | 'Sprawl view'): Locator =>
  page.getByRole('tab', { name, exact: true });
export const clusterView = (page: Page): Locator => page.getByRole('region', { name: 'Cluster', exact: true });
/** A host tile in the Cluster view, by the host's name. */
export const hostTile = (page: Page, name: string): Locator => clusterView(page).getByRole('article', { name, exact: true });

/** Option names may carry a second line (e.g. "MIPS guest · emulated"); match on the title at the start. */
const startsWith = (title: string): RegExp => new RegExp(`^${escapeRegExp(title)}(?=\\s|$)`);

/**
 * Picks an option in one of the wizard's selects: opens it from the keyboard, scrolls the menu with the mouse wheel
 * until the option shows (the menu is a virtual list that renders options as they scroll in), then clicks it.
 */
export async function chooseInWizard(page: Page, label: string, option: string): Promise<void> {
  await chooseIn(page, wizard(page), label, option);
}

/** The same for a select in any dialog (`scope`). */
export async function chooseIn(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  const select = scope.getByRole('combobox', { name: label, exact: true });
  // Opened from the keyboard: the select's input sits under Vuetify's field overlay, which takes the clicks.
  await select.press('Enter');
  // The menu is rendered in an overlay outside the dialog, as a listbox named after the field.
  const menu = page.getByRole('listbox', { name: label, exact: true });
  const choice = menu.getByRole('option', { name: startsWith(option) });
  await expect(menu).toBeVisible();
  await expect(async () => {
    const [menuBox, choiceBox] = [await menu.boundingBox(), await choice.boundingBox({ timeout: 200 }).catch(() => null)];
    if (menuBox && (!choiceBox || choiceBox.y < menuBox.y || choiceBox.y + choiceBox.height > menuBox.y + menuBox.height)) {
      await menu.hover();
      await page.mouse.wheel(0, choiceBox && choiceBox.y < menuBox.y ? -150 : 150);
    }
    await expect(choice).toBeInViewport({ ratio: 1, timeout: 300 });
  }).toPass();
  await choice.click();
  await expect(select).toHaveValue(startsWith(option));
}

/** The list entry whose accessible name starts with the machine name ("web-01, Running"). */
export function machineOption(page: Page, name: string): Locator {
  return machineList(page).getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(name)}(?=[,\\s]|$)`) });
}

/** Waits until the machine shows `stateLabel` both in the list entry and in the details pane. */
export async function expectMachineState(page: Page, name: string, stateLabel: string): Promise<void> {
  await expect(machineOption(page, name)).toHaveAccessibleName(new RegExp(`\\b${escapeRegExp(stateLabel)}\\b`));
  await expect(machineDetails(page)).toContainText(stateLabel);
}

/** Fills the New Machine wizard's fields that are given; leaves the others at their defaults. */
export async function fillWizard(page: Page, form: MachineForm): Promise<Locator> {
  const dialog = wizard(page);
  await expect(dialog).toBeVisible();
  // The wizard has settled once its autofocus lands on Name: a key pressed in another field before that goes to Name.
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
  // Host first: choosing one picks its default platform. OS type before sizes: it fills in recommended sizes.
  if (form.host !== undefined) await chooseInWizard(page, 'Host', form.host);
  if (form.platform !== undefined) await chooseInWizard(page, 'Platform', form.platform);
  if (form.osType !== undefined) await chooseInWizard(page, 'OS type', form.osType);
  if (form.workload !== undefined) await chooseInWizard(page, 'Workload', form.workload);
  await dialog.getByLabel('Name', { exact: true }).fill(form.name);
  if (form.vcpus !== undefined) await dialog.getByLabel('vCPUs', { exact: true }).fill(String(form.vcpus));
  if (form.memoryMiB !== undefined) await dialog.getByLabel('Memory (MiB)', { exact: true }).fill(String(form.memoryMiB));
  if (form.diskGiB !== undefined) await dialog.getByLabel('Disk size (GiB)', { exact: true }).fill(String(form.diskGiB));
  if (form.diskAllocation !== undefined) await dialog.getByRole('radio', { name: form.diskAllocation, exact: true }).check();
  return dialog;
}

/** Creates a machine through the wizard and waits until it is listed. */
export async function createMachine(page: Page, form: MachineForm): Promise<void> {
  await toolbarButton(page, 'New').click();
  const dialog = await fillWizard(page, form);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(machineOption(page, form.name)).toBeVisible();
}

/** Creates, selects and starts a machine, returning once it is Running. */
export async function createRunningMachine(page: Page, form: MachineForm): Promise<void> {
  await createMachine(page, form);
  await machineOption(page, form.name).click();
  await expect(machineOption(page, form.name)).toHaveAttribute('aria-selected', 'true');
  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, form.name, 'Running');
}

/** Pixel facts about the chart canvas: how many pixels are painted, and a checksum that changes when it is redrawn. */
export async function canvasPixels(chart: Locator): Promise<{ painted: number; checksum: number }> {
  return chart.evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return { painted: 0, checksum: 0 };
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    let checksum = 0;
    for (let i = 0; i < data.length; i += 4) {
      const alpha = data[i + 3] ?? 0;
      if (alpha === 0) continue;
      painted += 1;
      checksum = (checksum * 31 + (data[i] ?? 0) + (data[i + 1] ?? 0) * 3 + (data[i + 2] ?? 0) * 7 + alpha * 11 + i) % 2_147_483_647;
    }
    return { painted, checksum };
  });
}

/** A tab of the details pane ("Details" or "Snapshots"). */
export const detailsTab = (page: Page, name: 'Details' | 'Snapshots'): Locator => machineDetails(page).getByRole('tab', { name, exact: true });
export const snapshotsPanel = (page: Page): Locator => machineDetails(page).getByRole('region', { name: 'Snapshots', exact: true });
export const snapshotTree = (page: Page): Locator => snapshotsPanel(page).getByRole('tree', { name: 'Snapshot tree' });
/** A tree node by its name: "Snapshot 2" or "Current State" (its accessible name, its row, goes on with the time and space). */
export const snapshotNode = (scope: Locator, name: string): Locator => scope.getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(name)}(?=\\s|$)`) });
export const snapshotAction = (page: Page, name: 'Take Snapshot' | 'Restore' | 'Delete Snapshot' | 'Clone'): Locator =>
  snapshotsPanel(page).getByRole('toolbar', { name: 'Snapshot actions' }).getByRole('button', { name, exact: true });
export const dialogTitled = (page: Page, title: string): Locator => page.getByRole('dialog').filter({ has: page.getByText(title, { exact: true }) });

/** The value shown beside `label` in a section of the Details tab (e.g. "Space used"); `nth` picks among repeated labels. */
export function detailValue(page: Page, label: string, nth = 0): Locator {
  return machineDetails(page).locator('dt', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }).nth(nth).locator('xpath=following-sibling::dd[1]');
}

/** "20.5 GiB" or "512 MiB" as MiB. */
export function parseSpace(text: string): number {
  const match = /([\d.]+)\s*(MiB|GiB)/.exec(text);
  if (!match) throw new Error(`No size in "${text}"`);
  return Number(match[1]) * (match[2] === 'GiB' ? 1024 : 1);
}

/** An entry of the toolbar's Power menu (Save State, Power Off…, Reset…, Discard Saved State…). */
export async function powerMenuItem(page: Page, name: 'Save State' | 'Power Off…' | 'Reset…' | 'Discard Saved State…'): Promise<Locator> {
  await toolbarButton(page, 'Power').click();
  const menu = page.getByRole('menu', { name: 'Power' });
  await expect(menu).toBeVisible();
  return menu.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(name)}`) });
}

/** Opens File ▸ `entry` (e.g. "Media Manager…") and returns its dialog. */
export async function openFromFileMenu(page: Page, entry: string, title: string): Promise<Locator> {
  await page.getByRole('toolbar', { name: 'Machine actions' }).getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: entry }).click();
  const dialog = dialogTitled(page, title);
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Puts the host's DVD drive in the machine's optical drive: one running machine on a host holds it at a time. */
export async function useHostDrive(page: Page, name: string): Promise<void> {
  await machineOption(page, name).click();
  await expect(machineDetails(page).getByRole('heading', { name, exact: true })).toBeVisible();
  await toolbarButton(page, 'Settings').click();
  const settings = dialogTitled(page, 'Settings');
  await settings.getByRole('tab', { name: 'Optical drive', exact: true }).click();
  await settings.getByRole('radio', { name: 'Host drive', exact: true }).check();
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings).toBeHidden();
}

/**
 * A result as the notification center keeps it: the snackbar that also shows it disappears after seconds, which on a
 * busy machine can be before a test looks. Leaves the center closed.
 */
export async function expectNotice(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(page.getByRole('region', { name: 'Notification center' }).getByText(text)).toBeVisible();
  await page.keyboard.press('Escape');
}
