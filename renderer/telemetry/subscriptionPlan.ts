// Merges what the visible views need (machines × metrics) into at most four subscription groups, each machine in exactly one.
import { telemetryMetricIndex, telemetryMetrics } from '../../shared/domain/telemetry.ts';
import type { TelemetryGroup, TelemetryMetric } from '../../shared/domain/telemetry.ts';

export const maxTelemetryGroups = 4;

/** One view's wish: these machines, these metrics; `history` keeps a long per-machine ring for charts. */
export interface TelemetryNeed {
  machineIds: readonly string[];
  metrics: readonly TelemetryMetric[];
  history?: boolean;
}

export interface SubscriptionPlan {
  groups: TelemetryGroup[];
  /** Machines whose samples go into a chart ring (not only "latest value"). */
  historyIds: Set<string>;
  /** Stable text form: equal keys mean nothing to re-send. */
  key: string;
}

const metricBit = (metric: TelemetryMetric): number => 1 << telemetryMetricIndex[metric];
const metricsOf = (mask: number): TelemetryMetric[] => telemetryMetrics.filter((metric) => (mask & metricBit(metric)) !== 0);
const bitCount = (mask: number): number => metricsOf(mask).length;

export function planSubscription(needs: Iterable<TelemetryNeed>): SubscriptionPlan {
  // Per machine, the union of the metrics every view wants of it, in first-seen machine order.
  const masks = new Map<string, number>();
  const historyIds = new Set<string>();
  for (const need of needs) {
    const mask = need.metrics.reduce((m, metric) => m | metricBit(metric), 0);
    if (mask === 0) continue;
    for (const id of need.machineIds) {
      masks.set(id, (masks.get(id) ?? 0) | mask);
      if (need.history) historyIds.add(id);
    }
  }
  // Machines wanting the same metrics share a group.
  const byMask = new Map<number, string[]>();
  for (const [id, mask] of masks) {
    const ids = byMask.get(mask);
    if (ids) ids.push(id);
    else byMask.set(mask, [id]);
  }
  let groups = [...byMask].map(([mask, ids]) => ({ mask, ids }));
  // Over the limit: fold the two cheapest groups into one with the union of their metrics until it fits.
  while (groups.length > maxTelemetryGroups) {
    groups.sort((a, b) => a.ids.length * bitCount(a.mask) - b.ids.length * bitCount(b.mask));
    const [a, b, ...rest] = groups;
    if (!a || !b) break;
    groups = [...rest, { mask: a.mask | b.mask, ids: [...a.ids, ...b.ids] }];
  }
  groups.sort((a, b) => b.ids.length - a.ids.length || a.mask - b.mask);
  const telemetryGroups = groups.map((g) => ({ machineIds: g.ids, metrics: metricsOf(g.mask) }));
  const key = JSON.stringify(telemetryGroups) + [...historyIds].sort().join(',');
  return { groups: telemetryGroups, historyIds, key };
}
