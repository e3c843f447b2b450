// Tests for merging view needs into subscription groups.
import { describe, expect, it } from 'vitest';
import { planSubscription } from './subscriptionPlan.ts';
import { telemetryMetrics } from '../../shared/domain/telemetry.ts';
import type { TelemetryMetric } from '../../shared/domain/telemetry.ts';

const tableMetrics: TelemetryMetric[] = ['cpuPct', 'memUsedMiB', 'diskReadMBps', 'diskWriteMBps', 'netRxMBps', 'netTxMBps'];

describe('planSubscription', () => {
  it('puts each machine in one group with the union of the metrics views want of it', () => {
    const plan = planSubscription([
      { machineIds: ['a', 'b', 'c'], metrics: tableMetrics },
      { machineIds: ['b'], metrics: [...telemetryMetrics], history: true },
      { machineIds: ['b'], metrics: ['cpuPct', 'memUsedMiB'], history: true },
    ]);
    expect(plan.groups).toEqual([
      { machineIds: ['a', 'c'], metrics: tableMetrics },
      { machineIds: ['b'], metrics: [...telemetryMetrics] },
    ]);
    expect([...plan.historyIds]).toEqual(['b']);
  });

  it('keeps metrics in the contract order whatever order views list them in', () => {
    const plan = planSubscription([{ machineIds: ['a'], metrics: ['netTxMBps', 'cpuPct'] }]);
    expect(plan.groups[0]?.metrics).toEqual(['cpuPct', 'netTxMBps']);
  });

  it('never sends more than four groups, folding the smallest together', () => {
    const needs = telemetryMetrics.slice(0, 6).map((metric, i) => ({ machineIds: [`m${i}`], metrics: [metric] }));
    const plan = planSubscription(needs);
    expect(plan.groups.length).toBeLessThanOrEqual(4);
    const machines = plan.groups.flatMap((g) => g.machineIds).sort();
    expect(machines).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    // Whoever was folded still receives what it asked for.
    for (const [i, metric] of telemetryMetrics.slice(0, 6).entries()) {
      const group = plan.groups.find((g) => g.machineIds.includes(`m${i}`));
      expect(group?.metrics).toContain(metric);
    }
  });

  it('gives equal keys for equal needs and an empty plan for no needs', () => {
    const a = planSubscription([{ machineIds: ['x'], metrics: ['cpuPct'] }]);
    const b = planSubscription([{ machineIds: ['x'], metrics: ['cpuPct'] }]);
    expect(a.key).toBe(b.key);
    expect(planSubscription([]).groups).toEqual([]);
    expect(planSubscription([{ machineIds: ['x'], metrics: ['cpuPct'] }, { machineIds: ['x'], metrics: ['cpuPct'], history: true }]).key).not.toBe(a.key);
  });
});
