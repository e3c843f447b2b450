// Sends an .ova/.ovf to the backend in chunks (beginImport + uploadImportChunk), the same path the UI's import uses.
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { AppApi } from '../../shared/api/methods.ts';
import { importChunkBytes } from '../../shared/domain/appliance.ts';
import { AppError } from '../../shared/errors.ts';

/** Reads `file` and uploads it; returns the upload id. On failure the upload is cancelled. */
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
    const { uploadId, chunkBytes } = await api.beginImport({ fileName: path.basename(file), size: info.size });
    try {
      const buffer = Buffer.alloc(Math.max(1, Math.min(chunkBytes, importChunkBytes)));
      let offset = 0;
      while (offset < info.size) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        if (bytesRead === 0) throw new AppError('INTERNAL', `${file} became shorter while it was read`);
        await api.uploadImportChunk({ uploadId, offset, data: buffer.subarray(0, bytesRead).toString('base64') });
        offset += bytesRead;
      }
      return uploadId;
    } catch (error) {
      await api.cancelImport({ uploadId }).catch(() => undefined);
      throw error;
    }
  } finally {
    await handle.close();
  }
}
