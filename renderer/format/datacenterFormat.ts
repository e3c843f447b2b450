// Words and numbers of the data-center views: durations, migration phases and methods, host power states.
import type { HostPower, Migration, MigrationEstimate } from '../../shared/domain/datacenter.ts';

/** "21 ms", "1.8 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** "48 MiB", "2.0 GiB". */
export function formatMiBShort(mib: number): string {
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib < 10 ? mib.toFixed(1) : Math.round(mib)} MiB`;
}

export const methodLabels: Readonly<Record<Migration['method'], string>> = {
  precopy: 'Live migration (pre-copy)',
  checkpointRestore: 'Checkpoint/restore (container)',
  cold: 'Cold migration (powered off)',
};

export const powerStyles: Readonly<Record<HostPower, { label: string; color: string; icon: string }>> = {
  on: { label: 'On', color: 'success', icon: 'mdi-power' },
  off: { label: 'Off', color: 'state-off', icon: 'mdi-power-off' },
  maintenance: { label: 'Maintenance', color: 'warning', icon: 'mdi-wrench' },
  failed: { label: 'Failed', color: 'error', icon: 'mdi-flash-alert' },
};

/** What a migration is doing now, in one line. */
export function phaseText(m: Migration): string {
  switch (m.phase) {
    case 'storage':
      return `Copying disks: ${formatMiBShort(m.storageCopiedMiB)} of ${formatMiBShort(m.storageMiB)}`;
    case 'precopy':
      return m.current
        ? `Pre-copy round ${m.current.index}: ${formatMiBShort(m.current.sentMiB)} of ${formatMiBShort(m.current.toSendMiB)} sent, ${formatMiBShort(m.current.dirtiedMiB)} dirtied meanwhile`
        : 'Pre-copy';
    case 'stopAndCopy':
      if (m.method === 'cold') return 'Moving its configuration';
      return m.method === 'checkpointRestore' ? `Frozen: copying ${formatMiBShort(m.stopCopyMiB ?? 0)} of memory` : `Stopped: copying the last ${formatMiBShort(m.stopCopyMiB ?? 0)}`;
    case 'done':
      return 'Done';
    case 'failed':
      return `Failed: ${m.message ?? ''}`;
    case 'cancelled':
      return `Cancelled: ${m.message ?? ''}`;
  }
}

/** "≈ 1.8 s in all · 21 ms downtime · 2 rounds". */
export function estimateText(e: MigrationEstimate): string {
  const parts = [`≈ ${formatDuration(e.totalMs)} in all`];
  if (e.method !== 'cold') parts.push(`${formatDuration(e.downtimeMs)} downtime`);
  if (e.method === 'precopy') parts.push(`${e.rounds} round${e.rounds === 1 ? '' : 's'}${e.converges ? '' : ' (round limit)'}`);
  return parts.join(' · ');
}

/** "Moved in 1.77 s with 21 ms of downtime after 2 pre-copy rounds (converged)". */
export function resultText(m: Migration): string {
  if (m.phase !== 'done') return phaseText(m);
  if (m.method === 'cold') return `Moved (powered off) in ${formatDuration(m.totalMs ?? 0)}`;
  const rounds = m.method === 'precopy' ? ` after ${m.rounds.length} pre-copy round${m.rounds.length === 1 ? '' : 's'} (${m.stopReason === 'roundLimit' ? 'stopped at the round limit' : 'converged'})` : ' (frozen while its memory was copied)';
  return `Moved in ${formatDuration(m.totalMs ?? 0)} with ${formatDuration(m.downtimeMs ?? 0)} of downtime${rounds}`;
}
