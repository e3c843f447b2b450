// The sprawl ledger: which machines are idle, unused, expired or expiring, the largest consumers and clone families, with what to do.
import type { Machine } from '../../../shared/domain/machine.ts';
import type { MachineRecord } from '../../../shared/domain/machineRecord.ts';
import { sprawlDefaults } from '../../../shared/domain/sprawl.ts';
import type { SprawlCategory, SprawlFinding, SprawlQuery, SprawlReport } from '../../../shared/domain/sprawl.ts';
import { dayMs, formatDuration, formatSpace } from '../../../shared/format/quantities.ts';
import type { MachineUsage } from '../ledger/usageLedger.ts';
import { idleCpuPct } from '../ledger/usageLedger.ts';
import { cloneFamilies } from './cloneFamilies.ts';
import { diskUseByMachine } from './diskUse.ts';
import type { DiskUse } from './diskUse.ts';
import { isPoweredDown } from '../../../shared/domain/machineState.ts';
import type { MediaList } from '../../../shared/domain/media.ts';
import { orphanedMedia } from './orphanedMedia.ts';

export interface SprawlInputs {
  readonly machines: readonly Machine[];
  readonly records: readonly MachineRecord[];
  readonly usage: (id: string) => MachineUsage | undefined;
  /** Simulated time now. */
  readonly nowMs: number;
  /** Today's calendar day (YYYY-MM-DD) for expiry dates. */
  readonly today: string;
  /** The Media Manager's list: orphaned disks and unused ISO images are part of the ledger. */
  readonly media: MediaList;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
/** Holding CPU and memory now (a Saved machine's memory is a file, counted with its disk). */
const powered = (m: Machine): boolean => !isPoweredDown(m.state);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

export function sprawlReport(inputs: SprawlInputs, query: SprawlQuery): SprawlReport {
  const t = { idleDays: query.idleDays ?? sprawlDefaults.idleDays, unusedDays: query.unusedDays ?? sprawlDefaults.unusedDays, expiringDays: query.expiringDays ?? sprawlDefaults.expiringDays, idleCpuPct, top: query.top ?? sprawlDefaults.top };
  const disk = diskUseByMachine(inputs.records);
  const diskOf = (id: string): DiskUse => disk.get(id) ?? { ownedMiB: 0, freedMiB: 0 };
  const categories: Record<SprawlCategory, SprawlFinding[]> = { idle: [], unused: [], expired: [], expiring: [], largestDisk: [], largestMemory: [] };
  const finding = (m: Machine, reason: string, action: SprawlFinding['action'], suggestion: string, freesDiskMiB = 0, freesMemoryMiB = 0): SprawlFinding => ({
    machineId: m.id,
    name: m.name,
    state: m.state,
    ...(m.owner === undefined ? {} : { owner: m.owner }),
    reason,
    action,
    suggestion,
    freesDiskMiB,
    freesMemoryMiB,
  });
  const deleteIt = (m: Machine): SprawlFinding['suggestion'] => `Delete it: frees ${formatSpace(diskOf(m.id).freedMiB)} of disk`;
  const stopIt = (m: Machine): string => `Shut it down: frees ${formatSpace(m.memoryMiB)} of memory`;
  const ordered = [...inputs.machines].sort((a, b) => collator.compare(a.name, b.name));

  for (const m of ordered) {
    const usage = inputs.usage(m.id);
    if (powered(m)) {
      const since = Math.max(usage?.lastBusyMs ?? Number.NEGATIVE_INFINITY, usage?.onSinceMs ?? m.stateSinceMs, m.state === 'Paused' ? m.stateSinceMs : Number.NEGATIVE_INFINITY);
      const idleFor = inputs.nowMs - since;
      if (m.state !== 'Starting' && m.state !== 'Stopping' && idleFor >= t.idleDays * dayMs) {
        const how = m.state === 'Paused' ? 'paused' : `running at under ${idleCpuPct} % CPU`;
        categories.idle.push(finding(m, `${how} for ${formatDuration(idleFor)}`, 'stop', stopIt(m), 0, m.memoryMiB));
      }
    } else {
      const lastOn = usage?.lastOnMs;
      const unusedFor = inputs.nowMs - (lastOn ?? m.createdAtMs);
      if (unusedFor >= t.unusedDays * dayMs) {
        const reason = lastOn === undefined ? `never started in the ${formatDuration(unusedFor)} since it was created` : `not started for ${formatDuration(unusedFor)}`;
        categories.unused.push(finding(m, reason, 'delete', deleteIt(m), diskOf(m.id).freedMiB));
      }
    }
    if (m.expiresOn !== undefined) {
      const left = daysBetween(inputs.today, m.expiresOn);
      if (left < 0) {
        const reason = `expired on ${m.expiresOn} (${-left} day${left === -1 ? '' : 's'} ago)`;
        if (powered(m)) categories.expired.push(finding(m, reason, 'stop', `${stopIt(m)}, then delete it (${formatSpace(diskOf(m.id).freedMiB)} of disk)`, 0, m.memoryMiB));
        else categories.expired.push(finding(m, reason, 'delete', deleteIt(m), diskOf(m.id).freedMiB));
      } else if (left <= t.expiringDays) {
        const when = left === 0 ? 'today' : `in ${left} day${left === 1 ? '' : 's'}`;
        categories.expiring.push(finding(m, `expires on ${m.expiresOn} (${when})`, 'extend', `Extend the expiry date if ${m.owner ?? 'its owner'} still needs it; it is listed as expired after that`));
      }
    }
  }
  const byDisk = [...inputs.machines].sort((a, b) => diskOf(b.id).ownedMiB - diskOf(a.id).ownedMiB || collator.compare(a.name, b.name));
  categories.largestDisk = byDisk.slice(0, t.top).filter((m) => diskOf(m.id).ownedMiB > 0).map((m) => finding(m, `${formatSpace(diskOf(m.id).ownedMiB)} of disk (its images and saved memory)`, 'review', `Review its snapshots and disks; deleting it frees ${formatSpace(diskOf(m.id).freedMiB)}`));
  const byMemory = [...inputs.machines].sort((a, b) => Number(powered(b)) - Number(powered(a)) || b.memoryMiB - a.memoryMiB || collator.compare(a.name, b.name));
  categories.largestMemory = byMemory.slice(0, t.top).map((m) =>
    finding(m, `${formatSpace(m.memoryMiB)} of memory${powered(m) ? ', held now' : ' when running'}`, 'review', powered(m) ? `Lower its memory in Settings, or shut it down to free ${formatSpace(m.memoryMiB)}` : 'Lower its memory in Settings before it runs again'),
  );
  const machines = new Map(inputs.machines.map((m) => [m.id, m]));
  const families = cloneFamilies({ machines, records: inputs.records, disk, everStarted: (id) => inputs.usage(id)?.lastOnMs !== undefined || (machines.get(id)?.state ?? 'PoweredOff') !== 'PoweredOff' });
  const reclaimDisk = new Map<string, number>();
  const reclaimMemory = new Map<string, number>();
  for (const list of [categories.idle, categories.unused, categories.expired]) {
    for (const f of list) {
      if (f.action === 'delete') reclaimDisk.set(f.machineId, f.freesDiskMiB);
      if (f.action === 'stop') reclaimMemory.set(f.machineId, f.freesMemoryMiB);
    }
  }
  const orphans = orphanedMedia(inputs.media);
  for (const o of orphans) if (o.removeRefusal === undefined) reclaimDisk.set(o.mediumId, o.freesDiskMiB);
  const sum = (map: Map<string, number>): number => [...map.values()].reduce((a, b) => a + b, 0);
  return { simTimeMs: inputs.nowMs, today: inputs.today, thresholds: t, machineCount: inputs.machines.length, categories, families, orphans, reclaimable: { diskMiB: sum(reclaimDisk), memoryMiB: sum(reclaimMemory) } };
}
