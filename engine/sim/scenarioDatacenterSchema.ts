// Scenario-file vocabulary of the data center: clusters, per-host links and power, and the timed data-center commands.
import { z } from 'zod';
import { restartPriorities, storageKinds } from '../../shared/domain/datacenter.ts';

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const at = z.number().nonnegative('must not be negative');
const percent = z.number().min(0, 'must be at least 0').max(100, 'must be at most 100');

/** Fields a scenario host may add to the simulation's host: its migration link and power profile. */
export const hostDatacenterFields = {
  linkGbps: z.number().min(0.1, 'must be at least 0.1').max(400, 'must be at most 400').optional(),
  idleWatts: z.number().nonnegative('must not be negative').optional(),
  maxWatts: z.number().positive('must be greater than 0').optional(),
};

export const clusterSchema = z.strictObject({
  name,
  hosts: z.array(name).min(1, 'needs at least one host'),
  storage: z.enum(storageKinds).optional(),
  ha: z.strictObject({ enabled: z.boolean().optional(), admissionControl: z.boolean().optional(), hostFailuresToTolerate: z.number().int().min(1).max(4).optional() }).optional(),
  balancing: z.strictObject({ enabled: z.boolean().optional(), thresholdPct: z.number().min(50).max(100).optional(), sustainS: z.number().int().min(5).max(3600).optional() }).optional(),
  consolidation: z.strictObject({ headroomPct: z.number().min(0).max(60).optional(), percentile: z.number().int().min(50).max(99).optional() }).optional(),
});
export type ScenarioCluster = z.infer<typeof clusterSchema>;

export const restartPriorityField = z.enum(restartPriorities).optional();

export const datacenterCommandSchemas = [
  /** Live (or cold) migration of a guest to a host (its platform of the guest's kind) or a named platform. */
  z.strictObject({ at, do: z.literal('migrate'), guest: name, to: name, maxRounds: z.number().int().min(1).max(100).optional(), maxDowntimeMs: z.number().min(1).max(10_000).optional() }),
  z.strictObject({ at, do: z.literal('consolidate'), cluster: name, headroomPct: percent.max(60).optional(), percentile: z.number().int().min(50).max(99).optional() }),
  z.strictObject({ at, do: z.literal('balance'), cluster: name }),
  z.strictObject({ at, do: z.literal('failHost'), host: name }),
  z.strictObject({ at, do: z.literal('maintenance'), host: name, exit: z.boolean().optional() }),
  z.strictObject({ at, do: z.enum(['powerOnHost', 'powerOffHost']), host: name }),
] as const;
