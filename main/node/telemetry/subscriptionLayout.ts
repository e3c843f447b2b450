// A client's telemetry subscription as the backend applies it: duplicate-free groups and the metric columns they read.
import { telemetryMetricIndex } from '../../../shared/domain/telemetry.ts';
import type { TelemetryGroup, TelemetryMetric, TelemetrySubscriptionReply } from '../../../shared/domain/telemetry.ts';

export interface LaidOutGroup {
  readonly machineIds: readonly string[];
  readonly metrics: readonly TelemetryMetric[];
  /** Column of each metric in a TelemetryBatch row. */
  readonly columns: Int32Array;
}

export interface SubscriptionLayout {
  readonly version: number;
  readonly groups: readonly LaidOutGroup[];
  /** Values one sample adds to each group (machines × metrics). */
  readonly floatsPerSample: readonly number[];
}

export const emptyLayout: SubscriptionLayout = { version: 0, groups: [], floatsPerSample: [] };

/** Duplicates removed (first occurrence wins), order kept; groups left without machines are kept so indexes match. */
export function layOut(groups: readonly TelemetryGroup[], version: number): SubscriptionLayout {
  const laidOut = groups.map((group): LaidOutGroup => {
    const metrics = [...new Set(group.metrics)];
    return { machineIds: [...new Set(group.machineIds)], metrics, columns: Int32Array.from(metrics, (metric) => telemetryMetricIndex[metric]) };
  });
  return { version, groups: laidOut, floatsPerSample: laidOut.map((group) => group.machineIds.length * group.metrics.length) };
}

export function isEmpty(layout: SubscriptionLayout): boolean {
  return layout.floatsPerSample.every((floats) => floats === 0);
}

export function replyOf(layout: SubscriptionLayout): TelemetrySubscriptionReply {
  return { version: layout.version, groups: layout.groups.map((group) => ({ machineIds: [...group.machineIds], metrics: [...group.metrics] })) };
}
