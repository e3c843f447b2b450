// Sends an .ova/.ovf to the backend for import in order, chunk by chunk, reporting bytes sent and stopping when cancelled.
import { beginImportSchema, importChunkBytes } from '../../shared/domain/appliance.ts';
import { AppError } from '../../shared/errors.ts';
import { useApi } from '../api/apiInstance.ts';
import { bytesToBase64 } from '../format/base64.ts';

export interface UploadHandle {
  /** Set once beginImport answered; the id to cancel, read and commit with. */
  uploadId: string | null;
  cancelled: boolean;
}

/** Why a file cannot be imported, checked before anything is sent; null when it can. */
export function applianceFileProblem(file: { name: string; size: number }): string | null {
  const parsed = beginImportSchema.safeParse({ fileName: file.name, size: file.size });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'This file cannot be imported');
}

export class UploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled');
    this.name = 'UploadCancelled';
  }
}

/**
 * Uploads `file` and resolves with its upload id. `onProgress` gets the bytes the backend has confirmed.
 * Setting `handle.cancelled` stops it between chunks; the backend's partial upload is then dropped.
 */
export async function uploadAppliance(
  file: Blob & { name: string },
  handle: UploadHandle,
  onProgress: (sentBytes: number) => void,
  manifest?: { fileName: string; text: string },
): Promise<string> {
  const problem = applianceFileProblem(file);
  if (problem) throw new AppError('VALIDATION', problem, 'fileName');
  const api = useApi();
  const { uploadId, chunkBytes } = await api.beginImport({ fileName: file.name, size: file.size, ...(manifest ? { manifest } : {}) });
  handle.uploadId = uploadId;
  const step = Math.max(1, Math.min(chunkBytes, importChunkBytes));
  let offset = 0;
  onProgress(0);
  while (offset < file.size) {
    if (handle.cancelled) break;
    const bytes = new Uint8Array(await file.slice(offset, offset + step).arrayBuffer());
    if (handle.cancelled) break;
    const { receivedBytes } = await api.uploadImportChunk({ uploadId, offset, data: bytesToBase64(bytes) });
    if (receivedBytes <= offset) throw new AppError('INTERNAL', 'The upload stopped advancing; try again');
    offset = receivedBytes;
    onProgress(offset);
  }
  if (handle.cancelled) {
    await api.cancelImport({ uploadId }).catch(() => undefined);
    throw new UploadCancelled();
  }
  return uploadId;
}
