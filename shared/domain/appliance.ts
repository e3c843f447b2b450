// Export and import of machines (OVF 1.0/2.0, OVA, plain JSON): requests, previews, results and progress.
import { z } from 'zod';
import { groupNameSchema, machineIdSchema, machineLimits, machineNameSchema, machineSchema } from './machine.ts';
import { osTypeIdSchema } from './osTypes.ts';
import { attachmentSchema, opticalDriveSchema } from './network.ts';
import { diskAllocationSchema } from './storage.ts';
import { platformKindSchema, workloadSchema } from './virtualization.ts';

export const exportFormats = ['ova', 'ovf', 'json'] as const;
export const exportFormatSchema = z.enum(exportFormats, { error: 'Format must be ova, ovf or json' });
export type ExportFormat = z.infer<typeof exportFormatSchema>;
export const ovfVersionSchema = z.enum(['1.0', '2.0'], { error: 'OVF version must be 1.0 or 2.0' });

/** Ids the client picks so it can match `operationProgress` events to the call it made. */
export const operationIdSchema = z.string({ error: 'Operation id must be text' }).uuid('Operation id must be a UUID');

/** A file name without folder or extension: letters, digits, spaces, dot, dash, underscore, parentheses. */
export const exportBaseNameSchema = z
  .string({ error: 'File name must be text' })
  .trim()
  .min(1, 'Enter a file name')
  .max(100, 'File name must be at most 100 characters')
  .regex(/^[\p{L}\p{N} ._()-]+$/u, 'File name may contain letters, digits, spaces, dots, dashes, underscores and parentheses')
  .refine((name) => !name.startsWith('.'), 'File name must not start with a dot');

/**
 * How many machines one export may hold, and how many VirtualSystems an import reads: the import side is larger, so
 * Virtlab always reads back what it wrote (limits protect against hostile files, not against Virtlab's own).
 */
export const applianceLimits = { maxExportMachines: 500, maxImportSystems: 1000 } as const;

export const exportRequestSchema = z.strictObject({
  machineIds: z
    .array(machineIdSchema)
    .min(1, 'Choose at least one machine')
    .max(applianceLimits.maxExportMachines, `At most ${applianceLimits.maxExportMachines} machines can be exported at once`),
  format: exportFormatSchema,
  /** Ignored for json. */
  ovfVersion: ovfVersionSchema.default('1.0'),
  /** Write a manifest (.mf) with SHA-256 digests (SHA-1 for OVF 1.0, as VirtualBox writes). Ignored for json. */
  manifest: z.boolean({ error: 'Manifest must be true or false' }).default(true),
  fileBaseName: exportBaseNameSchema,
  operationId: operationIdSchema.optional(),
});
export type ExportRequest = z.input<typeof exportRequestSchema>;

export const exportedFileSchema = z.object({
  /** e.g. "web-01.ova", "web-01.ovf", "web-01.mf". */
  name: z.string(),
  mediaType: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  base64: z.string(),
});
export type ExportedFile = z.infer<typeof exportedFileSchema>;

export const exportResultSchema = z.object({
  files: z.array(exportedFileSchema),
  machineCount: z.number(),
  totalBytes: z.number(),
  warnings: z.array(z.string()),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

/** Largest appliance accepted for import (an OVA carrying disk images). */
export const maxImportBytes = 4 * 1024 ** 3;
/** Largest decoded chunk per `uploadImportChunk` call (keeps WebSocket frames under their 1 MiB cap). */
export const importChunkBytes = 512 * 1024;

export const uploadIdSchema = z.string({ error: 'Upload id must be text' }).uuid('Upload id must be a UUID');

/** Largest manifest (.mf) accepted beside an .ovf (it travels in one request, under the 1 MiB WebSocket frame cap). */
export const maxManifestBytes = 256 * 1024;

/** The .mf that sits beside an .ovf (`lab.mf` next to `lab.ovf`), sent whole: it is checked against the descriptor. */
export const siblingManifestSchema = z.strictObject({
  fileName: z
    .string({ error: 'Manifest file name must be text' })
    .min(1)
    .max(255, 'Manifest file name is too long')
    .refine((name) => /\.mf$/i.test(name), 'The manifest must be an .mf file'),
  text: z.string({ error: 'Manifest must be text' }).max(maxManifestBytes, `The manifest is larger than ${maxManifestBytes / 1024} KiB`),
});

export const beginImportSchema = z.strictObject({
  fileName: z
    .string({ error: 'File name must be text' })
    .min(1, 'Choose a file')
    .max(255, 'File name is too long')
    // eslint-disable-next-line no-control-regex -- a file name with control characters is not one a person chose
    .refine((name) => !/[\u0000-\u001f\u007f-\u009f]/.test(name), 'File name must not contain control characters')
    .refine((name) => /\.(ova|ovf)$/i.test(name), 'Choose an .ova or .ovf file'),
  size: z
    .number({ error: 'Size must be a number' })
    .int('Size must be a whole number')
    .min(1, 'The file is empty')
    .max(maxImportBytes, `The file is larger than ${maxImportBytes / 1024 ** 3} GiB`),
  /** Only with an .ovf: its manifest, so a descriptor altered since it was written is refused. */
  manifest: siblingManifestSchema.optional(),
});

export const uploadChunkSchema = z.strictObject({
  uploadId: uploadIdSchema,
  offset: z.number({ error: 'Offset must be a number' }).int('Offset must be a whole number').min(0, 'Offset must not be negative'),
  /** Base64 of at most `importChunkBytes` bytes. */
  data: z.string({ error: 'Chunk data must be base64 text' }).max(Math.ceil(importChunkBytes / 3) * 4, 'Chunk is too large').base64('Chunk data must be base64'),
});

/** Longest VirtualSystem id (ovf:id) accepted: it identifies the system when committing an import. */
export const importSourceIdMaxLength = 300;

export const importNicSchema = z.object({
  slot: z.number(),
  attachment: attachmentSchema,
  /** Network name as the descriptor gives it. */
  connection: z.string(),
  mac: z.string().optional(),
});

export const importDiskSchema = z.object({
  /** ovf:diskId in the file. */
  diskId: z.string(),
  /** Exactly as the file states it. */
  capacityBytes: z.number(),
  /** Rounded up to whole MiB: what the machine's configuration keeps. */
  capacityMiB: z.number(),
  /** The package refers to an image file for it (Virtlab creates an empty disk of that capacity either way). */
  fileRef: z.string().optional(),
});
export type ImportDisk = z.infer<typeof importDiskSchema>;

export const importSystemSchema = z.object({
  /** ovf:id of the VirtualSystem; identifies it in commitImport. */
  sourceId: z.string(),
  /** Name in the file (after clamping). */
  name: z.string(),
  /** Name to use: `name`, or `name_1`… when a machine of that name exists (as VirtualBox does). */
  suggestedName: z.string(),
  /** The vApp (VirtualSystemCollection) it came in, "outer/inner" when nested; the imported machine joins that group. */
  group: z.string().optional(),
  osType: osTypeIdSchema,
  vcpus: z.number(),
  memoryMiB: z.number(),
  /** Size of the simulated disk: the first disk, rounded up to whole GiB. */
  diskGiB: z.number(),
  /**
   * Every disk of the system at its real size, first (the simulated one) first; all are kept in the machine's
   * configuration. Always sent by the backend; optional in the type so clients written before it still type-check.
   */
  disks: z.array(importDiskSchema).optional(),
  nics: z.array(importNicSchema),
  optical: opticalDriveSchema.nullable(),
  /** What a Virtlab export carried in its extension section; null for other tools' files. */
  virtlab: z
    .object({
      kind: platformKindSchema.optional(),
      hostId: z.string(),
      platformId: z.string(),
      workload: workloadSchema,
      diskAllocation: diskAllocationSchema,
      snapshotCount: z.number(),
      /** Labels the export carried; the imported machine gets them. */
      owner: z.string().optional(),
      purpose: z.string().optional(),
      tags: z.array(z.string()).optional(),
      expiresOn: z.string().optional(),
      /** The machine it was cloned from in the library it came from, by name. */
      origin: z.object({ machineName: z.string(), snapshotName: z.string().optional(), mode: z.enum(['full', 'linked']) }).optional(),
    })
    .nullable(),
  /** Where it would go: the Virtlab section's host/platform when they exist here, else the default. */
  hostId: z.string(),
  platformId: z.string(),
  workload: workloadSchema,
  diskAllocation: diskAllocationSchema,
  /** Each value changed to fit Virtlab, and anything ignored, as VirtualBox lists them. */
  warnings: z.array(z.string()),
  /** Why this system cannot be imported (e.g. a broadcast MAC address); the other systems of the file still can. */
  refusal: z.string().optional(),
});
export type ImportSystem = z.infer<typeof importSystemSchema>;

export const importPreviewSchema = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  format: z.enum(['ova', 'ovf']),
  hasManifest: z.boolean(),
  /** A manifest was present and every digest matched. */
  manifestVerified: z.boolean(),
  shippedFiles: z.array(z.string()),
  systems: z.array(importSystemSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

const limited = (label: string, unit: string, range: { min: number; max: number }) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(range.min, `${label} must be at least ${range.min}${unit}`)
    .max(range.max, `${label} must be at most ${range.max}${unit}`);

/** The user's (possibly edited) choices for one VirtualSystem of the preview. */
export const importChoiceSchema = z.strictObject({
  sourceId: z.string().min(1).max(importSourceIdMaxLength, `Source id must be at most ${importSourceIdMaxLength} characters`),
  include: z.boolean(),
  name: machineNameSchema,
  osType: osTypeIdSchema,
  vcpus: limited('vCPUs', '', machineLimits.vcpus),
  memoryMiB: limited('Memory', ' MiB', machineLimits.memoryMiB),
  diskGiB: limited('Disk size', ' GiB', machineLimits.diskGiB),
  hostId: z.string().min(1, 'Choose a host').max(100),
  platformId: z.string().min(1, 'Choose a platform').max(100),
  workload: workloadSchema,
  diskAllocation: diskAllocationSchema,
  /** Keep the MAC addresses in the file, or generate new ones (default, as for a copy). */
  macPolicy: z.enum(['keep', 'new'], { error: 'MAC policy must be keep or new' }),
  /** Group of the new machine: omitted = the previewed one (the vApp), null = none. */
  group: groupNameSchema.nullable().optional(),
});
export type ImportChoice = z.infer<typeof importChoiceSchema>;

export const commitImportSchema = z.strictObject({
  uploadId: uploadIdSchema,
  systems: z.array(importChoiceSchema).min(1, 'Nothing to import').max(applianceLimits.maxImportSystems),
  operationId: operationIdSchema.optional(),
});

export const importResultSchema = z.object({
  machines: z.array(machineSchema),
  warnings: z.array(z.string()),
  /** Chosen systems that could not be imported, each with the reason; the others were. Always sent (optional for older clients). */
  refused: z.array(z.object({ sourceId: z.string(), name: z.string(), reason: z.string() })).optional(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** Progress of a long export or import, pushed as `operationProgress` events while the call runs. */
export const operationProgressSchema = z.object({
  operationId: z.string(),
  operation: z.enum(['export', 'import', 'bulk']),
  /** Human description of the current step, e.g. "Writing descriptor (3 of 10 machines)". */
  step: z.string(),
  done: z.number(),
  total: z.number(),
});
export type OperationProgress = z.infer<typeof operationProgressSchema>;
