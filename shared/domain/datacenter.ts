// The data center as the contract describes it: clusters, host power states, live migrations and cluster operations.
import { z } from 'zod';
import { fitVerdictSchema } from './fitCheck.ts';

/** On, off, in maintenance (runs its guests, accepts no new ones) or failed (lost power; its guests were aborted). */
export const hostPowerStates = ['on', 'off', 'maintenance', 'failed'] as const;
export const hostPowerSchema = z.enum(hostPowerStates);
export type HostPower = z.infer<typeof hostPowerSchema>;

export const hostPowerLabels: Readonly<Record<HostPower, string>> = { on: 'On', off: 'Off', maintenance: 'Maintenance', failed: 'Failed' };

/** Disks on storage every host of the cluster reaches (nothing to copy when a guest moves), or on each host's own. */
export const storageKinds = ['shared', 'local'] as const;
export type StorageKind = (typeof storageKinds)[number];

/** HA restarts aborted guests in this order; `disabled` ones stay aborted. */
export const restartPriorities = ['high', 'medium', 'low', 'disabled'] as const;
export const restartPrioritySchema = z.enum(restartPriorities, { error: 'Priority must be high, medium, low or disabled' });
export type RestartPriority = z.infer<typeof restartPrioritySchema>;

/** Pre-copy (live), checkpoint/restore (a container is frozen while its memory is copied), or cold (powered off). */
export const migrationMethods = ['precopy', 'checkpointRestore', 'cold'] as const;
export type MigrationMethod = (typeof migrationMethods)[number];

/** Copying disks, pre-copy rounds, stopped and copying the rest (or frozen), then over or given up. */
export const migrationPhases = ['storage', 'precopy', 'stopAndCopy', 'done', 'failed', 'cancelled'] as const;
export type MigrationPhase = (typeof migrationPhases)[number];

/** Who asked for a migration. */
export const migrationReasons = ['user', 'consolidation', 'balancing', 'maintenance'] as const;
export type MigrationReason = (typeof migrationReasons)[number];

export const clusterSettingsSchema = z.strictObject({
  storage: z.enum(storageKinds, { error: 'Storage must be shared or local' }),
  ha: z.strictObject({
    enabled: z.boolean({ error: 'HA enabled must be true or false' }),
    /** Refuse powering on guests that would leave too little room to restart everything after host failures. */
    admissionControl: z.boolean({ error: 'Admission control must be true or false' }),
    hostFailuresToTolerate: z.number({ error: 'Host failures to tolerate must be a number' }).int('Host failures to tolerate must be a whole number').min(1, 'Tolerate at least 1 host failure').max(4, 'Tolerate at most 4 host failures'),
  }),
  balancing: z.strictObject({
    enabled: z.boolean({ error: 'Balancing enabled must be true or false' }),
    thresholdPct: z.number({ error: 'Threshold must be a number' }).min(50, 'Threshold must be at least 50 %').max(100, 'Threshold must be at most 100 %'),
    sustainS: z.number({ error: 'Time above threshold must be a number' }).int('Time above threshold must be whole seconds').min(5, 'Time above threshold must be at least 5 s').max(3600, 'Time above threshold must be at most 3600 s'),
  }),
  consolidation: z.strictObject({
    /** Share of each host's CPU and memory kept free when packing guests. */
    headroomPct: z.number({ error: 'Headroom must be a number' }).min(0, 'Headroom must be at least 0 %').max(60, 'Headroom must be at most 60 %'),
    /** Which percentile of each guest's measured CPU demand counts (not the peak). */
    percentile: z.number({ error: 'Percentile must be a number' }).int('Percentile must be a whole number').min(50, 'Percentile must be at least 50').max(99, 'Percentile must be at most 99'),
  }),
});
export type ClusterSettings = z.infer<typeof clusterSettingsSchema>;

/** A partial change of a cluster's settings (each group merged field by field). */
export const clusterSettingsPatchSchema = z.strictObject({
  storage: clusterSettingsSchema.shape.storage.optional(),
  ha: clusterSettingsSchema.shape.ha.partial().optional(),
  balancing: clusterSettingsSchema.shape.balancing.partial().optional(),
  consolidation: clusterSettingsSchema.shape.consolidation.partial().optional(),
});
export type ClusterSettingsPatch = z.infer<typeof clusterSettingsPatchSchema>;

export const clusterSchema = z.object({
  id: z.string(),
  name: z.string(),
  hostIds: z.array(z.string()),
  settings: clusterSettingsSchema,
});
export type Cluster = z.infer<typeof clusterSchema>;

/** Migration link limits the model accepts, in Gbit/s. */
export const linkLimits = { minGbps: 0.1, maxGbps: 400 } as const;

export const hostStatusSchema = z.object({
  hostId: z.string(),
  name: z.string(),
  /** The cluster it belongs to; absent for a standalone host. */
  clusterId: z.string().optional(),
  power: hostPowerSchema,
  /** Bandwidth of its migration network link. */
  linkGbps: z.number(),
  storage: z.enum(storageKinds),
  /** Power drawn over the last simulated second (0 when off or failed). */
  watts: z.number(),
  /** Energy since the simulation started. */
  energyKWh: z.number(),
  cpuPct: z.number(),
  memoryPct: z.number(),
  guests: z.number().int().nonnegative(),
  runningGuests: z.number().int().nonnegative(),
});
export type HostStatus = z.infer<typeof hostStatusSchema>;

export const migrationRoundSchema = z.object({
  /** 1 is the first full copy of memory. */
  index: z.number().int().positive(),
  sentMiB: z.number(),
  /** Pages the guest dirtied while this round was sent: what the next round (or the stop-and-copy) sends. */
  dirtiedMiB: z.number(),
  durationMs: z.number(),
});
export type MigrationRound = z.infer<typeof migrationRoundSchema>;

export const migrationSchema = z.object({
  id: z.string(),
  machineId: z.string(),
  machineName: z.string(),
  fromHostId: z.string(),
  toHostId: z.string(),
  toPlatformId: z.string(),
  method: z.enum(migrationMethods),
  reason: z.enum(migrationReasons),
  phase: z.enum(migrationPhases),
  startedAtMs: z.number(),
  /** When it ended (done, failed or cancelled). */
  endedAtMs: z.number().optional(),
  memoryMiB: z.number(),
  storageMiB: z.number(),
  storageCopiedMiB: z.number(),
  /** Bandwidth it had over the last step, MiB/s (links are shared by concurrent migrations). */
  bandwidthMiBs: z.number(),
  /** Finished pre-copy rounds. */
  rounds: z.array(migrationRoundSchema),
  /** The round in progress: what it must send and what it sent so far. */
  current: z.object({ index: z.number().int(), toSendMiB: z.number(), sentMiB: z.number(), dirtiedMiB: z.number() }).optional(),
  maxRounds: z.number().int(),
  /** Set once it stopped and copied: whether the dirty set became small enough, or the round limit was reached. */
  stopReason: z.enum(['converged', 'roundLimit', 'frozen', 'cold']).optional(),
  stopCopyMiB: z.number().optional(),
  totalMs: z.number().optional(),
  /** Time the guest ran nowhere: stop-and-copy plus switch-over (or the whole copy for checkpoint/restore). */
  downtimeMs: z.number().optional(),
  totalSentMiB: z.number(),
  progressPct: z.number(),
  /** Why it failed or was cancelled. */
  message: z.string().optional(),
});
export type Migration = z.infer<typeof migrationSchema>;

/** What a migration to one place is predicted to cost, from the same model the simulation runs. */
export const migrationEstimateSchema = z.object({
  method: z.enum(migrationMethods),
  storageMiB: z.number(),
  storageMs: z.number(),
  totalMs: z.number(),
  downtimeMs: z.number(),
  rounds: z.number().int(),
  converges: z.boolean(),
  bandwidthMiBs: z.number(),
  dirtyMiBs: z.number(),
  /** Plain words: "disks are copied first (local storage)", "dirties memory faster than the link: stops at the round limit". */
  notes: z.array(z.string()),
});
export type MigrationEstimate = z.infer<typeof migrationEstimateSchema>;

export const migrationCandidateSchema = z.object({
  hostId: z.string(),
  hostName: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  power: hostPowerSchema,
  verdict: fitVerdictSchema,
  estimate: migrationEstimateSchema.optional(),
});
export type MigrationCandidate = z.infer<typeof migrationCandidateSchema>;

export const migrationPlanSchema = z.object({
  machineId: z.string(),
  machineName: z.string(),
  fromHostId: z.string(),
  /** How it would move now; absent when its kind cannot move it while it runs (the candidates say why). */
  method: z.enum(migrationMethods).optional(),
  candidates: z.array(migrationCandidateSchema),
});
export type MigrationPlan = z.infer<typeof migrationPlanSchema>;

export const hostLoadSchema = z.object({ hostId: z.string(), name: z.string(), cpuPct: z.number(), memoryPct: z.number(), watts: z.number(), on: z.boolean() });
export type HostLoad = z.infer<typeof hostLoadSchema>;

export const consolidationPlanSchema = z.object({
  clusterId: z.string(),
  headroomPct: z.number(),
  percentile: z.number(),
  moves: z.array(
    z.object({
      machineId: z.string(),
      name: z.string(),
      fromHostId: z.string(),
      toHostId: z.string(),
      toPlatformId: z.string(),
      /** The percentile of its measured CPU demand, in cores. */
      demandCores: z.number(),
      memoryMiB: z.number(),
      live: z.boolean(),
    }),
  ),
  /** Hosts left without guests: powered off when the plan has run. */
  emptiedHostIds: z.array(z.string()),
  /** Guests that must stay where they are, and why. */
  pinned: z.array(z.object({ machineId: z.string(), name: z.string(), hostId: z.string(), why: z.string() })),
  before: z.object({ hostsOn: z.number().int(), watts: z.number(), hosts: z.array(hostLoadSchema) }),
  after: z.object({ hostsOn: z.number().int(), watts: z.number(), hosts: z.array(hostLoadSchema) }),
});
export type ConsolidationPlan = z.infer<typeof consolidationPlanSchema>;

export const operationKinds = ['consolidate', 'maintenance', 'haRestart', 'balance'] as const;
export type OperationKind = (typeof operationKinds)[number];

/** A cluster action that takes time: its steps, progress and what could not be done. */
export const clusterOperationSchema = z.object({
  id: z.string(),
  kind: z.enum(operationKinds),
  clusterId: z.string().optional(),
  hostId: z.string().optional(),
  state: z.enum(['running', 'done', 'failed']),
  startedAtMs: z.number(),
  endedAtMs: z.number().optional(),
  done: z.number().int(),
  total: z.number().int(),
  /** One line per step taken or refused, newest last. */
  log: z.array(z.string()),
  /** Guests that could not be moved or restarted, and why. */
  problems: z.array(z.object({ machineId: z.string().optional(), name: z.string(), why: z.string() })),
});
export type ClusterOperation = z.infer<typeof clusterOperationSchema>;

export const datacenterSchema = z.object({
  simTimeMs: z.number(),
  clusters: z.array(clusterSchema),
  hosts: z.array(hostStatusSchema),
  /** Running migrations and the most recent finished ones, oldest first. */
  migrations: z.array(migrationSchema),
  operations: z.array(clusterOperationSchema),
  /** HA restart priority of machines that have one other than medium. */
  restartPriorities: z.record(z.string(), restartPrioritySchema),
});
export type Datacenter = z.infer<typeof datacenterSchema>;

/** What changed in the data center since the last batch (items replace those with the same id). */
export const datacenterChangesSchema = z.object({
  simTimeMs: z.number(),
  clusters: z.array(clusterSchema),
  hosts: z.array(hostStatusSchema),
  migrations: z.array(migrationSchema),
  operations: z.array(clusterOperationSchema),
  restartPriorities: z.record(z.string(), restartPrioritySchema).optional(),
});
export type DatacenterChanges = z.infer<typeof datacenterChangesSchema>;

export const hostActions = ['maintenance', 'exitMaintenance', 'fail', 'powerOn', 'powerOff'] as const;
export const hostActionSchema = z.enum(hostActions, { error: 'Action must be maintenance, exitMaintenance, fail, powerOn or powerOff' });
export type HostAction = z.infer<typeof hostActionSchema>;

export const runReportSchema = z.object({
  clusterId: z.string(),
  fromMs: z.number(),
  toMs: z.number(),
  guests: z.array(
    z.object({
      machineId: z.string(),
      name: z.string(),
      /** Share of the time it should have been up (started and not shut down on purpose) that it was. */
      availabilityPct: z.number(),
      downtimeMs: z.number(),
      restarts: z.array(z.object({ abortedAtMs: z.number(), restartedAtMs: z.number().optional(), tookMs: z.number().optional(), hostId: z.string().optional() })),
    }),
  ),
  migrations: z.array(migrationSchema),
  energy: z.object({ totalKWh: z.number(), hosts: z.array(z.object({ hostId: z.string(), name: z.string(), kWh: z.number(), avgWatts: z.number() })) }),
});
export type RunReport = z.infer<typeof runReportSchema>;

/**
 * What the user configured in the data center and expects to find again after a restart: cluster settings, migration
 * links and HA restart priorities (host power states and migrations are run state, like running machines).
 */
export const datacenterSettingsSchema = z.strictObject({
  clusters: z.array(z.strictObject({ id: z.string().min(1).max(100), settings: clusterSettingsSchema })).max(1000),
  links: z.array(z.strictObject({ hostId: z.string().min(1).max(100), gbps: z.number().min(linkLimits.minGbps).max(linkLimits.maxGbps) })).max(10_000),
  restartPriorities: z.record(z.string().max(100), restartPrioritySchema),
});
export type DatacenterSettings = z.infer<typeof datacenterSettingsSchema>;
