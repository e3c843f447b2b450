// Sends an .ova/.ovf to the backend in chunks (beginImport + uploadImportChunk), the same path the UI's import uses.
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { AppApi } from '../../shared/api/methods.ts';
import { importChunkBytes } from '../../shared/domain/appliance.ts';
import { AppError } from '../../shared/errors.ts';

/** Something to upload: a name the backend sees (its extension picks the format), a size, and random-access reads. */
export interface ApplianceSource {
  readonly fileName: string;
  readonly size: number;
  /** Fills `buffer` from `offset`; returns how many bytes were read (0 at the end). */
  read(buffer: Buffer, offset: number): Promise<number>;
}

/** Uploads `source`; returns the upload id. On failure the upload is cancelled. */
export async function uploadSource(api: AppApi, source: ApplianceSource): Promise<string> {
  const { uploadId, chunkBytes } = await api.beginImport({ fileName: source.fileName, size: source.size });
  try {
    const buffer = Buffer.alloc(Math.max(1, Math.min(chunkBytes, importChunkBytes)));
    let offset = 0;
    while (offset < source.size) {
      const bytesRead = await source.read(buffer, offset);
      if (bytesRead === 0) throw new AppError('INTERNAL', `${source.fileName} became shorter while it was read`);
      await api.uploadImportChunk({ uploadId, offset, data: buffer.subarray(0, bytesRead).toString('base64') });
      offset += bytesRead;
    }
    return uploadId;
  } catch (error) {
    await api.cancelImport({ uploadId }).catch(() => undefined);
    throw error;
  }
}

/** Reads `file` and uploads it; returns the upload id. */
export async function uploadAppliance(api: AppApi, file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('NOT_FOUND', code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError('VALIDATION', `${file} is not a file`);
    const opened = handle;
    return await uploadSource(api, {
      fileName: path.basename(file),
      size: info.size,
      read: async (buffer, offset) => (await opened.read(buffer, 0, buffer.length, offset)).bytesRead,
    });
  } finally {
    await handle.close();
  }
}

/** An appliance piped in: a tar archive ("ustar" at byte 257) is an OVA, XML is an OVF; anything else is refused. */
export function stdinSource(bytes: Buffer): ApplianceSource | undefined {
  const isTar = bytes.length >= 262 && bytes.subarray(257, 262).toString('latin1') === 'ustar';
  const isXml = /^(\uFEFF)?\s*</.test(bytes.subarray(0, 64).toString('utf8'));
  if (!isTar && !isXml) return undefined;
  return {
    fileName: isTar ? 'stdin.ova' : 'stdin.ovf',
    size: bytes.length,
    read: (buffer, offset) => Promise.resolve(bytes.copy(buffer, 0, offset, Math.min(bytes.length, offset + buffer.length))),
  };
}
