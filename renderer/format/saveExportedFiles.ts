// Saves exported files: the desktop's native Save dialog in Electron, the browser's download in web mode.
import type { ExportedFile } from '../../shared/domain/appliance.ts';
import { desktopShell } from '../api/desktopShell.ts';
import { downloadFile } from './downloadFile.ts';

/** Resolves once saved (or the dialog was cancelled: nothing is lost, "Save again" stays available). */
export async function saveExportedFiles(files: readonly ExportedFile[]): Promise<void> {
  const shell = desktopShell();
  if (!shell) {
    for (const file of files) downloadFile(file.name, file.mediaType, file.base64);
    return;
  }
  await shell.saveExportFiles(files.map(({ name, base64, sha256 }) => ({ name, base64, sha256 })));
}
