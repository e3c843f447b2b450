// What clients see of a deployed application: services with rollout and traffic, replicas per host, recent events.
import { z } from 'zod';
import { rolloutBudgetSchema, serviceRestartSchema } from './applicationSpec.ts';

/**
 * A replica's life: Pending (not placed; `reason` says why), Waiting (placed, a dependency has no ready replica yet),
 * Pulling (its host downloads missing image layers), Starting (process up, health check not yet passing), Running
 * (ready: receives requests), BackOff (exited or OOM-killed; restarts after a delay), Failed (exited; restart policy
 * says no), Terminating (being stopped).
 */
export const replicaPhases = ['Pending', 'Waiting', 'Pulling', 'Starting', 'Running', 'BackOff', 'Failed', 'Terminating'] as const;
export const replicaPhaseSchema = z.enum(replicaPhases);
export type ReplicaPhase = z.infer<typeof replicaPhaseSchema>;

export const replicaExitSchema = z.object({
  /** OOMKilled (memory.max exceeded), Error (the process failed), Evicted (its host failed). */
  reason: z.enum(['OOMKilled', 'Error', 'Evicted']),
  message: z.string(),
  atMs: z.number(),
});
export type ReplicaExit = z.infer<typeof replicaExitSchema>;

export const replicaViewSchema = z.object({
  id: z.string(),
  /** "shop-web-3": application, service and replica number. */
  name: z.string(),
  service: z.string(),
  revision: z.number().int(),
  image: z.string(),
  hostId: z.string().optional(),
  platformId: z.string().optional(),
  /** Address in its host's pod subnet. */
  ip: z.string().optional(),
  phase: replicaPhaseSchema,
  ready: z.boolean(),
  /** Why it is not running: scheduling refusal, dependency, back-off delay, exit. */
  reason: z.string().optional(),
  phaseSinceMs: z.number(),
  restarts: z.number().int().nonnegative(),
  lastExit: replicaExitSchema.optional(),
  /** Last simulated second. */
  cpuCores: z.number().nonnegative(),
  /** CPU demand exceeded cpu.max, so the kernel throttled it. */
  throttled: z.boolean(),
  memoryMiB: z.number().nonnegative(),
  processes: z.number().int().nonnegative(),
});
export type ReplicaView = z.infer<typeof replicaViewSchema>;

export const rolloutStates = ['Progressing', 'Complete', 'Stalled'] as const;
export const rolloutViewSchema = z.object({
  state: z.enum(rolloutStates),
  fromRevision: z.number().int(),
  toRevision: z.number().int(),
  fromImage: z.string(),
  toImage: z.string(),
  /** Replicas of the new revision, and how many of them are ready. */
  updated: z.number().int(),
  updatedReady: z.number().int(),
  /** Replicas of older revisions still there. */
  old: z.number().int(),
  startedAtMs: z.number(),
  finishedAtMs: z.number().optional(),
  /** The budget as replicas for the current desired count. */
  maxSurge: z.number().int(),
  maxUnavailable: z.number().int(),
  message: z.string(),
});
export type RolloutView = z.infer<typeof rolloutViewSchema>;

export const serviceViewSchema = z.object({
  name: z.string(),
  image: z.string(),
  revision: z.number().int(),
  desired: z.number().int(),
  ready: z.number().int(),
  /** Replicas that exist (any phase except Terminating). */
  current: z.number().int(),
  /** Stable virtual address that spreads requests over the ready replicas. */
  virtualIp: z.string(),
  ports: z.array(z.object({ target: z.number().int(), published: z.number().int().optional() })),
  requests: z.object({ cpus: z.number(), memoryMiB: z.number() }),
  limits: z.object({ cpus: z.number().optional(), memoryMiB: z.number().optional(), pids: z.number().optional() }),
  restart: serviceRestartSchema,
  dependsOn: z.array(z.string()),
  update: z.object({ maxSurge: rolloutBudgetSchema, maxUnavailable: rolloutBudgetSchema }),
  rollout: rolloutViewSchema.optional(),
  /** Revisions newest first, for rolling back. */
  history: z.array(z.object({ revision: z.number().int(), image: z.string(), createdAtMs: z.number() })),
  traffic: z.object({
    /** Last simulated second. */
    requestsPerSecond: z.number(),
    errorsPerSecond: z.number(),
    requestsTotal: z.number(),
    errorsTotal: z.number(),
  }),
  restarts: z.number().int().nonnegative(),
  /** Share of time since deployment with at least one ready replica, 0..1. */
  availability: z.number(),
});
export type ServiceView = z.infer<typeof serviceViewSchema>;

export const applicationEventSchema = z.object({
  atMs: z.number(),
  service: z.string().optional(),
  replicaId: z.string().optional(),
  /** Kubernetes-style reason: Scheduled, FailedScheduling, Pulled, Started, Ready, OOMKilled, BackOff, ScalingUp... */
  reason: z.string(),
  message: z.string(),
  warning: z.boolean(),
});
export type ApplicationEvent = z.infer<typeof applicationEventSchema>;

export const applicationViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAtMs: z.number(),
  services: z.array(serviceViewSchema),
  replicas: z.array(replicaViewSchema),
  /** Newest last. */
  events: z.array(applicationEventSchema),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

/** A host that runs a container platform, as the scheduler sees it. */
export const containerNodeSchema = z.object({
  hostId: z.string(),
  hostName: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  /** Down after "Fail host" until recovered; its replicas were evicted. */
  ready: z.boolean(),
  /** Pod subnet replicas on this host get their addresses from. */
  podSubnet: z.string(),
  allocatable: z.object({ cpus: z.number(), memoryMiB: z.number() }),
  requested: z.object({ cpus: z.number(), memoryMiB: z.number() }),
  replicas: z.number().int().nonnegative(),
});
export type ContainerNode = z.infer<typeof containerNodeSchema>;
