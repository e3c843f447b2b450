// The data-center part of a scenario's printed summary: migrations, energy, availability and cluster operations.
import { table } from '../sim/textTable.ts';
import type { DatacenterSummary } from './scenarioDatacenter.ts';

const ms = (x: number | null) => (x === null ? '-' : x < 1000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(2)} s`);

export function formatDatacenterSummary(summary: DatacenterSummary): string[] {
  const out: string[] = [];
  if (summary.migrations.length > 0) {
    out.push('', 'Migrations');
    out.push(
      table(
        ['guest', 'from', 'to', 'method', 'reason', 'result', 'start s', 'total', 'downtime', 'rounds'],
        summary.migrations.map((m) => [
          m.guest,
          m.from,
          m.to,
          m.method,
          m.reason,
          m.phase === 'done' ? (m.stopReason === 'roundLimit' ? 'round limit' : 'done') : m.phase,
          m.startS.toFixed(1),
          ms(m.totalMs),
          ms(m.downtimeMs),
          String(m.rounds),
        ]),
        6,
      ),
    );
    for (const m of summary.migrations) if (m.message) out.push(`  ${m.guest}: ${m.message}`);
  }
  out.push('', 'Energy');
  out.push(table(['host', 'kWh', 'avg W'], summary.energy.map((e) => [e.host, e.kWh.toFixed(4), e.avgWatts.toFixed(1)]), 1));
  out.push(`(total ${summary.totalKWh.toFixed(4)} kWh; hosts that are off draw nothing)`);
  if (summary.availability.length > 0) {
    out.push('', 'Availability');
    out.push(
      table(
        ['cluster', 'guest', 'available %', 'downtime', 'HA restarts', 'restart took'],
        summary.availability.map((a) => [a.cluster, a.guest, a.availabilityPct.toFixed(3), ms(a.downtimeMs), String(a.restarts), a.restartTookMs.map(ms).join(', ') || '-']),
        2,
      ),
    );
  }
  for (const op of summary.operations) {
    out.push('', `Operation ${op.kind} (${op.state})`);
    for (const line of op.log) out.push(`  ${line}`);
  }
  return out;
}
