// Operations on many machines at once (start, stop, power off, pause, resume, snapshot, delete) and their per-machine results.
import { z } from 'zod';
import { machineIdSchema } from './machine.ts';
import { appErrorSchema } from '../errors.ts';
import { operationIdSchema } from './appliance.ts';
import { takeSnapshotSpecSchema } from './snapshot.ts';

export const bulkActions = ['start', 'stop', 'powerOff', 'pause', 'resume', 'snapshot', 'delete'] as const;
export const bulkActionSchema = z.enum(bulkActions, { error: `Action must be one of ${bulkActions.join(', ')}` });
export type BulkAction = z.infer<typeof bulkActionSchema>;

/** Words for each action: the button, the progress line ("Starting 3 of 50") and the result ("started"). */
export const bulkActionWords: Readonly<Record<BulkAction, { label: string; doing: string; done: string }>> = {
  start: { label: 'Start', doing: 'Starting', done: 'started' },
  stop: { label: 'Shut down (ACPI)', doing: 'Shutting down', done: 'shutting down' },
  powerOff: { label: 'Power off', doing: 'Powering off', done: 'powered off' },
  pause: { label: 'Pause', doing: 'Pausing', done: 'paused' },
  resume: { label: 'Resume', doing: 'Resuming', done: 'resumed' },
  snapshot: { label: 'Take snapshot', doing: 'Taking snapshots of', done: 'snapshot taken' },
  delete: { label: 'Delete', doing: 'Deleting', done: 'deleted' },
};

export const bulkLimits = { machines: 10_000 } as const;

export const bulkRequestSchema = z
  .strictObject({
    action: bulkActionSchema,
    ids: z.array(machineIdSchema).min(1, 'Choose at least one machine').max(bulkLimits.machines, `At most ${bulkLimits.machines} machines at once`),
    /** For `snapshot`: the same name and description on every machine. */
    snapshot: takeSnapshotSpecSchema.optional(),
    operationId: operationIdSchema.optional(),
  })
  .refine((request) => request.action !== 'snapshot' || request.snapshot !== undefined, { message: 'Name the snapshot to take', path: ['snapshot'] });
export type BulkRequest = z.input<typeof bulkRequestSchema>;

export const bulkItemResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  ok: z.boolean(),
  /** Why this machine was refused; the others went ahead. */
  error: appErrorSchema.optional(),
  /** Space a deletion gave back. */
  freedMiB: z.number().optional(),
});
export type BulkItemResult = z.infer<typeof bulkItemResultSchema>;

export const bulkResultSchema = z.object({
  action: bulkActionSchema,
  results: z.array(bulkItemResultSchema),
  succeeded: z.number().int(),
  failed: z.number().int(),
  freedMiB: z.number().optional(),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;
