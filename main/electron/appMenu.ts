// The application menu (File, Machine, Snapshot, View, Window, Help; the app menu first on macOS), built from one template.
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { commandShortcuts } from '../../shared/api/desktop.ts';
import type { MenuCommandId } from '../../shared/api/desktop.ts';

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** A packaged build has no Reload and no developer tools. */
  readonly packaged: boolean;
  readonly send: (id: MenuCommandId) => void;
  readonly showAbout: () => void;
}

/** "Ctrl+Shift+P" → "CmdOrCtrl+Shift+P", "Del" → "Delete": Electron's accelerator names. */
export function electronAccelerator(keys: string): string {
  return keys.replace(/^Ctrl\+/, 'CmdOrCtrl+').replace(/^Del$/, 'Delete');
}

export function menuTemplate({ platform, packaged, send, showAbout }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const item = (id: MenuCommandId, label: string): MenuItemConstructorOptions => {
    const keys = commandShortcuts[id];
    // The page handles these keys itself (web mode has the same shortcuts); the menu only shows them, so a key press
    // never runs an action twice.
    return { id, label, click: () => send(id), ...(keys !== undefined && { accelerator: electronAccelerator(keys), registerAccelerator: false }) };
  };
  const about: MenuItemConstructorOptions = { id: 'about', label: 'About Virtlab', click: showAbout };
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  return [
    ...(mac ? [{ label: 'Virtlab', submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }] } satisfies MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        item('newMachine', 'New Machine…'),
        item('importAppliance', 'Import Appliance…'),
        item('exportAppliance', 'Export Appliance…'),
        separator,
        item('library', 'Library…'),
        ...(mac ? [] : [separator, { role: 'quit', label: 'Exit' } satisfies MenuItemConstructorOptions]),
      ],
    },
    {
      label: '&Machine',
      submenu: [
        item('start', 'Start'),
        item('pause', 'Pause'),
        item('resume', 'Resume'),
        item('stop', 'Stop (ACPI Shutdown)'),
        separator,
        item('clone', 'Clone…'),
        item('settings', 'Settings…'),
        item('migrate', 'Migrate…'),
        separator,
        item('delete', 'Delete…'),
      ],
    },
    { label: '&Snapshot', submenu: [item('takeSnapshot', 'Take Snapshot…'), item('showSnapshots', 'Show Snapshots')] },
    {
      label: '&View',
      submenu: [
        item('showMachines', 'Machines'),
        item('showHosts', 'Hosts'),
        item('showCluster', 'Cluster'),
        item('showActivity', 'Activity'),
        item('showApplications', 'Applications'),
        separator,
        // Development only, and on F5 rather than Ctrl+R, which the page never has to share with Reload.
        ...(packaged ? [] : [{ role: 'reload', accelerator: 'F5' }, { role: 'toggleDevTools' }, separator] satisfies MenuItemConstructorOptions[]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Window', role: 'windowMenu' },
    { label: '&Help', role: 'help', submenu: mac ? [{ label: 'Virtlab Help', enabled: false }] : [about] },
  ];
}

export function installAppMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
