// Electron smoke tests: a secure window that works through the preload bridge, the app's own menu and About, and an .ova
// passed on the command line opening the Import wizard. They run only where an Electron binary exists.
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../support/electronBinary.ts';
import { repoRoot } from '../fixtures/webServer.ts';
import { createMachine, machineList } from '../support/virtlabUi.ts';

const skipMessage = 'skipped: no Electron binary (set ELECTRON_OVERRIDE_DIST_PATH to a local Electron to run this spec)';
const mainBundle = join(repoRoot, 'dist/main/electron/main.cjs');

/** Launches the built app with a private HOME (a fresh user-data folder and library); skips, saying why, without Electron. */
async function launch(extraArgs: string[] = []): Promise<{ app: ElectronApplication; home: string }> {
  const executablePath = findElectronBinary(repoRoot);
  if (!executablePath) {
    // Printed as well as reported, so a run without Electron never looks like a pass.
    console.log(skipMessage);
    test.skip(true, skipMessage);
    throw new Error(skipMessage);
  }
  expect(existsSync(mainBundle), `${mainBundle} is missing: run \`npm run build\` first`).toBe(true);
  const home = mkdtempSync(join(tmpdir(), 'virtlab-electron-'));
  const app = await electron.launch({
    executablePath,
    args: ['--no-sandbox', mainBundle, ...extraArgs],
    cwd: repoRoot,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
  });
  return { app, home };
}

async function closeAll(app: ElectronApplication, home: string): Promise<void> {
  await app.close();
  rmSync(home, { recursive: true, force: true });
}

test('opens the window, creates a machine and exposes only the bridge', async () => {
  const { app, home } = await launch();
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle('Virtlab');
    await expect(window.getByRole('navigation', { name: 'Machine list' })).toBeVisible();

    await createMachine(window, { name: 'electron-01' });

    const globals = await window.evaluate(() => ({
      bridge: typeof (window as unknown as Record<string, unknown>).virtlab,
      require: typeof (window as unknown as Record<string, unknown>).require,
      process: typeof (window as unknown as Record<string, unknown>).process,
    }));
    expect(globals).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
  } finally {
    await closeAll(app, home);
  }
});

test('has its own menu whose items drive the window, and Help ▸ About names the versions', async () => {
  const { app, home } = await launch();
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('navigation', { name: 'Machine list' })).toBeVisible();
    const menus = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label.replace('&', '')) ?? []);
    expect(menus.filter((label) => label !== 'Virtlab')).toEqual(['File', 'Machine', 'Snapshot', 'View', 'Window', 'Help']);
    const resume = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('resume')?.accelerator);
    expect(resume).toBe('CmdOrCtrl+Shift+P');

    // What a click on File ▸ New Machine… does: the same wizard the toolbar opens.
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('newMachine')?.click());
    await expect(window.getByRole('dialog').filter({ hasText: 'New Machine' })).toBeVisible();
    await window.keyboard.press('Escape');

    // About shows a native message box; it is recorded instead of shown, and its text checked.
    await app.evaluate(({ dialog }) => {
      const shown: unknown[] = [];
      (globalThis as Record<string, unknown>)['aboutShown'] = shown;
      dialog.showMessageBox = ((...args: unknown[]) => {
        shown.push(args.at(-1));
        return Promise.resolve({ response: 0, checkboxChecked: false });
      }) as typeof dialog.showMessageBox;
    });
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('about')?.click());
    const about = await app.evaluate(() => (globalThis as Record<string, unknown>)['aboutShown'] as { title: string; detail: string }[]);
    expect(about[0]?.title).toBe('About Virtlab');
    expect(about[0]?.detail).toMatch(/^Version \d+\.\d+\.\d+\n\nElectron \d+\.\d+\.\d+\nChromium [\d.]+\nNode\.js [\d.]+\nV8 /);
  } finally {
    await closeAll(app, home);
  }
});

test('opens an .ova given on the command line in the Import wizard', async () => {
  // A real appliance, written by the CLI from a scratch library.
  const scratch = mkdtempSync(join(tmpdir(), 'virtlab-ova-'));
  const virtlab = (...args: string[]) => execFileSync(process.execPath, [join(repoRoot, 'main/cli/virtlab.ts'), '--library', join(scratch, 'lib'), ...args], { cwd: scratch });
  virtlab('create', '--name', 'from-cli', '--os', 'debian64');
  virtlab('export', 'from-cli', '-o', join(scratch, 'lab.ova'));
  const { app, home } = await launch([join(scratch, 'lab.ova')]);
  try {
    const window = await app.firstWindow();
    const wizard = window.getByRole('dialog').filter({ hasText: 'Import Appliance' });
    await expect(wizard).toBeVisible();
    await expect(wizard.getByLabel('Name', { exact: true })).toHaveValue('from-cli');
    await wizard.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(machineList(window).getByRole('treeitem', { name: /from-cli/ })).toBeVisible();
  } finally {
    await closeAll(app, home);
    rmSync(scratch, { recursive: true, force: true });
  }
});
