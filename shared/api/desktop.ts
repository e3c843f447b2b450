// The desktop shell's contract (Electron only): menu commands main sends the window, and the native file dialogs it offers.
import { z } from 'zod';
import type { Unsubscribe } from './events.ts';

/** Commands the application menu sends; each one does what the toolbar or File menu entry of the same name does. */
export const menuCommandIds = [
  'newMachine',
  'importAppliance',
  'exportAppliance',
  'library',
  'start',
  'pause',
  'resume',
  'stop',
  'delete',
  'clone',
  'settings',
  'migrate',
  'takeSnapshot',
  'showSnapshots',
  'showMachines',
  'showHosts',
  'showCluster',
  'showActivity',
  'showApplications',
] as const;
export type MenuCommandId = (typeof menuCommandIds)[number];

/** Shortcuts shown in the menu and handled by the page (so web mode has them too); one table, read by both. */
export const commandShortcuts: Partial<Record<MenuCommandId, string>> = {
  newMachine: 'Ctrl+N',
  importAppliance: 'Ctrl+I',
  exportAppliance: 'Ctrl+E',
  start: 'Ctrl+Enter',
  pause: 'Ctrl+P',
  // Not Ctrl+R: that is Reload in every browser and in Electron's default menu.
  resume: 'Ctrl+Shift+P',
  stop: 'Ctrl+Shift+S',
  delete: 'Del',
  clone: 'Ctrl+O',
  settings: 'Ctrl+S',
  migrate: 'Ctrl+Shift+M',
};

/** An appliance file handed to the page: opened with the native dialog, or from the command line / the OS. */
export const openedFileSchema = z.strictObject({
  name: z.string().min(1).max(255),
  bytes: z.instanceof(Uint8Array),
});
export type OpenedFile = z.infer<typeof openedFileSchema>;

export const menuCommandSchema = z.discriminatedUnion('id', [
  z.strictObject({ id: z.literal('importAppliance'), file: openedFileSchema.optional() }),
  z.strictObject({ id: z.enum(menuCommandIds).exclude(['importAppliance']) }),
]);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

/** Files an export returned, as the page passes them to the save dialog. */
export const saveFilesSchema = z
  .array(z.strictObject({ name: z.string().min(1).max(255), base64: z.string().max(6 * 1024 ** 3), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
  .min(1)
  .max(4);
export type SaveFiles = z.infer<typeof saveFilesSchema>;

export type SaveFilesResult = { saved: false } | { saved: true; paths: string[] };

export interface DesktopBridge {
  /** Menu commands from main; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
  /** Asks where to save (a file for one, a folder for an OVF and its manifest) and writes the files there. */
  saveExportFiles(files: SaveFiles): Promise<SaveFilesResult>;
  /** The native Open dialog for .ova/.ovf files; null when cancelled. */
  openApplianceFile(): Promise<OpenedFile | null>;
}

export const menuCommandChannel = 'app:menu-command';
export const saveExportChannel = 'app:dialog-save-export';
export const openApplianceChannel = 'app:dialog-open-appliance';
