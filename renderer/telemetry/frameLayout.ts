// The layout a subscription reply announces, and walking a TelemetryFrame by it: which machine and metric each value is.
import { telemetryMetricIndex } from '../../shared/domain/telemetry.ts';
import type { TelemetryFrame, TelemetrySubscriptionReply } from '../../shared/domain/telemetry.ts';

export interface LayoutGroup {
  machineIds: readonly string[];
  /** Column k of this group is metric metricIndexes[k] of the contract's order. */
  metricIndexes: readonly number[];
}

export interface FrameLayout {
  version: number;
  groups: readonly LayoutGroup[];
}

export function layoutFromReply(reply: TelemetrySubscriptionReply): FrameLayout {
  return {
    version: reply.version,
    groups: reply.groups.map((g) => ({ machineIds: g.machineIds, metricIndexes: g.metrics.map((m) => telemetryMetricIndex[m]) })),
  };
}

/** Called once per machine and sample: its values are source[offset … offset + metricIndexes.length). */
export type SampleVisitor = (machineId: string, simTimeMs: number, metricIndexes: readonly number[], source: Float32Array, offset: number) => void;

/**
 * Visits every sample of the frame, oldest first within each machine. A group whose length does not match
 * samples × machines × metrics was laid out for something else and is skipped whole rather than misread.
 */
export function visitFrame(frame: TelemetryFrame, layout: FrameLayout, visit: SampleVisitor): void {
  const samples = frame.simTimeMs.length;
  layout.groups.forEach((group, g) => {
    const values = frame.groups[g];
    const machines = group.machineIds.length;
    const width = group.metricIndexes.length;
    if (!values || values.length !== samples * machines * width) return;
    for (let s = 0; s < samples; s += 1) {
      const time = frame.simTimeMs[s] ?? 0;
      for (let m = 0; m < machines; m += 1) visit(group.machineIds[m] ?? '', time, group.metricIndexes, values, (s * machines + m) * width);
    }
  });
}

/** Whether the frame carries at least one real (non-NaN) value for the machine. */
export function frameHasSample(frame: TelemetryFrame, layout: FrameLayout, machineId: string): boolean {
  let found = false;
  visitFrame(frame, layout, (id, _time, metricIndexes, source, offset) => {
    if (found || id !== machineId) return;
    for (let k = 0; k < metricIndexes.length; k += 1) if (!Number.isNaN(source[offset + k])) found = true;
  });
  return found;
}
