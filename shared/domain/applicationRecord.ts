// An application as it is kept in the library and restored: its desired state, revision history and replica placement.
import { z } from 'zod';
import { applicationSpecSchema } from './applicationSpec.ts';

const text = (label: string) => z.string({ error: `${label} must be text` }).min(1, `${label} must not be empty`).max(200);
const whole = (label: string) => z.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`).nonnegative(`${label} must not be negative`);

export const serviceRecordSchema = z.strictObject({
  /** The current revision; the spec's image is its image. */
  revision: whole('revision').min(1),
  revisions: z.array(z.strictObject({ revision: whole('revision').min(1), image: text('image'), createdAtMs: z.number() })).min(1),
  virtualIp: text('virtualIp'),
  /** Next replica number, so names stay unique across restarts. */
  nextReplica: whole('nextReplica'),
  /** The last rolling update, so its progress (or that it completed) still shows after a restart. */
  rollout: z
    .strictObject({
      fromRevision: whole('fromRevision').min(1),
      toRevision: whole('toRevision').min(1),
      fromImage: text('fromImage'),
      toImage: text('toImage'),
      startedAtMs: z.number(),
      state: z.enum(['Progressing', 'Complete', 'Stalled']),
      finishedAtMs: z.number().optional(),
    })
    .optional(),
});
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;

export const replicaRecordSchema = z.strictObject({
  id: text('Replica id'),
  service: text('service'),
  revision: whole('revision').min(1),
  /** Host it was placed on; absent while it was pending. A restart places it there again when it still fits. */
  hostId: text('hostId').optional(),
  restarts: whole('restarts'),
  createdAtMs: z.number(),
});
export type ReplicaRecord = z.infer<typeof replicaRecordSchema>;

/**
 * What survives a restart. Running state does not (as with machines): replicas come back and start again on their
 * hosts, a rollout that was under way carries on, counters of requests start afresh and failed hosts are up again.
 */
export const applicationRecordSchema = z.strictObject({
  id: text('Application id'),
  /** Desired state: every service's current image and replica count. */
  spec: applicationSpecSchema,
  createdAtMs: z.number({ error: 'createdAtMs must be a number' }),
  services: z.record(z.string(), serviceRecordSchema),
  replicas: z.array(replicaRecordSchema),
});
export type ApplicationRecord = z.infer<typeof applicationRecordSchema>;
