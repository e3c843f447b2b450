// The Media Manager's view: virtual disks (with chains, attachments, orphans), ISO images and host drives, and what each action would do.
import { z } from 'zod';
import { diskAllocationSchema, diskImageSchema } from './storage.ts';

export const mediaLimits = { isoNameMaxLength: 128, isoMaxMiB: 64 * 1024 } as const;

const machineRef = z.object({ machineId: z.string(), name: z.string() });

export const virtualDiskSchema = z.object({
  id: z.string(),
  hostId: z.string(),
  /** File name as a person would see it: "web-01.vdi" for a base, "{disk-7}.vdi" for a differencing image. */
  fileName: z.string(),
  /** What it is: "Current state of web-01", "Snapshot “clean” of web-01", "Disk of removed machine web-01". */
  role: z.string(),
  kind: z.enum(['base', 'differencing']),
  allocation: diskAllocationSchema,
  parentId: z.string().optional(),
  capacityMiB: z.number().int().nonnegative(),
  allocatedMiB: z.number().int().nonnegative(),
  /** Machines reading it through their disk chain. */
  attachedTo: z.array(machineRef),
  /** Linked clones built on it (other machines' images over this one). */
  linkedClones: z.array(machineRef),
  /** No machine reads it: left behind by "Remove only" (or by a deleted machine whose files were kept). */
  orphaned: z.boolean(),
  /** Space compacting would give back now; 0 when nothing would. */
  compactableMiB: z.number().int().nonnegative(),
  /** Why it cannot be compacted now (fixed size, in use by a running machine...). */
  compactRefusal: z.string().optional(),
  /** Why it cannot be removed now (attached, has children...). */
  removeRefusal: z.string().optional(),
});
export type VirtualDisk = z.infer<typeof virtualDiskSchema>;

export const isoImageSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(mediaLimits.isoNameMaxLength),
  /** 0 when unknown: registered because a machine (an import, a command) named it. */
  sizeMiB: z.number().int().nonnegative().max(mediaLimits.isoMaxMiB),
});
export type IsoImage = z.infer<typeof isoImageSchema>;

export const isoMediumSchema = isoImageSchema.extend({
  attachedTo: z.array(machineRef.extend({ running: z.boolean() })),
  /** Why it cannot be released now (a running machine reads it). */
  releaseRefusal: z.string().optional(),
  removeRefusal: z.string().optional(),
});
export type IsoMedium = z.infer<typeof isoMediumSchema>;

export const hostDriveSchema = z.object({
  hostId: z.string(),
  hostName: z.string(),
  /** The running machine holding the drive now (one at a time per host). */
  heldBy: machineRef.optional(),
  /** Machines whose optical drive is set to this host drive. */
  configuredOn: z.array(machineRef),
});
export type HostDrive = z.infer<typeof hostDriveSchema>;

export const mediaListSchema = z.object({
  disks: z.array(virtualDiskSchema),
  isoImages: z.array(isoMediumSchema),
  hostDrives: z.array(hostDriveSchema),
});
export type MediaList = z.infer<typeof mediaListSchema>;

/** Registering an ISO image in the library (the simulation keeps its name and size, not its bytes). */
export const addIsoSpecSchema = z.strictObject({
  name: z
    .string({ error: 'Name must be text' })
    .trim()
    .min(1, 'Enter the file name of the ISO image')
    .max(mediaLimits.isoNameMaxLength, `Name must be at most ${mediaLimits.isoNameMaxLength} characters`)
    // eslint-disable-next-line no-control-regex -- file names must not carry control characters
    .regex(/^[^/\\:*?"<>|\u0000-\u001f]+\.iso$/i, 'Enter a file name ending in .iso, without / \\ : * ? " < > |'),
  sizeMiB: z
    .number({ error: 'Size must be a number' })
    .int('Size must be a whole number of MiB')
    .min(1, 'Size must be at least 1 MiB')
    .max(mediaLimits.isoMaxMiB, `Size must be at most ${mediaLimits.isoMaxMiB} MiB`),
});
export type AddIsoSpec = z.input<typeof addIsoSpecSchema>;

/** A disk image no machine record carries (an orphan), kept in the library's inventory so it survives a restart. */
export const keptImageSchema = diskImageSchema.omit({ children: true, usedBy: true });
export type KeptImage = z.infer<typeof keptImageSchema>;
