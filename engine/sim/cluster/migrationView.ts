// A migration run as the contract shows it: ids, phase, rounds so far, the round in progress, and its results.
import type { Migration } from '../../../shared/domain/datacenter.ts';
import type { WorldState } from '../worldState.ts';
import type { MigrationRun } from './migrationRunRecord.ts';

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function toMigration(w: WorldState, run: MigrationRun): Migration {
  const ended = run.endedAtMs >= 0;
  const out: Migration = {
    id: run.id,
    machineId: run.rec.id,
    machineName: run.rec.name,
    fromHostId: w.hosts[run.source.host]!.id,
    toHostId: w.hosts[run.target.host]!.id,
    toPlatformId: run.target.id,
    method: run.options.method,
    reason: run.options.reason,
    phase: run.phase,
    startedAtMs: run.startedAtMs,
    memoryMiB: round3(run.memoryMiB),
    storageMiB: round3(run.options.storageMiB),
    storageCopiedMiB: round3(run.storageCopiedMiB),
    bandwidthMiBs: round3(run.bandwidthMiBs),
    rounds: run.rounds.map((r) => ({ index: r.index, sentMiB: round3(r.sentMiB), dirtiedMiB: round3(r.dirtiedMiB), durationMs: round3(r.durationMs) })),
    maxRounds: run.options.maxRounds,
    totalSentMiB: round3(run.totalSentMiB),
    progressPct: progressOf(run),
  };
  if (run.phase === 'precopy') out.current = { index: run.rounds.length + 1, toSendMiB: round3(run.roundToSend), sentMiB: round3(run.roundSent), dirtiedMiB: round3(run.roundDirtied) };
  if (run.stopReason !== undefined) {
    out.stopReason = run.stopReason;
    out.stopCopyMiB = round3(run.stopCopyMiB);
    out.downtimeMs = round3(run.downtimeMs);
  }
  if (ended) {
    out.endedAtMs = run.endedAtMs;
    if (run.phase === 'done') out.totalMs = round3(run.endedAtMs - run.startedAtMs);
  }
  if (run.message !== undefined) out.message = run.message;
  return out;
}

/** Disks and the first full copy of memory are most of the work; later rounds and the stop-and-copy the rest. */
function progressOf(run: MigrationRun): number {
  if (run.phase === 'done') return 100;
  const whole = run.options.storageMiB + run.memoryMiB;
  if (whole <= 0) return run.phase === 'stopAndCopy' ? 99 : 0;
  const memoryDone = run.rounds.length > 0 || run.phase === 'stopAndCopy' ? run.memoryMiB : run.roundSent;
  const pct = (100 * (run.storageCopiedMiB + memoryDone)) / whole;
  return Math.min(99, Math.round(pct * 10) / 10);
}
