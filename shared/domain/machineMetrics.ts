// Last simulated second of one machine's resource use, with the overhead broken down by cause.
import { z } from 'zod';

export const overheadCauseSchema = z.object({
  /** Architecture event id (systemCalls, pageTableUpdates, ...) or a runtime activity (garbageCollection, jitCompilation). */
  cause: z.string(),
  /** "page-table updates" */
  label: z.string(),
  /** "shadow page tables" */
  mechanism: z.string(),
  cores: z.number(),
  /** Share of the guest's whole overhead, 0..1. */
  share: z.number(),
});
export type OverheadCause = z.infer<typeof overheadCauseSchema>;

export const machineMetricsSchema = z.object({
  machineId: z.string(),
  /** End of the simulated second these numbers describe. */
  simTimeMs: z.number(),
  cpu: z.object({
    /** Physical CPU granted, in cores (1 = one core busy all second). */
    grantedCores: z.number(),
    guestCores: z.number(),
    overheadCores: z.number(),
    /** Ready (steal) time per vCPU, as a fraction of the second. */
    readyPerVcpu: z.number(),
  }),
  /** Where the CPU went, in cores: the guest's own work and each cause of overhead. Sums to grantedCores. */
  breakdown: z.object({
    guestWork: z.number(),
    vmm: z.number(),
    translation: z.number(),
    hostOs: z.number(),
    io: z.number(),
    /**
     * The overhead event by event, largest first: each architecture event (or runtime activity) with the mechanism
     * that handled it, the cores it cost and its share of all overhead (0..1), e.g. page-table updates, shadow paging, 41 %.
     */
    causes: z.array(overheadCauseSchema),
  }),
  /** Useful work done, in core-equivalents of native execution. */
  usefulCores: z.number(),
  memory: z.object({ usedMiB: z.number(), balloonedMiB: z.number(), sharedMiB: z.number(), swappedMiB: z.number() }),
  disk: z.object({ readMBps: z.number(), writeMBps: z.number() }),
  net: z.object({ rxMBps: z.number(), txMBps: z.number() }),
});
export type MachineMetrics = z.infer<typeof machineMetricsSchema>;

export const simEventSchema = z.object({
  atMs: z.number(),
  hostId: z.string(),
  /** Machine or platform the event concerns; absent for host-wide events. */
  subject: z.string().optional(),
  machineId: z.string().optional(),
  kind: z.enum(['state', 'refusal', 'memory', 'runtime', 'config', 'datacenter']),
  message: z.string(),
});
export type SimEvent = z.infer<typeof simEventSchema>;
