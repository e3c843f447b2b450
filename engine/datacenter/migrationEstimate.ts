// Predicted cost of a migration from the same model the simulation runs: disks, rounds, total time and downtime.
import type { MigrationEstimate, MigrationMethod } from '../../shared/domain/datacenter.ts';
import type { GuestWriting } from '../sim/world.ts';
import { linkMiBPerS, preCopyDefaults, preCopyOutcome } from '../sim/cluster/preCopyModel.ts';

export interface EstimateInput {
  readonly method: MigrationMethod;
  readonly writing: GuestWriting;
  /** Bandwidth of the slower of the two hosts' links, Gbit/s. */
  readonly linkGbps: number;
  readonly storageMiB: number;
  readonly maxRounds?: number;
  readonly maxDowntimeMs?: number;
}

const formatS = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

export function estimateMigration(input: EstimateInput): MigrationEstimate {
  const bandwidth = linkMiBPerS(input.linkGbps);
  const storageMs = (input.storageMiB / bandwidth) * 1000;
  const notes: string[] = [];
  if (input.storageMiB > 0) notes.push(`Disks on local storage: ${formatMiB(input.storageMiB)} are copied first (${formatS(storageMs)}), which makes the move longer`);
  else notes.push('Disks stay on shared storage: only memory moves');
  const base = { storageMiB: round(input.storageMiB), storageMs: round(storageMs), bandwidthMiBs: round(bandwidth) };
  if (input.method === 'cold') {
    notes.push('Powered off: its configuration moves, nothing is running to copy');
    return { method: 'cold', ...base, totalMs: round(storageMs), downtimeMs: 0, rounds: 0, converges: true, dirtyMiBs: 0, notes };
  }
  if (input.method === 'checkpointRestore') {
    const copyMs = (input.writing.usedMiB / bandwidth) * 1000 + preCopyDefaults.restoreMs;
    notes.push(`Checkpoint/restore: the container is frozen while its ${formatMiB(input.writing.usedMiB)} of memory is copied, so the whole copy is downtime`);
    return { method: 'checkpointRestore', ...base, totalMs: round(storageMs + copyMs), downtimeMs: round(copyMs), rounds: 0, converges: true, dirtyMiBs: 0, notes };
  }
  const outcome = preCopyOutcome({
    memoryMiB: input.writing.memoryMiB,
    bandwidthMiBs: bandwidth,
    dirtyMiBs: input.writing.dirtyMiBs,
    writableMiB: input.writing.writableMiB,
    maxRounds: input.maxRounds ?? preCopyDefaults.maxRounds,
    maxDowntimeMs: input.maxDowntimeMs ?? preCopyDefaults.maxDowntimeMs,
    switchoverMs: preCopyDefaults.switchoverMs,
  });
  if (!outcome.converged) {
    notes.push(`It dirties memory (${Math.round(input.writing.dirtyMiBs)} MiB/s) about as fast as the link copies it (${Math.round(bandwidth)} MiB/s): pre-copy does not converge and stops at the round limit, with a long downtime`);
  }
  return {
    method: 'precopy',
    ...base,
    totalMs: round(storageMs + outcome.totalMs),
    downtimeMs: round(outcome.downtimeMs),
    rounds: outcome.rounds.length,
    converges: outcome.converged,
    dirtyMiBs: round(input.writing.dirtyMiBs),
    notes,
  };
}

function formatMiB(mib: number): string {
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${Math.round(mib)} MiB`;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
