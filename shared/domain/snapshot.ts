// Snapshots of a machine: the tree, the Current State marker and what each snapshot costs in its pool.
import { z } from 'zod';
import { refuseUnsafeCharacters } from './nameCharacters.ts';

export const snapshotNameSchema = z
  .string({ error: 'Snapshot name must be text' })
  .trim()
  .min(1, 'Enter a name for the snapshot')
  .max(128, 'Snapshot name must be at most 128 characters')
  .superRefine(refuseUnsafeCharacters('Snapshot name'));

export const snapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: z.string().optional(),
  childIds: z.array(z.string()),
  takenAtMs: z.number(),
  /** Whether the machine's memory was saved with it (taken while running or paused). */
  withMemory: z.boolean(),
  memoryStateMiB: z.number().int().nonnegative(),
  /** Image frozen by the snapshot, and what it takes in the pool. */
  diskImageId: z.string(),
  diskMiB: z.number().int().nonnegative(),
  /** Settings saved with the snapshot; restoring brings them back. */
  settings: z.object({ osType: z.string(), vcpus: z.number().int(), memoryMiB: z.number().int(), diskGiB: z.number().int() }),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const snapshotTreeSchema = z.object({
  machineId: z.string(),
  /** In the order they were taken; the tree follows parentId/childIds. */
  snapshots: z.array(snapshotSchema),
  /** The snapshot the Current State hangs under; absent when there are none. */
  currentSnapshotId: z.string().optional(),
  /** The Current State's own differencing disk (written since the current snapshot). */
  currentState: z.object({ diskImageId: z.string(), diskMiB: z.number().int().nonnegative() }),
});
export type SnapshotTree = z.infer<typeof snapshotTreeSchema>;

export const takeSnapshotSpecSchema = z.strictObject({
  name: snapshotNameSchema,
  description: z.string().max(2000, 'Description must be at most 2000 characters').default(''),
  /** Save the memory too (only for a running or paused machine). */
  withMemory: z.boolean().default(false),
});
export type TakeSnapshotSpec = z.input<typeof takeSnapshotSpecSchema>;
