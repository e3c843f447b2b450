// The step's one call into the data-center part: advance migrations over shared links, keep dark hosts' counters still.
import { AppError } from '../../../shared/errors.ts';
import { stepMs } from '../clock.ts';
import { formatMs } from '../formatMs.ts';
import { S_OFF, S_STOPPING } from '../guestArrays.ts';
import { migrateGuest } from '../migration.ts';
import type { WorldState } from '../worldState.ts';
import { linkMiBPerS } from './preCopyModel.ts';
import { advanceRun, chargeStep } from './migrationRun.ts';
import type { MigrationRun } from './migrationRunRecord.ts';

/** Called by the step after every pool has been stepped, with the clock at the end of the step. */
export function stepCluster(w: WorldState): void {
  const cluster = w.cluster;
  for (const [host, counters] of cluster.dark) {
    w.hostBusyS[host] = counters.busyS;
    w.hostMemS[host] = counters.memS;
  }
  const runs = cluster.runs;
  if (runs.length === 0) return;
  const stepStart = w.nowMs - stepMs;
  // Each host's link is shared equally by the migrations using it.
  if (cluster.linkUsers.length < w.hosts.length) cluster.linkUsers = new Int32Array(w.hosts.length);
  const users = cluster.linkUsers;
  for (const run of runs) {
    users[run.source.host] = 0;
    users[run.target.host] = 0;
  }
  for (const run of runs) {
    users[run.source.host]! += 1;
    users[run.target.host]! += 1;
  }
  // Backwards, since a run that ends leaves the list.
  for (let r = runs.length - 1; r >= 0; r--) {
    const run = runs[r]!;
    if (!stillMigratable(w, run)) continue;
    const bandwidth = Math.min(linkMiBPerS(cluster.linkOf(run.source.host)) / users[run.source.host]!, linkMiBPerS(cluster.linkOf(run.target.host)) / users[run.target.host]!);
    const phase = run.phase;
    const rounds = run.rounds.length;
    const effect = advanceRun(w, run, stepStart, bandwidth);
    chargeStep(w, run, effect);
    if (run.phase !== phase || run.rounds.length !== rounds) cluster.version += 1;
    if (effect.switchAtMs >= 0) switchOver(w, run, stepStart + effect.switchAtMs);
  }
}

/** A guest shut down (or, for a cold move, started) meanwhile ends its migration. */
function stillMigratable(w: WorldState, run: MigrationRun): boolean {
  const state = w.g.state[run.rec.slot]!;
  const cold = run.options.method === 'cold';
  if (!cold && (state === S_OFF || state === S_STOPPING)) {
    endRun(w, run, 'cancelled', `"${run.rec.name}" was shut down during its migration`);
    return false;
  }
  return true;
}

/** The move itself, by the instantaneous primitive; refused (the target filled up meanwhile) the guest stays where it is. */
function switchOver(w: WorldState, run: MigrationRun, atMs: number): void {
  const rec = run.rec;
  try {
    migrateGuest(w, rec, run.target);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    endRun(w, run, 'failed', `switch-over refused, "${rec.name}" stays on ${run.source.name}: ${error.message}`, atMs);
    return;
  }
  run.phase = 'done';
  run.endedAtMs = atMs;
  const total = atMs - run.startedAtMs;
  const how =
    run.options.method === 'cold'
      ? `Cold migration done in ${formatMs(total)}`
      : `Migration done in ${formatMs(total)} (${run.rounds.length} pre-copy round${run.rounds.length === 1 ? '' : 's'}, ${run.stopReason === 'roundLimit' ? 'stopped at the round limit' : run.stopReason === 'frozen' ? 'checkpoint/restore' : 'converged'}); downtime ${formatMs(run.downtimeMs)}`;
  w.logGuest(rec, 'datacenter', how, atMs);
  finish(w, run);
}

/** Ends a run without moving the guest: it carries on where it was. */
export function endRun(w: WorldState, run: MigrationRun, phase: 'failed' | 'cancelled', message: string, atMs = w.nowMs): void {
  run.phase = phase;
  run.message = message;
  run.endedAtMs = atMs;
  w.logGuest(run.rec, phase === 'failed' ? 'refusal' : 'datacenter', `Migration to ${run.target.name} ${phase}: ${message}`, atMs);
  finish(w, run);
}

function finish(w: WorldState, run: MigrationRun): void {
  const runs = w.cluster.runs;
  runs.splice(runs.indexOf(run), 1);
  w.cluster.ended.push(run);
  w.cluster.version += 1;
}
