// Telemetry: the metrics sampled each simulated second, the engine's columnar batch, subscriptions, client frames, history.
import { z } from 'zod';
import { machineIdSchema } from './machine.ts';

/**
 * Every sampled metric, in this fixed order (the column order of every Float32Array below).
 * CPU percentages are of the machine's configured vCPUs (100 % = every vCPU busy all second):
 * cpuPct = cpuGuestPct + cpuOverheadPct. cpuReadyPct: time a vCPU was runnable but not scheduled, per vCPU.
 */
export const telemetryMetrics = [
  'cpuPct',
  'cpuGuestPct',
  'cpuOverheadPct',
  'cpuReadyPct',
  'memUsedMiB',
  'memBalloonedMiB',
  'memSharedMiB',
  'memSwappedMiB',
  'diskReadMBps',
  'diskWriteMBps',
  'netRxMBps',
  'netTxMBps',
] as const;
export const telemetryMetricSchema = z.enum(telemetryMetrics, { error: 'Unknown telemetry metric' });
export type TelemetryMetric = z.infer<typeof telemetryMetricSchema>;
export const telemetryMetricIndex: Readonly<Record<TelemetryMetric, number>> = Object.fromEntries(
  telemetryMetrics.map((metric, index) => [metric, index]),
) as Record<TelemetryMetric, number>;

/** Simulated time between samples. */
export const telemetryPeriodMs = 1000;

/**
 * Engine → backend, once per simulated second: every powered-on machine's sample.
 * `values` is machine-major: values[m * telemetryMetrics.length + k] is metric k of machineIds[m].
 */
export interface TelemetryBatch {
  simTimeMs: number;
  machineIds: string[];
  values: Float32Array;
}

/** One group of a subscription: these machines, these metrics. */
export const telemetryGroupSchema = z.strictObject({
  machineIds: z.array(machineIdSchema).max(2000, 'At most 2000 machines can be watched in one group'),
  metrics: z.array(telemetryMetricSchema).min(1, 'Choose at least one metric').max(telemetryMetrics.length),
});
export type TelemetryGroup = z.infer<typeof telemetryGroupSchema>;

export const telemetrySubscriptionSchema = z.strictObject({
  /** E.g. one group for the Activity tab (one machine, every metric) and one for the activity table (all machines, a few metrics). */
  groups: z.array(telemetryGroupSchema).max(4, 'At most 4 telemetry groups'),
});
export type TelemetrySubscription = z.infer<typeof telemetrySubscriptionSchema>;

export const telemetrySubscriptionReplySchema = z.object({
  /** Increases with every change; frames carry the version they were laid out for. */
  version: z.number(),
  /** The groups as the backend applied them (duplicates removed, order kept). */
  groups: z.array(z.object({ machineIds: z.array(z.string()), metrics: z.array(telemetryMetricSchema) })),
});
export type TelemetrySubscriptionReply = z.infer<typeof telemetrySubscriptionReplySchema>;

/**
 * Backend → one client, at most ~10 a second: the samples since the last frame, for the client's subscription only.
 * groups[g] is sample-major, then machine, then metric, as laid out by subscription `version`:
 *   groups[g][(s * machines_g + m) * metrics_g + k]; NaN where a machine had no sample (powered off).
 * No machine ids or names travel with the frame; the client knows its subscription.
 */
export interface TelemetryFrame {
  version: number;
  /** End of each simulated second in this frame, oldest first (length = number of samples). */
  simTimeMs: number[];
  groups: Float32Array[];
}
export const telemetryFrameSchema = z.custom<TelemetryFrame>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as TelemetryFrame).simTimeMs) &&
    Array.isArray((value as TelemetryFrame).groups) &&
    (value as TelemetryFrame).groups.every((group) => group instanceof Float32Array),
  'Not a telemetry frame',
);

export const historyRanges = ['1m', '10m', '1h', 'all'] as const;
export const historyRangeSchema = z.enum(historyRanges, { error: 'Range must be 1m, 10m, 1h or all' });
export type HistoryRange = z.infer<typeof historyRangeSchema>;
export const historyRangeMs: Readonly<Record<Exclude<HistoryRange, 'all'>, number>> = { '1m': 60_000, '10m': 600_000, '1h': 3_600_000 };

export const telemetryHistoryRequestSchema = z.strictObject({
  machineId: machineIdSchema,
  range: historyRangeSchema,
  /** All metrics when omitted. */
  metrics: z.array(telemetryMetricSchema).min(1).max(telemetryMetrics.length).optional(),
  /** Buckets at most; 600 when omitted. */
  maxPoints: z.number().int('maxPoints must be a whole number').min(10, 'maxPoints must be at least 10').max(4000, 'maxPoints must be at most 4000').optional(),
});

const seriesSchema = z.object({
  /** null where the machine was powered off for the whole bucket. */
  avg: z.array(z.number().nullable()),
  min: z.array(z.number().nullable()),
  max: z.array(z.number().nullable()),
});

export const telemetryHistorySchema = z.object({
  machineId: z.string(),
  range: historyRangeSchema,
  /** Bucket width: 1000 when the range fits at 1 s resolution, wider (min/max/avg per bucket) otherwise. */
  resolutionMs: z.number(),
  /** End of each bucket, oldest first. */
  simTimeMs: z.array(z.number()),
  series: z.partialRecord(telemetryMetricSchema, seriesSchema),
  /** Oldest simulated time the backend still holds for this machine at any resolution. */
  oldestMs: z.number().nullable(),
});
export type TelemetryHistory = z.infer<typeof telemetryHistorySchema>;

/** One host's live picture for the dashboard. */
export const hostActivitySchema = z.object({
  hostId: z.string(),
  simTimeMs: z.number(),
  /** Busy fraction (0..1) of each physical core over the last simulated second, from the scheduler's vCPU placement. */
  coreUtilisation: z.array(z.number()),
  /** Busy fraction of the whole host. */
  cpuUtilisation: z.number(),
  memory: z.object({
    physicalMiB: z.number(),
    committedMiB: z.number(),
    usedMiB: z.number(),
    /** committed / physical. */
    overcommitRatio: z.number(),
  }),
  storage: z.object({ capacityGiB: z.number(), usedGiB: z.number() }),
  /** The five busiest powered-on guests by CPU. */
  topGuests: z.array(z.object({ machineId: z.string(), name: z.string(), cpuPct: z.number(), cpuCores: z.number(), memoryUsedMiB: z.number() })),
});
export type HostActivity = z.infer<typeof hostActivitySchema>;
