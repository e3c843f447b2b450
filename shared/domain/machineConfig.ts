// A machine's full configuration (disk, NICs, optical drive, origin), the settings patch, its rules and clone options.
import { z } from 'zod';
import { appErrorSchema } from '../errors.ts';
import { machineLimits, machineNameSchema } from './machine.ts';
import { machineStateSchema } from './machineState.ts';
import { osTypeIdSchema } from './osTypes.ts';
import { workloadSchema } from './virtualization.ts';
import { applianceDiskLimits, applianceDiskSchema, diskAllocationSchema, diskImageSchema, machineDiskSchema } from './storage.ts';
import { ipv4Schema, nicConfigSchema, nicLimits, nicSpecSchema, opticalDriveSchema } from './network.ts';
import { snapshotNameSchema, snapshotSchema } from './snapshot.ts';

export const machineOriginSchema = z.object({
  machineId: z.string(),
  /** Snapshot of the origin the clone was made from; absent when cloned from its current state as a full clone. */
  snapshotId: z.string().optional(),
  mode: z.enum(['full', 'linked']),
  /** Names when the clone was made, so the family tree still reads after the origin (or its snapshot) is gone. */
  machineName: z.string().optional(),
  snapshotName: z.string().optional(),
});
export type MachineOrigin = z.infer<typeof machineOriginSchema>;

export const machineConfigSchema = z.object({
  machineId: z.string(),
  disk: machineDiskSchema,
  nics: z.array(nicConfigSchema),
  optical: opticalDriveSchema,
  origin: machineOriginSchema.optional(),
  /** Every disk of an imported multi-disk (or sub-GiB) appliance at its real size; absent for machines made here. */
  disks: z.array(applianceDiskSchema).max(applianceDiskLimits.max).optional(),
  snapshotCount: z.number().int().nonnegative(),
  currentSnapshotId: z.string().optional(),
});
export type MachineConfig = z.infer<typeof machineConfigSchema>;

const positiveInt = (label: string, unit: string, range: { min: number; max: number }) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(range.min, `${label} must be at least ${range.min}${unit}`)
    .max(range.max, `${label} must be at most ${range.max}${unit}`);

/** Fields a settings dialog may change; omitted fields stay as they are. `nics` replaces the whole adapter list. */
export const settingsPatchSchema = z.strictObject({
  name: machineNameSchema.optional(),
  osType: osTypeIdSchema.optional(),
  vcpus: positiveInt('vCPUs', '', machineLimits.vcpus).optional(),
  memoryMiB: positiveInt('Memory', ' MiB', machineLimits.memoryMiB).optional(),
  /** Disks only grow. */
  diskGiB: positiveInt('Disk size', ' GiB', machineLimits.diskGiB).optional(),
  nics: z.array(nicSpecSchema).min(1, 'A machine needs at least one network adapter').max(nicLimits.max, `A machine has at most ${nicLimits.max} network adapters`).optional(),
  optical: opticalDriveSchema.optional(),
  workload: workloadSchema.optional(),
  /** Type 0 only: a running partition that gives the vCPUs/memory being added (moved live); free capacity otherwise. */
  donorId: z.string().min(1).max(100).optional(),
});
export type SettingsPatch = z.input<typeof settingsPatchSchema>;
export const settingsFields = ['name', 'osType', 'vcpus', 'memoryMiB', 'diskGiB', 'nics', 'optical', 'workload'] as const;
export type SettingsField = (typeof settingsFields)[number];

/** What saving a patch would meet, without saving it: the first refusal the engine's settings rules give, or none. */
export const settingsCheckSchema = z.object({ problem: appErrorSchema.nullable() });
export type SettingsCheck = z.infer<typeof settingsCheckSchema>;

export const fieldRuleSchema = z.object({
  editable: z.boolean(),
  /** Why it cannot change now, e.g. `Power off "web-01" to change memory`. */
  reason: z.string().optional(),
  /** It changes while the machine runs (hot-plug / live move). */
  live: z.boolean(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type FieldRule = z.infer<typeof fieldRuleSchema>;
export const settingsRulesSchema = z.object({
  machineId: z.string(),
  state: machineStateSchema,
  fields: z.record(z.enum(settingsFields), fieldRuleSchema),
});
export type SettingsRules = z.infer<typeof settingsRulesSchema>;

export const cloneOptionsSchema = z.strictObject({
  name: machineNameSchema,
  mode: z.enum(['full', 'linked'], { error: 'Clone type must be full or linked' }).default('full'),
  /** currentState: no snapshots; currentBranch: the chosen (or current) snapshot and everything under it; everything: the whole tree. */
  states: z.enum(['currentState', 'currentBranch', 'everything'], { error: 'Choose current state, current branch or everything' }).default('currentState'),
  /** Clone from this snapshot instead of the current state. */
  snapshotId: z.string().min(1).max(100).optional(),
  macPolicy: z.enum(['keepAll', 'keepNat', 'generateNew'], { error: 'MAC policy must be keepAll, keepNat or generateNew' }).default('generateNew'),
  /** Address of the clone's first adapter: a DHCP lease, or a new static address. */
  ip: z.discriminatedUnion('mode', [z.strictObject({ mode: z.literal('dhcp') }), z.strictObject({ mode: z.literal('static'), address: ipv4Schema })]).optional(),
  /** Name of the snapshot a linked clone of the current state creates; VirtualBox's naming when omitted. */
  linkedBaseName: snapshotNameSchema.optional(),
});
export type CloneOptions = z.input<typeof cloneOptionsSchema>;

/** What the backend keeps per machine, beyond the basic record, so the engine can rebuild disks, NICs and snapshots. */
export const machineConfigRecordSchema = z.object({
  diskAllocation: diskAllocationSchema,
  /** Every image the machine owns or reads through its chain (shared parents too); restore merges them by id. */
  images: z.array(diskImageSchema.omit({ children: true, usedBy: true })),
  currentImageId: z.string(),
  currentSnapshotId: z.string().optional(),
  snapshots: z.array(snapshotSchema.omit({ childIds: true, diskMiB: true })),
  nics: z.array(nicConfigSchema),
  optical: opticalDriveSchema,
  origin: machineOriginSchema.optional(),
  /** See MachineConfig.disks. */
  disks: z.array(applianceDiskSchema).max(applianceDiskLimits.max).optional(),
  /** The machine is Saved: its memory (this many MiB, a file in its host's pool) waits to be resumed. */
  savedState: z.object({ sizeMiB: z.number().int().positive(), savedAtMs: z.number().nonnegative() }).optional(),
  /** The machine is Aborted (its host failed while it ran) and has not been started since. */
  aborted: z.literal(true).optional(),
});
export type MachineConfigRecord = z.infer<typeof machineConfigRecordSchema>;
