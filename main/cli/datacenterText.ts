// Human text for data-center results: a migration with its rounds and downtime, plans, host states.
import type { ClusterOperation, ConsolidationPlan, HostStatus, Migration } from '../../shared/domain/datacenter.ts';
import { hostPowerLabels } from '../../shared/domain/datacenter.ts';
import { formatFields, formatTable } from './table.ts';

export const formatDuration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const mib = (x: number): string => (x >= 1024 ? `${(x / 1024).toFixed(2)} GiB` : `${x.toFixed(1)} MiB`);

const methods: Readonly<Record<Migration['method'], string>> = { precopy: 'live (pre-copy)', checkpointRestore: 'checkpoint/restore', cold: 'cold (powered off)' };
const stops: Readonly<Record<NonNullable<Migration['stopReason']>, string>> = {
  converged: 'converged (dirty set small enough)',
  roundLimit: 'round limit reached: it dirties memory as fast as the link copies it',
  frozen: 'frozen while its memory was copied',
  cold: 'nothing running to copy',
};

export function formatMigration(m: Migration, hostName: (id: string) => string): string {
  const fields: [string, string][] = [
    ['Machine', m.machineName],
    ['From', hostName(m.fromHostId)],
    ['To', hostName(m.toHostId)],
    ['Method', methods[m.method]],
    ['Result', m.phase === 'done' ? 'done' : `${m.phase}${m.message ? `: ${m.message}` : ''}`],
  ];
  if (m.storageMiB > 0) fields.push(['Disks copied', mib(m.storageCopiedMiB)]);
  if (m.stopReason) fields.push(['Stop-and-copy', `${mib(m.stopCopyMiB ?? 0)}, ${stops[m.stopReason]}`]);
  if (m.totalMs !== undefined) fields.push(['Total time', formatDuration(m.totalMs)]);
  if (m.downtimeMs !== undefined) fields.push(['Downtime', formatDuration(m.downtimeMs)]);
  const head = formatFields(fields);
  if (m.rounds.length === 0) return head;
  const rounds = formatTable(m.rounds, [
    { header: 'ROUND', value: (r) => r.index, align: 'right' },
    { header: 'SENT', value: (r) => mib(r.sentMiB), align: 'right' },
    { header: 'DIRTIED', value: (r) => mib(r.dirtiedMiB), align: 'right' },
    { header: 'DURATION', value: (r) => formatDuration(r.durationMs), align: 'right' },
  ], '');
  return `${head}\n\n${rounds}`;
}

export function formatPlan(plan: ConsolidationPlan, hostName: (id: string) => string): string {
  const moves = formatTable(plan.moves, [
    { header: 'MACHINE', value: (m) => m.name },
    { header: 'FROM', value: (m) => hostName(m.fromHostId) },
    { header: 'TO', value: (m) => hostName(m.toHostId) },
    { header: `CPU (P${plan.percentile})`, value: (m) => `${m.demandCores.toFixed(2)} cores`, align: 'right' },
    { header: 'MEMORY', value: (m) => mib(m.memoryMiB), align: 'right' },
    { header: 'HOW', value: (m) => (m.live ? 'live' : 'cold') },
  ], 'No moves: the guests are as packed as the headroom allows.');
  const lines = [
    `Plan on the ${plan.percentile}th percentile of measured CPU demand, keeping ${plan.headroomPct} % headroom.`,
    '',
    moves,
    '',
    `Hosts on: ${plan.before.hostsOn} → ${plan.after.hostsOn}; power ${Math.round(plan.before.watts)} W → ${Math.round(plan.after.watts)} W.`,
  ];
  if (plan.emptiedHostIds.length > 0) lines.push(`Powered off afterwards: ${plan.emptiedHostIds.map(hostName).join(', ')}.`);
  for (const pin of plan.pinned) lines.push(`Stays: ${pin.name} on ${hostName(pin.hostId)} (${pin.why}).`);
  return lines.join('\n');
}

export function formatOperation(op: ClusterOperation): string {
  const problems = op.problems.map((p) => `  ${p.name}: ${p.why}`);
  return [`${op.state === 'running' ? 'Still running' : 'Done'} (${op.done} of ${op.total} steps).`, ...op.log.map((line) => `  ${line}`), ...(problems.length > 0 ? ['Could not be done:', ...problems] : [])].join('\n');
}

export function formatHostStatus(host: HostStatus): string {
  return `Host "${host.name}" is ${hostPowerLabels[host.power].toLowerCase()} (${host.runningGuests} of ${host.guests} guests running, ${Math.round(host.watts)} W).`;
}
