// The sprawl ledger: machines idle or unused for long, expired or expiring, the largest consumers, clone families and orphaned media, each with a suggested action.
import { z } from 'zod';

/** Idle: under 10 % of the vCPUs, which an idle guest (a few % with noise and overhead) never reaches. */
export const sprawlDefaults = { idleDays: 7, unusedDays: 30, expiringDays: 14, idleCpuPct: 10, top: 10 } as const;

const days = (label: string) =>
  z.number({ error: `${label} must be a number` }).min(0, `${label} cannot be negative`).max(3650, `${label} must be at most 3650 days`);

export const sprawlQuerySchema = z.strictObject({
  /** Running with CPU under `sprawlDefaults.idleCpuPct` (share of the guest's vCPUs) for at least this many simulated days. */
  idleDays: days('Idle days').optional(),
  /** Not powered on for at least this many simulated days. */
  unusedDays: days('Unused days').optional(),
  /** Expiring within this many calendar days counts as about to expire. */
  expiringDays: days('Expiring days').optional(),
  /** How many machines each "largest" list shows. */
  top: z.number().int().min(1).max(100).optional(),
});
export type SprawlQuery = z.infer<typeof sprawlQuerySchema>;

export const sprawlCategories = ['idle', 'unused', 'expired', 'expiring', 'largestDisk', 'largestMemory'] as const;
export type SprawlCategory = (typeof sprawlCategories)[number];

/** What to do about a finding; the bulk actions are the ones the window can carry out on all of a list at once. */
export const sprawlActions = ['stop', 'delete', 'review', 'extend'] as const;
export type SprawlAction = (typeof sprawlActions)[number];

export const sprawlFindingSchema = z.object({
  machineId: z.string(),
  name: z.string(),
  state: z.string(),
  owner: z.string().optional(),
  /** Why it is listed, e.g. "running at under 10 % CPU for 9.2 days". */
  reason: z.string(),
  action: z.enum(sprawlActions),
  /** Human form of the action with what it gives back, e.g. "Delete it: frees 12.4 GiB". */
  suggestion: z.string(),
  /** Disk space the action gives back (deleting), or memory (stopping). */
  freesDiskMiB: z.number(),
  freesMemoryMiB: z.number(),
});
export type SprawlFinding = z.infer<typeof sprawlFindingSchema>;

export const familyMemberSchema = z.object({
  /** Absent for an ancestor that no longer exists (only its name is known). */
  machineId: z.string().optional(),
  name: z.string(),
  /** 0 for the root; clones one deeper than the machine they came from. */
  depth: z.number().int(),
  parentId: z.string().optional(),
  mode: z.enum(['full', 'linked']).optional(),
  /** Snapshot of the parent this clone was made from. */
  snapshotName: z.string().optional(),
  state: z.string().optional(),
  diskMiB: z.number(),
  exists: z.boolean(),
});
export type FamilyMember = z.infer<typeof familyMemberSchema>;

export const cloneFamilySchema = z.object({
  rootName: z.string(),
  members: z.array(familyMemberSchema),
  diskMiB: z.number(),
  suggestion: z.string(),
});
export type CloneFamily = z.infer<typeof cloneFamilySchema>;

/** A disk image no machine reads (left by "Remove only") or an ISO image no machine's drive names: removable media. */
export const orphanedMediumSchema = z.object({
  mediumId: z.string(),
  kind: z.enum(['disk', 'iso']),
  name: z.string(),
  /** What it was: "Disk of removed machine web-01", "ISO image no machine uses". */
  reason: z.string(),
  /** Pool space removing it gives back (a disk with the orphaned images built on it; 0 for an ISO, which is no pool's). */
  freesDiskMiB: z.number(),
  suggestion: z.string(),
  /** Why it cannot be removed now, when it cannot. */
  removeRefusal: z.string().optional(),
});
export type OrphanedMedium = z.infer<typeof orphanedMediumSchema>;

export const sprawlReportSchema = z.object({
  simTimeMs: z.number(),
  /** The calendar day expiry dates were compared with. */
  today: z.string(),
  thresholds: z.object({ idleDays: z.number(), unusedDays: z.number(), expiringDays: z.number(), idleCpuPct: z.number(), top: z.number() }),
  machineCount: z.number(),
  categories: z.record(z.enum(sprawlCategories), z.array(sprawlFindingSchema)),
  families: z.array(cloneFamilySchema),
  orphans: z.array(orphanedMediumSchema),
  /** What carrying out every stop, delete and removal suggestion would give back (each machine and medium counted once). */
  reclaimable: z.object({ diskMiB: z.number(), memoryMiB: z.number() }),
});
export type SprawlReport = z.infer<typeof sprawlReportSchema>;

/** The family one machine belongs to (ancestors, it, its clones), for its details pane. */
export const machineFamilySchema = z.object({ machineId: z.string(), family: cloneFamilySchema.nullable() });
export type MachineFamily = z.infer<typeof machineFamilySchema>;

export const sprawlCategoryLabels: Readonly<Record<SprawlCategory, string>> = {
  idle: 'Idle',
  unused: 'Not started for long',
  expired: 'Expired',
  expiring: 'About to expire',
  largestDisk: 'Largest disk consumers',
  largestMemory: 'Largest memory consumers',
};
