// Upload sessions of appliances to import: private to a client, into temp files, in order, bounded in all, expiring when idle.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, rmdir } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { importChunkBytes } from '../../../shared/domain/appliance.ts';
import type { ImportPreview } from '../../../shared/domain/appliance.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ImportPlan } from '../ovf/importPlan.ts';
import type { SiblingManifest } from '../ovf/applianceReader.ts';
import { uploadFolderOf } from './orphanedUploads.ts';

export interface Upload {
  readonly id: string;
  readonly clientId: number;
  readonly fileName: string;
  readonly size: number;
  /** The .mf sent along with an .ovf. */
  readonly manifest?: SiblingManifest | undefined;
  received: number;
  /** reading/committing: a call is working on it, so chunks, reads and commits must wait for it. */
  phase: 'uploading' | 'uploaded' | 'reading' | 'previewed' | 'committing';
  /** What readImport showed, kept so commitImport creates exactly that. */
  preview?: { readonly summary: ImportPreview; readonly plans: readonly ImportPlan[] };
}

interface Entry {
  readonly upload: Upload;
  readonly file: string;
  readonly handle: FileHandle;
  timer: NodeJS.Timeout | undefined;
}

export interface ImportUploadsOptions {
  /** Folder for the partial files; os.tmpdir()/virtlab-imports-<pid> by default. */
  readonly dir?: string;
  readonly idleMs?: number;
  /** Uploads open at once across all clients: many connections must not add up to unbounded disk and handles. */
  readonly maxOpen?: number;
  readonly log?: (line: string) => void;
}

export const defaultIdleMs = 30 * 60_000;
export const defaultMaxOpenUploads = 4;

export class ImportUploads {
  readonly dir: string;
  readonly #idleMs: number;
  readonly #maxOpen: number;
  readonly #log: (line: string) => void;
  readonly #entries = new Map<string, Entry>();

  constructor(options: ImportUploadsOptions = {}) {
    this.dir = options.dir ?? uploadFolderOf(process.pid);
    this.#idleMs = options.idleMs ?? defaultIdleMs;
    this.#maxOpen = options.maxOpen ?? defaultMaxOpenUploads;
    this.#log = options.log ?? (() => undefined);
  }

  get size(): number {
    return this.#entries.size;
  }

  async begin(clientId: number, fileName: string, size: number, manifest?: SiblingManifest): Promise<Upload> {
    if (this.#entries.size >= this.#maxOpen) {
      const own = [...this.#entries.values()].filter((entry) => entry.upload.clientId === clientId).length;
      const where = own === this.#entries.size ? '' : ` (${this.#entries.size - own} of them in other windows or commands)`;
      throw new AppError('CONFLICT', `At most ${this.#maxOpen} imports can be uploading at once${where}; finish or cancel one first`);
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const file = path.join(this.dir, `${id}.part`);
    const handle = await open(file, 'wx', 0o600);
    const upload: Upload = { id, clientId, fileName, size, ...(manifest ? { manifest } : {}), received: 0, phase: 'uploading' };
    const entry: Entry = { upload, file, handle, timer: undefined };
    this.#entries.set(id, entry);
    this.#touch(entry);
    return upload;
  }

  /** The client's upload, or NOT_FOUND (also for another client's id: uploads are private). */
  get(clientId: number, uploadId: string): Upload {
    const entry = this.#entries.get(uploadId);
    if (!entry || entry.upload.clientId !== clientId) {
      throw new AppError('NOT_FOUND', 'This upload does not exist (it was finished, cancelled, or expired unused); choose the file again', 'uploadId');
    }
    this.#touch(entry);
    return entry.upload;
  }

  /** Appends a chunk at `offset`, which must equal the bytes received so far; returns the new total. */
  async append(clientId: number, uploadId: string, offset: number, data: Uint8Array): Promise<number> {
    const upload = this.get(clientId, uploadId);
    const entry = this.#entries.get(uploadId) as Entry;
    if (upload.phase !== 'uploading') throw new AppError('INVALID_STATE', `All ${upload.size} bytes of "${upload.fileName}" were already received`, 'uploadId');
    if (data.byteLength === 0) throw new AppError('VALIDATION', 'The chunk is empty', 'data');
    if (data.byteLength > importChunkBytes) throw new AppError('VALIDATION', `A chunk may hold at most ${importChunkBytes} bytes`, 'data');
    if (offset !== upload.received) {
      throw new AppError('VALIDATION', `The chunk starts at byte ${offset}, but ${upload.received} bytes have been received; send the chunk that starts at ${upload.received}`, 'offset');
    }
    if (offset + data.byteLength > upload.size) {
      throw new AppError('VALIDATION', `The chunk would make the file ${offset + data.byteLength} bytes, more than the ${upload.size} bytes announced`, 'data');
    }
    // Reserved before writing, so a second chunk sent without waiting gets a clear offset error instead of a race.
    upload.received += data.byteLength;
    try {
      await entry.handle.write(data, 0, data.byteLength, offset);
    } catch (error) {
      await this.end(uploadId);
      throw new AppError('INTERNAL', `The upload could not be stored (${error instanceof Error ? error.message : String(error)}); it was cancelled`);
    }
    if (upload.received === upload.size) upload.phase = 'uploaded';
    return upload.received;
  }

  /** The received bytes, streamed from the temp file; `onBytes` hears how far reading got. */
  async *read(upload: Upload, onBytes: (bytes: number) => void = () => undefined): AsyncIterable<Uint8Array> {
    const entry = this.#entries.get(upload.id);
    if (!entry) throw new AppError('NOT_FOUND', 'This upload no longer exists', 'uploadId');
    let bytes = 0;
    for await (const chunk of createReadStream(entry.file, { highWaterMark: 1024 * 1024 })) {
      const data = chunk as Buffer;
      bytes += data.byteLength;
      onBytes(bytes);
      yield data;
    }
  }

  /** Drops an upload and its temp file; false when there was none. */
  async end(uploadId: string): Promise<boolean> {
    const entry = this.#entries.get(uploadId);
    if (!entry) return false;
    this.#entries.delete(uploadId);
    clearTimeout(entry.timer);
    await entry.handle.close().catch(() => undefined);
    await rm(entry.file, { force: true });
    return true;
  }

  async dropClient(clientId: number): Promise<void> {
    const ids = [...this.#entries.values()].filter((entry) => entry.upload.clientId === clientId).map((entry) => entry.upload.id);
    await Promise.all(ids.map((id) => this.end(id)));
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.#entries.keys()].map((id) => this.end(id)));
    // Only when empty: other backends of this process (tests, CLI) may share the folder.
    await rmdir(this.dir).catch(() => undefined);
  }

  #touch(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (entry.upload.phase === 'reading' || entry.upload.phase === 'committing') return this.#touch(entry);
      const idle = this.#idleMs >= 60_000 ? `${Math.round(this.#idleMs / 60_000)} idle minutes` : `${this.#idleMs} ms idle`;
      this.#log(`[import] upload of "${entry.upload.fileName}" expired after ${idle}`);
      void this.end(entry.upload.id);
    }, this.#idleMs);
    entry.timer.unref();
  }
}
