// Native Save and Open dialogs for export and import: the page hands over the exported files, or gets the chosen appliance.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { dialog, ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { openApplianceChannel, saveExportChannel, saveFilesSchema } from '../../shared/api/desktop.ts';
import type { OpenedFile, SaveFiles, SaveFilesResult } from '../../shared/api/desktop.ts';
import { AppError } from '../../shared/errors.ts';
import { writeExportedFiles } from '../node/exportFiles.ts';
import { isTrustedSender } from './ipc.ts';

/** Appliances are read whole to hand them to the page; bigger ones go through drag and drop or `virtlab import`. */
export const maxDialogApplianceBytes = 1024 ** 3;

const applianceFilters = [{ name: 'Appliances (OVA, OVF)', extensions: ['ova', 'ovf'] }];

/** Reads an appliance the user chose (dialog, command line, the OS); refuses what is not a readable .ova/.ovf file. */
export async function readApplianceFile(file: string): Promise<OpenedFile> {
  if (!/\.(ova|ovf)$/i.test(file)) throw new AppError('VALIDATION', `${path.basename(file)} is not an .ova or .ovf file`);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new AppError('NOT_FOUND', `${file} does not exist or is not a file`);
  if (info.size > maxDialogApplianceBytes) {
    throw new AppError('VALIDATION', `${path.basename(file)} is larger than 1 GiB; drop it on the window or use "virtlab import" instead`);
  }
  return { name: path.basename(file), bytes: new Uint8Array(await readFile(file)) };
}

/** One file: a Save dialog (any name). An OVF with its manifest: a folder, since the manifest names the descriptor. */
export async function saveExport(window: BrowserWindow, files: SaveFiles): Promise<SaveFilesResult> {
  const exported = files.map((file) => ({ name: file.name, mediaType: '', base64: file.base64, sha256: file.sha256, bytes: Buffer.byteLength(file.base64, 'base64') }));
  if (exported.length === 1) {
    const only = exported[0]!;
    const extension = path.extname(only.name).slice(1);
    const chosen = await dialog.showSaveDialog(window, { title: 'Export Appliance', defaultPath: only.name, filters: [{ name: extension.toUpperCase(), extensions: [extension] }] });
    if (chosen.canceled || chosen.filePath === undefined) return { saved: false };
    // The dialog already asked before replacing an existing file.
    const written = await writeExportedFiles(path.dirname(chosen.filePath), [{ ...only, name: path.basename(chosen.filePath) }], true);
    return { saved: true, paths: written.map((file) => file.path) };
  }
  const chosen = await dialog.showOpenDialog(window, { title: `Choose a folder for ${exported.map((f) => f.name).join(' and ')}`, properties: ['openDirectory', 'createDirectory'] });
  const dir = chosen.filePaths[0];
  if (chosen.canceled || dir === undefined) return { saved: false };
  try {
    const written = await writeExportedFiles(dir, exported, false);
    return { saved: true, paths: written.map((file) => file.path) };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    const answer = await dialog.showMessageBox(window, { type: 'question', buttons: ['Replace', 'Cancel'], defaultId: 1, cancelId: 1, message: error.message.replace(/; choose another.*$/, ''), detail: 'Replace the existing files?' });
    if (answer.response !== 0) return { saved: false };
    const written = await writeExportedFiles(dir, exported, true);
    return { saved: true, paths: written.map((file) => file.path) };
  }
}

export async function openAppliance(window: BrowserWindow): Promise<OpenedFile | null> {
  const chosen = await dialog.showOpenDialog(window, { title: 'Import Appliance', properties: ['openFile'], filters: applianceFilters });
  const file = chosen.filePaths[0];
  return chosen.canceled || file === undefined ? null : readApplianceFile(file);
}

/** Both handlers answer only the main window's own page; bad input is refused before any dialog opens. */
export function registerNativeDialogs(getMainWindow: () => BrowserWindow | null, log: (line: string) => void): () => void {
  const trusted = (event: IpcMainInvokeEvent, what: string): BrowserWindow => {
    const window = getMainWindow();
    if (!window || !isTrustedSender(event, window)) {
      log(`[security] refused ${what} to an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
      throw new Error('Only the Virtlab main window may open dialogs.');
    }
    return window;
  };
  ipcMain.handle(saveExportChannel, (event, input: unknown) => {
    const window = trusted(event, 'the save dialog');
    const files = saveFilesSchema.safeParse(input);
    if (!files.success) throw new Error(`Nothing was saved: ${files.error.issues[0]?.message ?? 'the files are not valid'}`);
    return saveExport(window, files.data);
  });
  ipcMain.handle(openApplianceChannel, (event) => openAppliance(trusted(event, 'the open dialog')));
  return () => {
    ipcMain.removeHandler(saveExportChannel);
    ipcMain.removeHandler(openApplianceChannel);
  };
}
