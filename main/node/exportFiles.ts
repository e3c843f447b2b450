// Writes exported files into a folder (CLI -o, the desktop save dialog): safe names only, digests checked, no silent overwrite, atomic renames.
import { createHash, randomUUID } from 'node:crypto';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExportedFile } from '../../shared/domain/appliance.ts';
import { AppError } from '../../shared/errors.ts';

export interface WrittenFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);

/** A plain file name: no folder part, not "." or "..", no control characters. */
export function isPlainFileName(name: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\u0000-\u001f]/.test(name) && path.basename(name) === name;
}

/** The one file of an OVA or JSON export, checked like a written one, for standard output. */
export function singleFileBytes(files: readonly ExportedFile[]): Buffer {
  const [file] = files;
  if (file === undefined || files.length !== 1) throw new AppError('INTERNAL', `the export returned ${files.length} files where one was expected; nothing was written`);
  const data = Buffer.from(file.base64, 'base64');
  if (createHash('sha256').update(data).digest('hex') !== file.sha256 || data.length !== file.bytes) throw new AppError('INTERNAL', `${file.name} arrived damaged (digest or size mismatch); nothing was written`);
  return data;
}

export async function writeExportedFiles(dir: string, files: readonly ExportedFile[], overwrite: boolean): Promise<WrittenFile[]> {
  const decoded = files.map((file) => {
    if (!isPlainFileName(file.name)) throw new AppError('INTERNAL', `the export returned an unsafe file name "${file.name.slice(0, 80)}"; nothing was written`);
    const data = Buffer.from(file.base64, 'base64');
    const sha256 = createHash('sha256').update(data).digest('hex');
    if (sha256 !== file.sha256 || data.length !== file.bytes) throw new AppError('INTERNAL', `${file.name} arrived damaged (digest or size mismatch); nothing was written`);
    return { target: path.join(dir, file.name), data, sha256 };
  });
  if (!overwrite) {
    for (const { target } of decoded) {
      if (await exists(target)) throw new AppError('CONFLICT', `${target} already exists; choose another -o or add --force to overwrite it`);
    }
  }
  const written: WrittenFile[] = [];
  for (const { target, data, sha256 } of decoded) {
    // A temp name in the same folder, renamed into place: a reader never sees half a file.
    const temp = path.join(dir, `.${path.basename(target)}.${randomUUID()}.tmp`);
    try {
      await writeFile(temp, data, { flag: 'wx' });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('INTERNAL', `could not write ${target}: ${reason}${written.length > 0 ? ` (already written: ${written.map((w) => w.path).join(', ')})` : ''}`);
    }
    written.push({ path: target, bytes: data.length, sha256 });
  }
  return written;
}
