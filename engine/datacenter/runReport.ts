// A cluster's run over a time range: availability per guest, HA restarts, migrations and their downtime, energy.
import type { Migration, RunReport } from '../../shared/domain/datacenter.ts';
import type { Availability } from './availability.ts';
import type { DcContext } from './datacenterContext.ts';

export function runReport(dc: DcContext, availability: Availability, migrations: readonly Migration[], clusterId: string, fromMs: number, toMs: number): RunReport {
  const world = dc.world;
  const cluster = dc.cluster(clusterId);
  const hosts = new Set(cluster.hostIds);
  const machineIds = cluster.hostIds.flatMap((hostId) => world.cluster.guestsOn(hostId));
  const guests = machineIds
    .map((machineId) => {
      const report = availability.report(machineId, fromMs, toMs);
      return {
        machineId,
        name: world.guest(machineId).name,
        availabilityPct: report.availabilityPct,
        downtimeMs: report.downtimeMs,
        restarts: report.restarts.map((r) => {
          const out: RunReport['guests'][number]['restarts'][number] = { abortedAtMs: r.abortedAtMs };
          if (r.restartedAtMs !== undefined) {
            out.restartedAtMs = r.restartedAtMs;
            out.tookMs = r.restartedAtMs - r.abortedAtMs;
          }
          if (r.hostId !== undefined) out.hostId = r.hostId;
          return out;
        }),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const moved = migrations.filter((m) => (hosts.has(m.fromHostId) || hosts.has(m.toHostId)) && m.startedAtMs < toMs && (m.endedAtMs ?? toMs) >= fromMs);
  const seconds = Math.max(1e-9, (Math.min(toMs, world.nowMs) - fromMs) / 1000);
  const energy = cluster.hostIds.map((hostId) => {
    const kWh = dc.energy.kWhBetween(hostId, fromMs, toMs, world.nowMs);
    return { hostId, name: world.host(hostId)!.name, kWh: round(kWh, 4), avgWatts: round((kWh * 3.6e6) / seconds, 1) };
  });
  return { clusterId, fromMs, toMs, guests, migrations: moved, energy: { totalKWh: round(energy.reduce((s, h) => s + h.kWh, 0), 4), hosts: energy } };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
