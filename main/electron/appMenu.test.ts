// The menu template: every platform's menus, accelerators that never clash (and never Ctrl+R), no dev items when packaged.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuCommandIds } from '../../shared/api/desktop.ts';

vi.mock('electron', () => ({ Menu: {} }));
const { electronAccelerator, menuTemplate } = await import('./appMenu.ts');

const flatten = (items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

/** Accelerators Electron's roles bring along when the template does not set one. */
const roleDefaults: Record<string, string> = {
  reload: 'CmdOrCtrl+R',
  toggleDevTools: 'CmdOrCtrl+Shift+I',
  resetZoom: 'CmdOrCtrl+0',
  zoomIn: 'CmdOrCtrl+Plus',
  zoomOut: 'CmdOrCtrl+-',
  togglefullscreen: 'F11',
  quit: 'CmdOrCtrl+Q',
  hide: 'Command+H',
  hideOthers: 'Command+Alt+H',
};
const acceleratorOf = (item: MenuItemConstructorOptions): string | undefined => item.accelerator ?? (item.role ? roleDefaults[item.role] : undefined);

describe('application menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    for (const packaged of [true, false]) {
      it(`${platform}${packaged ? ' packaged' : ' development'}: unique accelerators, none on Ctrl+R, every command reachable`, () => {
        const sent: string[] = [];
        const template = menuTemplate({ platform, packaged, send: (id) => sent.push(id), showAbout: () => sent.push('about') });
        const items = flatten(template);
        const accelerators = items.map(acceleratorOf).filter((a): a is string => a !== undefined);
        expect(new Set(accelerators).size).toBe(accelerators.length);
        expect(accelerators).not.toContain('CmdOrCtrl+R');
        for (const item of items) if (item.id !== undefined && item.click) (item.click as () => void)();
        expect(sent.filter((id) => id !== 'about').sort()).toEqual([...menuCommandIds].sort());
        expect(sent).toContain('about');
        const roles = items.map((item) => item.role);
        expect(roles.includes('reload') || roles.includes('toggleDevTools')).toBe(!packaged);
      });
    }
  }

  it('follows each platform convention for the top-level menus', () => {
    const labels = (platform: NodeJS.Platform) => menuTemplate({ platform, packaged: true, send: () => undefined, showAbout: () => undefined }).map((menu) => menu.label);
    expect(labels('linux')).toEqual(['&File', '&Machine', '&Snapshot', '&View', '&Window', '&Help']);
    expect(labels('win32')).toEqual(labels('linux'));
    expect(labels('darwin')).toEqual(['Virtlab', '&File', '&Machine', '&Snapshot', '&View', '&Window', '&Help']);
  });

  it('shows the page-handled shortcuts without registering them twice', () => {
    const items = flatten(menuTemplate({ platform: 'linux', packaged: true, send: () => undefined, showAbout: () => undefined }));
    const resume = items.find((item) => item.id === 'resume')!;
    expect(resume).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+P', registerAccelerator: false });
    expect(items.find((item) => item.id === 'delete')).toMatchObject({ accelerator: 'Delete' });
    expect(electronAccelerator('Ctrl+Enter')).toBe('CmdOrCtrl+Enter');
  });
});
