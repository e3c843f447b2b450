// Telemetry as the fake backend models it: frames laid out for the last subscription, empty history, host activity.
import { telemetryMetrics } from '../../shared/domain/telemetry.ts';
import type { HostActivity, TelemetryFrame, TelemetryHistory, TelemetryMetric } from '../../shared/domain/telemetry.ts';
import type { MethodInput } from '../../shared/api/methods.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { Host } from '../../shared/domain/host.ts';

/** What a sample is worth in a test frame; NaN marks "no sample" (machine off). */
export type SampleValue = (machineId: string, metric: TelemetryMetric, simTimeMs: number) => number;

/** Recognisable default values: metric index + seconds, so each cell differs. */
export const defaultSample: SampleValue = (_id, metric, simTimeMs) => telemetryMetrics.indexOf(metric) + simTimeMs / 1000;

/**
 * A frame for a subscription as the backend lays it out: per group, sample-major, then machine, then metric.
 * `groups` and `version` are what setTelemetrySubscription answered.
 */
export function buildFrame(
  subscription: { version: number; groups: { machineIds: readonly string[]; metrics: readonly TelemetryMetric[] }[] },
  simTimesMs: number[],
  value: SampleValue = defaultSample,
): TelemetryFrame {
  const groups = subscription.groups.map((group) => {
    const out = new Float32Array(simTimesMs.length * group.machineIds.length * group.metrics.length);
    let i = 0;
    for (const time of simTimesMs) for (const id of group.machineIds) for (const metric of group.metrics) out[i++] = value(id, metric, time);
    return out;
  });
  return { version: subscription.version, simTimeMs: [...simTimesMs], groups };
}

/** The backend's answer when it has recorded nothing for the machine yet. */
export function emptyHistory(request: MethodInput<'getTelemetryHistory'>): TelemetryHistory {
  return { machineId: request.machineId, range: request.range, resolutionMs: 1000, simTimeMs: [], series: {}, oldestMs: null };
}

/** Believable host activity: each running guest keeps one core half busy; committed memory is what guests are configured with. */
export function fakeHostActivity(hosts: readonly Host[], machines: readonly Machine[], simTimeMs: number): HostActivity[] {
  return hosts.map((host) => {
    const running = machines.filter((m) => m.hostId === host.id && (m.state === 'Running' || m.state === 'Paused'));
    const coreUtilisation = Array.from({ length: host.cores }, (_, core) => Math.min(1, running.filter((_m, i) => i % host.cores === core).length * 0.5));
    const committedMiB = machines.filter((m) => m.hostId === host.id).reduce((sum, m) => sum + m.memoryMiB, 0);
    const usedMiB = running.reduce((sum, m) => sum + Math.round(m.memoryMiB * 0.55), 0);
    return {
      hostId: host.id,
      simTimeMs,
      coreUtilisation,
      cpuUtilisation: coreUtilisation.reduce((a, b) => a + b, 0) / Math.max(1, host.cores),
      memory: { physicalMiB: host.memoryMiB, committedMiB, usedMiB, overcommitRatio: committedMiB / host.memoryMiB },
      storage: { capacityGiB: host.storageGiB, usedGiB: machines.filter((m) => m.hostId === host.id).reduce((sum, m) => sum + m.diskGiB / 4, 0) },
      topGuests: running.slice(0, 5).map((m) => ({ machineId: m.id, name: m.name, cpuPct: 50, cpuCores: m.vcpus * 0.5, memoryUsedMiB: Math.round(m.memoryMiB * 0.55) })),
    };
  });
}
