// Fake export/import and library status for renderer tests: a JSON stand-in for OVF that round-trips, with progress events.
import { AppError } from '../../shared/errors.ts';
import { importChunkBytes } from '../../shared/domain/appliance.ts';
import type { ExportRequest, ExportedFile, ImportChoice, ImportPreview, ImportSystem, OperationProgress } from '../../shared/domain/appliance.ts';
import type { LibraryStatus } from '../../shared/domain/library.ts';
import { machineLimits, machineNameKey } from '../../shared/domain/machine.ts';
import type { Machine, NewMachineSpec } from '../../shared/domain/machine.ts';
import type { OsTypeId } from '../../shared/domain/osTypes.ts';
import type { WorkloadName } from '../../shared/domain/virtualization.ts';
import type { MethodName } from '../../shared/api/methods.ts';
import { base64ToBytes, bytesToBase64 } from '../format/base64.ts';
import { newOperationId } from '../composables/useOperationProgress.ts';

/** What the fake writes into every exported file, and reads back on import. */
export interface FakeApplianceDocument {
  fakeAppliance: 1;
  format: 'ova' | 'ovf' | 'json';
  machines: {
    name: string;
    osType: string;
    vcpus: number;
    memoryMiB: number;
    diskGiB: number;
    workload: string;
    hostId: string;
    platformId: string;
    /** Every disk when the appliance has several (or one below 1 GiB). */
    disksMiB?: number[];
    group?: string;
    refusal?: string;
  }[];
}

interface Upload {
  fileName: string;
  size: number;
  parts: Uint8Array[];
  received: number;
  manifest?: { fileName: string; text: string };
  preview?: ImportPreview;
}

export interface FakeAppliancesDeps {
  machines: () => Machine[];
  create: (spec: NewMachineSpec) => Machine;
  progress: (progress: OperationProgress) => void;
  libraryChanged: (status: LibraryStatus) => void;
}

export const applianceMethods = ['getLibraryStatus', 'exportMachines', 'beginImport', 'uploadImportChunk', 'readImport', 'commitImport', 'cancelImport'] as const satisfies readonly MethodName[];
export type ApplianceMethod = (typeof applianceMethods)[number];

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function encodeFakeAppliance(document: FakeApplianceDocument): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(document));
}

export class FakeAppliances {
  status: LibraryStatus = { dir: '/home/ada/.config/Virtlab/library', loadedMachines: 0, problems: [], notes: [] };
  readonly uploads = new Map<string, Upload>();
  readonly #deps: FakeAppliancesDeps;

  constructor(deps: FakeAppliancesDeps) {
    this.#deps = deps;
  }

  /** Replaces the status and pushes a `libraryStatus` event, as the backend does when a save fails or recovers. */
  setStatus(status: LibraryStatus): void {
    this.status = status;
    this.#deps.libraryChanged(status);
  }

  handle(method: ApplianceMethod, input: Record<string, unknown>): unknown {
    switch (method) {
      case 'getLibraryStatus':
        return { ...this.status, loadedMachines: this.status.loadedMachines || this.#deps.machines().length };
      case 'exportMachines':
        return this.#export(input as ExportRequest);
      case 'beginImport':
        return this.#begin(String(input.fileName), Number(input.size), input.manifest as Upload['manifest']);
      case 'uploadImportChunk':
        return this.#chunk(String(input.uploadId), Number(input.offset), String(input.data));
      case 'readImport':
        return this.#read(String(input.uploadId), input.operationId as string | undefined);
      case 'commitImport':
        return this.#commit(String(input.uploadId), input.systems as ImportChoice[], input.operationId as string | undefined);
      case 'cancelImport':
        this.uploads.delete(String(input.uploadId));
        return { uploadId: input.uploadId };
    }
  }

  #report(operationId: string | undefined, operation: OperationProgress['operation'], step: string, done: number, total: number): void {
    if (operationId) this.#deps.progress({ operationId, operation, step, done, total });
  }

  async #export(request: ExportRequest) {
    const chosen = request.machineIds.map((id) => {
      const machine = this.#deps.machines().find((m) => m.id === id);
      if (!machine) throw new AppError('NOT_FOUND', 'No such machine', 'machineIds');
      return machine;
    });
    const total = chosen.length + 1;
    chosen.forEach((m, i) => this.#report(request.operationId, 'export', `Describing "${m.name}" (${i + 1} of ${chosen.length})`, i, total));
    const document: FakeApplianceDocument = {
      fakeAppliance: 1,
      format: request.format,
      machines: chosen.map(({ name, osType, vcpus, memoryMiB, diskGiB, workload, hostId, platformId }) => ({ name, osType, vcpus, memoryMiB, diskGiB, workload, hostId, platformId })),
    };
    const body = encodeFakeAppliance(document);
    const names =
      request.format === 'json'
        ? [`${request.fileBaseName}.json`]
        : request.format === 'ova'
          ? [`${request.fileBaseName}.ova`]
          : [`${request.fileBaseName}.ovf`, ...(request.manifest === false ? [] : [`${request.fileBaseName}.mf`])];
    const files: ExportedFile[] = [];
    for (const name of names) {
      const bytes = name.endsWith('.mf') ? new TextEncoder().encode(`SHA256(${request.fileBaseName}.ovf)= ${await sha256Hex(body)}\n`) : body;
      const mediaType = name.endsWith('.json') ? 'application/json' : name.endsWith('.ova') ? 'application/x-tar' : 'text/plain';
      files.push({ name, mediaType, bytes: bytes.length, sha256: await sha256Hex(bytes), base64: bytesToBase64(bytes) });
    }
    this.#report(request.operationId, 'export', 'Writing the files', total, total);
    return { files, machineCount: chosen.length, totalBytes: files.reduce((sum, f) => sum + f.bytes, 0), warnings: [] };
  }

  #begin(fileName: string, size: number, manifest?: Upload['manifest']) {
    const uploadId = newOperationId();
    this.uploads.set(uploadId, { fileName, size, parts: [], received: 0, ...(manifest ? { manifest } : {}) });
    return { uploadId, chunkBytes: importChunkBytes };
  }

  #upload(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new AppError('NOT_FOUND', 'No such upload; it may have been cancelled', 'uploadId');
    return upload;
  }

  #chunk(uploadId: string, offset: number, data: string) {
    const upload = this.#upload(uploadId);
    if (offset !== upload.received) throw new AppError('VALIDATION', `Expected the chunk at offset ${upload.received}, got ${offset}`, 'offset');
    const bytes = base64ToBytes(data);
    if (bytes.length > importChunkBytes) throw new AppError('VALIDATION', 'Chunk is too large', 'data');
    if (upload.received + bytes.length > upload.size) throw new AppError('VALIDATION', 'More data than the announced size', 'data');
    upload.parts.push(bytes);
    upload.received += bytes.length;
    return { receivedBytes: upload.received };
  }

  #suggestName(name: string, taken: Set<string>): string {
    let candidate = name;
    for (let n = 1; taken.has(machineNameKey(candidate)); n += 1) candidate = `${name}_${n}`;
    taken.add(machineNameKey(candidate));
    return candidate;
  }

  #read(uploadId: string, operationId: string | undefined): ImportPreview {
    const upload = this.#upload(uploadId);
    if (upload.received !== upload.size) throw new AppError('VALIDATION', `The upload is incomplete (${upload.received} of ${upload.size} bytes)`, 'uploadId');
    this.#report(operationId, 'import', 'Reading the descriptor', 0, 2);
    const text = new TextDecoder().decode(new Uint8Array(upload.parts.flatMap((p) => [...p])));
    let document: FakeApplianceDocument;
    try {
      document = JSON.parse(text) as FakeApplianceDocument;
      if (document.fakeAppliance !== 1) throw new Error('not a fake appliance');
    } catch {
      throw new AppError('VALIDATION', `${upload.fileName} is not an OVF appliance: the descriptor is not valid XML`);
    }
    this.#report(operationId, 'import', 'Checking the manifest', 1, 2);
    const taken = new Set(this.#deps.machines().map((m) => machineNameKey(m.name)));
    const systems: ImportSystem[] = document.machines.map((m, i) => {
      const warnings: string[] = [];
      const vcpus = Math.min(m.vcpus, machineLimits.vcpus.max);
      if (vcpus !== m.vcpus) warnings.push(`vCPUs: ${m.vcpus} is more than Virtlab allows; set to ${vcpus}`);
      return {
        sourceId: `vm-${i + 1}`,
        name: m.name,
        suggestedName: this.#suggestName(m.name, taken),
        osType: m.osType as OsTypeId,
        vcpus,
        memoryMiB: m.memoryMiB,
        diskGiB: m.diskGiB,
        disks: (m.disksMiB ?? [m.diskGiB * 1024]).map((capacityMiB, d) => ({ diskId: `vmdisk${d + 1}`, capacityBytes: capacityMiB * 2 ** 20, capacityMiB })),
        ...(m.group === undefined ? {} : { group: m.group }),
        ...(m.refusal === undefined ? {} : { refusal: m.refusal }),
        nics: [{ slot: 0, attachment: 'nat', connection: 'NAT', mac: '080027AABBCC' }],
        optical: null,
        virtlab: null,
        hostId: m.hostId,
        platformId: m.platformId,
        workload: m.workload as WorkloadName,
        diskAllocation: 'dynamic',
        warnings,
      };
    });
    this.#report(operationId, 'import', 'Checked', 2, 2);
    const format = upload.fileName.toLowerCase().endsWith('.ova') ? 'ova' : 'ovf';
    const checked = format === 'ova' || upload.manifest !== undefined;
    upload.preview = { uploadId, fileName: upload.fileName, format, hasManifest: checked, manifestVerified: checked, shippedFiles: [], systems };
    return upload.preview;
  }

  #commit(uploadId: string, choices: ImportChoice[], operationId: string | undefined) {
    const upload = this.#upload(uploadId);
    if (!upload.preview) throw new AppError('INVALID_STATE', 'Read the appliance before importing it', 'uploadId');
    const taken = new Set(this.#deps.machines().map((m) => machineNameKey(m.name)));
    const included = choices.map((choice, index) => ({ choice, index })).filter(({ choice }) => choice.include);
    // All or nothing: every refusal is found before anything is created.
    for (const { choice, index } of included) {
      if (taken.has(machineNameKey(choice.name))) throw new AppError('CONFLICT', `A machine named "${choice.name}" already exists`, `systems.${index}.name`);
      taken.add(machineNameKey(choice.name));
    }
    const machines = included.map(({ choice }, i) => {
      this.#report(operationId, 'import', `Creating "${choice.name}" (${i + 1} of ${included.length})`, i, included.length);
      const { name, osType, vcpus, memoryMiB, diskGiB, hostId, platformId, workload, diskAllocation } = choice;
      return this.#deps.create({ name, osType, vcpus, memoryMiB, diskGiB, hostId, platformId, workload, diskAllocation });
    });
    this.#report(operationId, 'import', 'Done', included.length, included.length);
    this.uploads.delete(uploadId);
    return { machines, warnings: [], refused: [] };
  }
}
