// Disk images (thin or fixed, base or differencing) and the per-host storage pools that hold them.
import { z } from 'zod';

export const diskAllocations = ['dynamic', 'fixed'] as const;
export const diskAllocationSchema = z.enum(diskAllocations, { error: 'Disk allocation must be dynamic or fixed' });
export type DiskAllocation = z.infer<typeof diskAllocationSchema>;

export const diskImageSchema = z.object({
  id: z.string(),
  hostId: z.string(),
  /** A base image holds a whole disk; a differencing image holds only blocks written since its parent was frozen. */
  kind: z.enum(['base', 'differencing']),
  /** Differencing images are always dynamically allocated. */
  allocation: diskAllocationSchema,
  parentId: z.string().optional(),
  capacityMiB: z.number().int().nonnegative(),
  /** Space the image takes in its pool now (a fixed image takes its whole capacity). */
  allocatedMiB: z.number().int().nonnegative(),
  /** Machine whose disk it belongs to; absent once that machine is deleted while a linked clone still needs it. */
  ownerMachineId: z.string().optional(),
  /** Snapshot that froze this image, when it is no longer written to. */
  snapshotId: z.string().optional(),
  /** Name of the machine it belonged to, kept when that machine was removed but its files were kept ("Remove only"). */
  formerOwnerName: z.string().optional(),
  /** Allocation below which compacting reclaims nothing: what a dynamic base held when created (its installed OS) or after its last compaction. */
  compactFloorMiB: z.number().int().nonnegative().optional(),
  /** Images built on top of it (snapshots' and linked clones' differencing disks); it is kept while any exist. */
  children: z.number().int().nonnegative(),
  /** Machines reading this image through their disk chain (the owner and its linked clones). */
  usedBy: z.array(z.string()),
});
export type DiskImage = z.infer<typeof diskImageSchema>;

export const storagePoolSchema = z.object({
  hostId: z.string(),
  name: z.string(),
  capacityMiB: z.number().int().nonnegative(),
  usedMiB: z.number().int().nonnegative(),
  freeMiB: z.number().int(),
  images: z.array(diskImageSchema),
  /** Saved memory of snapshots taken with memory state. */
  memoryStates: z.array(z.object({ snapshotId: z.string(), machineId: z.string(), sizeMiB: z.number().int().nonnegative() })),
  /** Memory of machines in the Saved state (what they resume from). */
  savedStates: z.array(z.object({ machineId: z.string(), sizeMiB: z.number().int().nonnegative() })),
});
export type StoragePool = z.infer<typeof storagePoolSchema>;

/** How a machine's disk looks from the machine: its chain of images and what it costs. */
export const machineDiskSchema = z.object({
  allocation: diskAllocationSchema,
  capacityGiB: z.number().int().positive(),
  /** The image written now (the newest differencing disk, or the base when there is no snapshot). */
  currentImageId: z.string(),
  /** Base first, current image last. */
  chain: z.array(z.string()),
  /** Space taken by images this machine owns (shared parents owned by another machine not included). */
  ownedMiB: z.number().int().nonnegative(),
  /** Why it takes that space, in one sentence ("the OS installed on it (6.3 GiB) and what the guest wrote since"). */
  usage: z.string().optional(),
});
export type MachineDisk = z.infer<typeof machineDiskSchema>;

/**
 * A disk as an imported appliance described it, at its real size. The engine simulates a machine's first disk only
 * (as a whole-GiB image, `diskGiB`); the list keeps every disk so nothing the file said is lost and exports write them back.
 */
export const applianceDiskSchema = z.object({
  /** The disk's id in the file it came from (ovf:diskId). */
  label: z.string().min(1).max(200),
  capacityMiB: z.number().int().positive().max(64 * 1024 * 1024),
});
export type ApplianceDisk = z.infer<typeof applianceDiskSchema>;
/** One SATA controller's ports, where exports attach them. */
export const applianceDiskLimits = { max: 30 } as const;
