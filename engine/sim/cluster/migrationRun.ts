// One migration in progress, advanced step by step: disks first (local storage), pre-copy rounds, stop-and-copy, switch-over.
import type { MigrationMethod, MigrationPhase } from '../../../shared/domain/datacenter.ts';
import { hardwareAssistCosts } from '../../mechanisms/eventCosts.ts';
import { profileTable } from '../../mechanisms/workloadProfiles.ts';
import { stepMs, stepS } from '../clock.ts';
import { H_DEMAND, H_NEED, H_STALL, S_RUNNING } from '../guestArrays.ts';
import type { GuestRec, PlatformRec } from '../worldModel.ts';
import type { MigrationRun, RunOptions } from './migrationRunRecord.ts';
import type { WorldState } from '../worldState.ts';
import { dirtiedIn, stopThresholdMiB } from './preCopyModel.ts';

/** Dirty logging write-protects guest memory: the first write to each page in a round exits to the VMM to be logged. */
const trapUsPerPage = hardwareAssistCosts.pageTableUpdateUs;
const pagesPerMiB = 256;
/**
 * CPU a migration thread spends per GiB it sends or receives (page scanning, copying, TCP): about one core keeps a
 * 10 Gbit/s link busy. An assumption of the order QEMU's single migration thread shows; charged to both hosts.
 */
export const copyCoreSPerGiB = 0.85;

export function newRun(id: string, rec: GuestRec, source: PlatformRec, target: PlatformRec, options: RunOptions, memoryMiB: number, nowMs: number): MigrationRun {
  return {
    id,
    rec,
    source,
    target,
    options,
    startedAtMs: nowMs,
    memoryMiB,
    phase: options.storageMiB > 0 ? 'storage' : firstPhase(options.method),
    endedAtMs: -1,
    storageCopiedMiB: 0,
    bandwidthMiBs: 0,
    rounds: [],
    roundToSend: memoryMiB,
    roundSent: 0,
    roundDirtied: 0,
    roundStartMs: nowMs,
    stopReason: undefined,
    stopCopyMiB: 0,
    stopLeftMs: 0,
    downtimeMs: 0,
    totalSentMiB: 0,
    message: undefined,
    trapCoreS: 0,
    copyCoreS: 0,
  };
}

function firstPhase(method: MigrationMethod): MigrationPhase {
  return method === 'precopy' ? 'precopy' : 'stopAndCopy';
}

/** The guest's writing now: its dirty rate (from the work it does this step) and its writable working set. */
export function guestWriting(w: WorldState, rec: GuestRec): { dirtyMiBs: number; writableMiB: number; workCores: number } {
  const g = w.g;
  const i = rec.slot;
  const p = profileTable[g.profile[i]!]!;
  const need = g.hotOf(i, H_NEED);
  const work = g.state[i] === S_RUNNING ? g.hotOf(i, H_DEMAND) * g.hotOf(i, H_STALL) * (need > 0 ? g.granted[i]! / need : 1) : 0;
  const memory = g.memMiB[i]!;
  const ws = g.ws[i]! > 0 ? g.ws[i]! : memory;
  return { dirtyMiBs: p.dirtyMiBPerCore * work, writableMiB: Math.min(p.writableShare * memory, ws), workCores: work };
}

/** What one step of a run did: where the guest was stopped, and what it dirtied (logged pages). */
export interface StepEffect {
  downtimeMs: number;
  dirtiedMiB: number;
  sentMiB: number;
  workCores: number;
  /** The run reached the switch-over at this time (ms into the step), or -1. */
  switchAtMs: number;
}

/**
 * Advances a run through one step at `bandwidth` MiB/s: phases end inside the step when their data is sent, so rounds
 * much shorter than a step (the last ones of a converging guest) are timed exactly.
 */
export function advanceRun(w: WorldState, run: MigrationRun, stepStartMs: number, bandwidth: number): StepEffect {
  const effect: StepEffect = { downtimeMs: 0, dirtiedMiB: 0, sentMiB: 0, workCores: 0, switchAtMs: -1 };
  run.bandwidthMiBs = bandwidth;
  const writing = guestWriting(w, run.rec);
  effect.workCores = writing.workCores;
  const threshold = stopThresholdMiB(bandwidth, run.options.maxDowntimeMs);
  let t = 0;
  // Every pass either uses up the step or finishes a phase or a round (bounded by the round limit).
  while (t < stepMs - 1e-9 && effect.switchAtMs < 0) {
    const left = stepMs - t;
    if (run.phase === 'storage') {
      const dt = Math.min(left, ((run.options.storageMiB - run.storageCopiedMiB) / bandwidth) * 1000);
      const sent = (bandwidth * dt) / 1000;
      run.storageCopiedMiB += sent;
      effect.sentMiB += sent;
      t += dt;
      if (run.storageCopiedMiB >= run.options.storageMiB - 1e-9) {
        run.storageCopiedMiB = run.options.storageMiB;
        run.phase = firstPhase(run.options.method);
        run.roundStartMs = stepStartMs + t;
        if (run.options.method !== 'precopy') beginStop(run, bandwidth, run.options.method === 'cold' ? 'cold' : 'frozen');
      }
    } else if (run.phase === 'precopy') {
      const dt = Math.min(left, ((run.roundToSend - run.roundSent) / bandwidth) * 1000);
      const sent = (bandwidth * dt) / 1000;
      run.roundSent += sent;
      effect.sentMiB += sent;
      const before = run.roundDirtied;
      run.roundDirtied = Math.min(writing.writableMiB, before + dirtiedIn(dt, writing.dirtyMiBs, writing.writableMiB));
      effect.dirtiedMiB += run.roundDirtied - before;
      t += dt;
      if (run.roundSent >= run.roundToSend - 1e-9) closeRound(run, stepStartMs + t, threshold, bandwidth);
    } else if (run.phase === 'stopAndCopy') {
      if (run.stopReason === undefined) beginStop(run, bandwidth, run.options.method === 'cold' ? 'cold' : 'frozen');
      const dt = Math.min(left, run.stopLeftMs);
      run.stopLeftMs -= dt;
      if (run.options.method !== 'cold') effect.downtimeMs += dt;
      effect.sentMiB += Math.min(run.stopCopyMiB, (bandwidth * dt) / 1000);
      t += dt;
      if (run.stopLeftMs <= 1e-9) effect.switchAtMs = t;
    } else break;
  }
  run.totalSentMiB += effect.sentMiB;
  return effect;
}

function closeRound(run: MigrationRun, atMs: number, threshold: number, bandwidth: number): void {
  run.rounds.push({ index: run.rounds.length + 1, sentMiB: run.roundToSend, dirtiedMiB: run.roundDirtied, durationMs: atMs - run.roundStartMs });
  const converged = run.roundDirtied <= threshold;
  if (converged || run.rounds.length >= run.options.maxRounds) {
    run.phase = 'stopAndCopy';
    run.stopCopyMiB = run.roundDirtied;
    run.stopLeftMs = (run.stopCopyMiB / bandwidth) * 1000 + run.options.switchoverMs;
    run.stopReason = converged ? 'converged' : 'roundLimit';
    run.downtimeMs = run.stopLeftMs;
    return;
  }
  run.roundToSend = run.roundDirtied;
  run.roundSent = 0;
  run.roundDirtied = 0;
  run.roundStartMs = atMs;
}

/** Checkpoint/restore freezes the guest and copies all its memory; a cold move only has the switch-over left. */
function beginStop(run: MigrationRun, bandwidth: number, reason: 'frozen' | 'cold'): void {
  run.stopReason = reason;
  run.stopCopyMiB = reason === 'cold' ? 0 : run.memoryMiB;
  run.stopLeftMs = (run.stopCopyMiB / bandwidth) * 1000 + (reason === 'cold' ? 0 : run.options.switchoverMs);
  run.downtimeMs = reason === 'cold' ? 0 : run.stopLeftMs;
}

/**
 * Charges what a step of migrating cost: the guest loses the share of the step it was stopped, and the time its dirty
 * logging faults took (VMM time on its behalf); both hosts spend CPU copying.
 */
export function chargeStep(w: WorldState, run: MigrationRun, effect: StepEffect): void {
  const g = w.g;
  const i = run.rec.slot;
  const trapCoreS = (effect.dirtiedMiB * pagesPerMiB * trapUsPerPage) / 1e6;
  const work = effect.workCores * stepS;
  let factor = 1 - effect.downtimeMs / stepMs;
  if (trapCoreS > 0 && work > 0) factor *= work / (work + trapCoreS);
  // stall scales what the guest can do next step; the step overwrites it with its own penalty each time.
  if (factor < 1) g.setHot(i, H_STALL, g.hotOf(i, H_STALL) * (factor > 0 ? factor : 0));
  if (trapCoreS > 0) {
    g.cGranted[i] = g.cGranted[i]! + trapCoreS;
    g.cHostBusy[i] = g.cHostBusy[i]! + trapCoreS;
    w.hostBusyS[run.rec.host] = w.hostBusyS[run.rec.host]! + trapCoreS;
    run.trapCoreS += trapCoreS;
  }
  const copyCoreS = (effect.sentMiB / 1024) * copyCoreSPerGiB;
  if (copyCoreS > 0) {
    w.hostBusyS[run.source.host] = w.hostBusyS[run.source.host]! + copyCoreS;
    w.hostBusyS[run.target.host] = w.hostBusyS[run.target.host]! + copyCoreS;
    run.copyCoreS += copyCoreS;
  }
}
