// Export and import as the backend offers them: export, upload sessions, preview, all-or-nothing commit, cancel.
import type { z } from 'zod';
import { importChunkBytes } from '../../../shared/domain/appliance.ts';
import type { beginImportSchema, commitImportSchema, ExportResult, ImportPreview, ImportResult, uploadChunkSchema } from '../../../shared/domain/appliance.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ClientSession } from '../clientSession.ts';
import type { EnginePort } from '../enginePort.ts';
import { readAppliance } from '../ovf/applianceReader.ts';
import { exportMachines } from './exportService.ts';
import type { ExportRequestInput } from './exportService.ts';
import { commitChoices } from './importCommit.ts';
import type { BeginImport } from './importCommit.ts';
import { previewSystems } from './importPreview.ts';
import { ImportUploads } from './importUploads.ts';
import type { Upload } from './importUploads.ts';
import { progressFor } from './operationProgress.ts';

/** Reading progress is reported at most this often (and at the end), not per 64 KiB read. */
const progressEveryBytes = 4 * 1024 * 1024;

export interface ApplianceServiceOptions {
  readonly engine: EnginePort;
  readonly log: (line: string) => void;
  readonly uploads?: ImportUploads;
  /** The library's import transactions, so an import is saved all at once; without one it is only in the engine. */
  readonly beginImport?: BeginImport;
}

export class ApplianceService {
  readonly #engine: EnginePort;
  readonly #log: (line: string) => void;
  readonly #beginImport: BeginImport | undefined;
  readonly uploads: ImportUploads;

  constructor(options: ApplianceServiceOptions) {
    this.#engine = options.engine;
    this.#log = options.log;
    this.#beginImport = options.beginImport;
    this.uploads = options.uploads ?? new ImportUploads({ log: options.log });
  }

  export(input: ExportRequestInput, client: ClientSession): Promise<ExportResult> {
    return exportMachines(this.#engine, input, progressFor(client, input.operationId, 'export'));
  }

  async beginImport({ fileName, size, manifest }: z.output<typeof beginImportSchema>, client: ClientSession): Promise<{ uploadId: string; chunkBytes: number }> {
    if (manifest && !/\.ovf$/i.test(fileName)) throw new AppError('VALIDATION', `An OVA carries its own manifest; "${manifest.fileName}" only goes with an .ovf file`, 'manifest');
    const upload = await this.uploads.begin(client.id, fileName, size, manifest);
    return { uploadId: upload.id, chunkBytes: importChunkBytes };
  }

  async uploadChunk({ uploadId, offset, data }: z.output<typeof uploadChunkSchema>, client: ClientSession): Promise<{ receivedBytes: number }> {
    return { receivedBytes: await this.uploads.append(client.id, uploadId, offset, Buffer.from(data, 'base64')) };
  }

  async readImport({ uploadId, operationId }: { uploadId: string; operationId?: string | undefined }, client: ClientSession): Promise<ImportPreview> {
    const upload = this.uploads.get(client.id, uploadId);
    if (upload.phase === 'uploading') {
      throw new AppError('INVALID_STATE', `"${upload.fileName}" is not fully uploaded yet (${upload.received} of ${upload.size} bytes)`, 'uploadId');
    }
    this.#assertIdle(upload);
    const progress = progressFor(client, operationId, 'import');
    const previous = upload.phase;
    upload.phase = 'reading';
    try {
      let reported = 0;
      const bytes = this.uploads.read(upload, (read) => {
        if (read - reported < progressEveryBytes && read < upload.size) return;
        reported = read;
        progress(`Reading and checking "${upload.fileName}"`, read, upload.size);
      });
      const result = await readAppliance(bytes, upload.fileName, undefined, upload.manifest);
      const [machines, hosts] = await Promise.all([this.#engine.request('listMachines', {}), this.#engine.request('listHosts', {})]);
      const summary: ImportPreview = {
        uploadId,
        fileName: upload.fileName,
        format: result.format,
        hasManifest: result.hasManifest,
        manifestVerified: result.manifestVerified,
        shippedFiles: result.shippedFiles,
        systems: previewSystems(result.plans, machines, hosts),
      };
      upload.preview = { summary, plans: result.plans };
      upload.phase = 'previewed';
      return summary;
    } catch (error) {
      upload.phase = previous;
      throw error;
    }
  }

  async commitImport({ uploadId, systems, operationId }: z.output<typeof commitImportSchema>, client: ClientSession): Promise<ImportResult> {
    const upload = this.uploads.get(client.id, uploadId);
    this.#assertIdle(upload);
    if (!upload.preview) throw new AppError('INVALID_STATE', `Read "${upload.fileName}" (readImport) before importing it`, 'uploadId');
    upload.phase = 'committing';
    try {
      const progress = progressFor(client, operationId, 'import');
      const result = await commitChoices(this.#engine, systems, upload.preview.summary.systems, progress, this.#log, this.#beginImport);
      await this.uploads.end(uploadId);
      return result;
    } catch (error) {
      upload.phase = 'previewed';
      throw error;
    }
  }

  async cancelImport({ uploadId }: { uploadId: string }, client: ClientSession): Promise<{ uploadId: string }> {
    const upload = this.uploads.get(client.id, uploadId);
    this.#assertIdle(upload);
    await this.uploads.end(uploadId);
    return { uploadId };
  }

  /** A client that went away can never finish its uploads. */
  clientGone(client: ClientSession): void {
    void this.uploads.dropClient(client.id).catch((error: unknown) => this.#log(`[import] could not remove uploads of client ${client.id}: ${String(error)}`));
  }

  dispose(): Promise<void> {
    return this.uploads.dispose();
  }

  #assertIdle(upload: Upload): void {
    if (upload.phase === 'reading' || upload.phase === 'committing') {
      throw new AppError('INVALID_STATE', `"${upload.fileName}" is being ${upload.phase === 'reading' ? 'read' : 'imported'} right now; wait for that to finish`, 'uploadId');
    }
  }
}
