// Life-cycle commands on guests (start, stop, power off, reset, pause, resume, save state) and the settling of timed transitions.
import { AppError } from '../../shared/errors.ts';
import { actionAllowedFrom, machineStateLabels, machineStates } from '../../shared/domain/machineState.ts';
import type { LifecycleAction } from '../../shared/domain/machineState.ts';
import { findSimOs } from './catalogue.ts';
import { checkPowerOnResources, Verdict } from './fitCheck.ts';
import { S_OFF, S_PAUSED, S_RUNNING, S_STARTING, S_STOPPING } from './guestArrays.ts';
import { guestState } from './guestState.ts';
import { formatMs } from './formatMs.ts';
import type { GuestRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

const label = (w: WorldState, slot: number) => machineStateLabels[machineStates[w.g.state[slot]!]!];

/** Runs `fn`; an AppError it throws is logged as a refusal for the guest before being rethrown. */
export function guarded<T>(w: WorldState, rec: GuestRec, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppError) w.logGuest(rec, 'refusal', error.message);
    throw error;
  }
}

/** How refusals name each action: "Cannot power off "x": it is Saved". */
const verbs: Readonly<Record<LifecycleAction, string>> = {
  start: 'start',
  pause: 'pause',
  resume: 'resume',
  stop: 'stop',
  powerOff: 'power off',
  reset: 'reset',
  saveState: 'save the state of',
  discardState: 'discard the saved state of',
};

function assertAllowed(w: WorldState, rec: GuestRec, action: LifecycleAction): void {
  const state = guestState(w, rec);
  if (!actionAllowedFrom[action].includes(state)) {
    throw new AppError('INVALID_STATE', `Cannot ${verbs[action]} "${rec.name}": it is ${machineStateLabels[state]}`, 'state');
  }
}

/** Records when a guest entered its state and tells the listener. */
export function noteState(w: WorldState, rec: GuestRec, atMs: number): void {
  rec.stateSinceMs = atMs;
  w.onStateChange?.(rec);
}

function enter(w: WorldState, rec: GuestRec, state: number, atMs: number, why: string, shown = machineStateLabels[machineStates[state]!]): void {
  w.g.state[rec.slot] = state;
  w.logGuest(rec, 'state', `${shown}${why ? `: ${why}` : ''}`, atMs);
  noteState(w, rec, atMs);
}

/** Refuses with the same rule the fit check applies, when the guest's powered-on resources are not free now. */
export function checkStart(w: WorldState, rec: GuestRec): void {
  const pool = w.poolOf(rec);
  if (pool.partition && w.g.state[pool.partition.slot] !== S_RUNNING) {
    throw new AppError('INVALID_STATE', `Cannot start "${rec.name}": partition "${pool.partition.name}" it runs in is ${label(w, pool.partition.slot)}; start the partition first`, 'state');
  }
  const verdict = new Verdict();
  checkPowerOnResources(w, w.platformOf(rec), rec.name, rec.spec, rec, verdict);
  const refusal = verdict.refused;
  if (refusal) throw new AppError(refusal.code, refusal.message, refusal.field);
}

/** Reading a saved state back is disk-bound: about a second plus half a second per GiB. */
export function restoreMs(sizeMiB: number): number {
  return 1000 + Math.round(sizeMiB / 2);
}

/** Starts a powered-off guest (it boots) or a saved one (its memory is read back). Returns the MiB of saved state used up. */
export function startGuest(w: WorldState, rec: GuestRec): number {
  return guarded(w, rec, () => {
    assertAllowed(w, rec, 'start');
    checkStart(w, rec);
    rec.lastStartCmdMs = w.nowMs;
    const saved = rec.saved;
    if (saved) {
      rec.saved = undefined;
      rec.restoringMiB = saved.sizeMiB;
      w.g.settleAtMs[rec.slot] = w.nowMs + restoreMs(saved.sizeMiB);
      enter(w, rec, S_STARTING, w.nowMs, `resumes from its saved state (${Math.round(saved.sizeMiB)} MiB) in ${formatMs(restoreMs(saved.sizeMiB))}`);
      return saved.sizeMiB;
    }
    rec.restoringMiB = 0;
    w.g.settleAtMs[rec.slot] = w.nowMs + rec.startMs;
    enter(w, rec, S_STARTING, w.nowMs, `boots in ${formatMs(rec.startMs)}`);
    return 0;
  });
}

/** Guest CPU over the last simulated second ÷ its vCPUs. */
function busyShare(w: WorldState, rec: GuestRec): number {
  if (w.g.state[rec.slot] !== S_RUNNING || rec.spec.vcpus <= 0) return 0;
  return w.seconds.metrics(w.g, rec.slot).guestCores / rec.spec.vcpus;
}

/** Asks the guest to shut down the way its kind does (ACPI, SIGTERM, exit); refused, with the reason, when it ignores that. */
export function stopGuest(w: WorldState, rec: GuestRec): void {
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'stop');
    const power = w.platformOf(rec).module.power;
    const plan = power.shutdown({ name: rec.name, os: findSimOs(rec.spec.os), busyShare: busyShare(w, rec), stopMs: rec.stopMs });
    if (!plan.accepted) {
      throw new AppError('INVALID_STATE', `"${rec.name}" ignored the ${power.shutdownLabel}: ${plan.why}. Use Power Off to cut its power`, 'shutdown');
    }
    rec.stopEnding = plan.ending;
    w.g.settleAtMs[rec.slot] = w.nowMs + plan.inMs;
    enter(w, rec, S_STOPPING, w.nowMs, plan.how);
  });
}

/** Power Off: the guest stops at once, whatever it was doing (a partition takes its nested guests with it). */
export function powerOffGuest(w: WorldState, rec: GuestRec): void {
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'powerOff');
    powerOff(w, rec.slot, w.nowMs, w.platformOf(rec).module.power.powerOffHow);
  });
}

/** Reset: a running guest loses its memory and boots again on the resources it holds. */
export function resetGuest(w: WorldState, rec: GuestRec): void {
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'reset');
    stopNested(w, rec, w.nowMs, `partition "${rec.name}" it ran in was reset`);
    w.g.resetDynamic(rec.slot);
    rec.restoringMiB = 0;
    rec.lastStartCmdMs = w.nowMs;
    w.g.settleAtMs[rec.slot] = w.nowMs + rec.startMs;
    enter(w, rec, S_STARTING, w.nowMs, `${w.platformOf(rec).module.power.resetHow}; boots in ${formatMs(rec.startMs)}`, 'Reset');
  });
}

/** Why the guest cannot be saved now, or undefined; changes nothing. */
export function checkSave(w: WorldState, rec: GuestRec): void {
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'saveState');
    const rule = w.platformOf(rec).module.power.saveState;
    if (!rule.supported) throw new AppError('INVALID_STATE', `"${rec.name}" cannot be saved: ${rule.why}`, 'state');
    if (rec.hostsPool >= 0) {
      const nested = [...w.pools[rec.hostsPool]!.members].filter((guest) => !guest.hidden && w.g.state[guest.slot] !== S_OFF);
      if (nested.length > 0) {
        throw new AppError('INVALID_STATE', `"${rec.name}" runs ${nested.map((g) => `"${g.name}"`).join(', ')} on the platform installed in it; save or power them off first`, 'state');
      }
    }
  });
}

/** Writes the guest's memory to disk (`sizeMiB`, checked for room by the caller) and powers it down into Saved. */
export function saveGuest(w: WorldState, rec: GuestRec, sizeMiB: number): void {
  checkSave(w, rec);
  const noun = w.platformOf(rec).module.power.saveState;
  w.g.state[rec.slot] = S_OFF;
  w.g.resetDynamic(rec.slot);
  stopNested(w, rec, w.nowMs, '');
  rec.saved = { sizeMiB, atMs: w.nowMs };
  w.logGuest(rec, 'state', `Saved: ${Math.round(sizeMiB)} MiB of memory written to its ${noun.supported ? noun.noun : 'saved state'}`);
  noteState(w, rec, w.nowMs);
}

/** Forgets a saved state: the guest is simply powered off (its next start boots). Returns the MiB freed. */
export function discardGuestState(w: WorldState, rec: GuestRec): number {
  return guarded(w, rec, () => {
    assertAllowed(w, rec, 'discardState');
    const size = rec.saved!.sizeMiB;
    rec.saved = undefined;
    enter(w, rec, S_OFF, w.nowMs, 'saved state discarded');
    return size;
  });
}

/** A restored library puts a guest that was saved back into Saved, without logging or checks. */
export function restoreSaved(rec: GuestRec, sizeMiB: number, atMs: number): void {
  rec.saved = { sizeMiB, atMs };
}

export function pauseGuest(w: WorldState, rec: GuestRec): void {
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'pause');
    enter(w, rec, S_PAUSED, w.nowMs, 'vCPUs descheduled, memory kept');
  });
}

export function resumeGuest(w: WorldState, rec: GuestRec): void {
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'resume');
    enter(w, rec, S_RUNNING, w.nowMs, '');
  });
}

/** Finishes a transient state at exactly the time it was due. */
export function settle(w: WorldState, slot: number): void {
  const rec = w.guests[slot]!;
  const due = w.g.settleAtMs[slot]!;
  if (w.g.state[slot] === S_STARTING) {
    rec.lastStartTookMs = due - rec.lastStartCmdMs;
    // A resumed guest has its memory back, as it was when saved.
    if (rec.restoringMiB > 0) w.g.touched[slot] = Math.max(w.g.touched[slot]!, Math.min(rec.restoringMiB, rec.spec.memoryMiB));
    const how = rec.restoringMiB > 0 ? `resumed in ${formatMs(rec.lastStartTookMs)}` : `started in ${formatMs(rec.lastStartTookMs)}`;
    rec.restoringMiB = 0;
    enter(w, rec, S_RUNNING, due, how);
    if (rec.hostsPool >= 0) setHostProcesses(w, rec.hostsPool, S_RUNNING);
  } else if (w.g.state[slot] === S_STOPPING) {
    const ending = rec.stopEnding ?? '';
    rec.stopEnding = undefined;
    powerOff(w, slot, due, ending);
  }
}

/** Powers a slot off now (shutdown done, killed, or its partition went away); a partition takes its guests with it. */
export function powerOff(w: WorldState, slot: number, atMs: number, why: string, kind: 'state' | 'runtime' = 'state'): void {
  const rec = w.guests[slot]!;
  w.g.state[slot] = S_OFF;
  w.g.resetDynamic(slot);
  rec.stopEnding = undefined;
  rec.restoringMiB = 0;
  if (kind === 'state') enter(w, rec, S_OFF, atMs, why);
  else {
    w.logGuest(rec, 'runtime', `Powered Off: ${why}`, atMs);
    noteState(w, rec, atMs);
  }
  stopNested(w, rec, atMs, `partition "${rec.name}" it ran in was powered off`);
}

/** The platform inside a partition stops with it: host processes go quiet, nested guests power off. */
function stopNested(w: WorldState, rec: GuestRec, atMs: number, why: string): void {
  if (rec.hostsPool < 0) return;
  for (const guest of w.pools[rec.hostsPool]!.members) {
    if (w.g.state[guest.slot] === S_OFF) continue;
    if (guest.hidden) {
      w.g.state[guest.slot] = S_OFF;
      w.g.resetDynamic(guest.slot);
    } else {
      powerOff(w, guest.slot, atMs, why);
    }
  }
}

function setHostProcesses(w: WorldState, pool: number, state: number): void {
  for (const guest of w.pools[pool]!.members) if (guest.hidden) w.g.state[guest.slot] = state;
}
