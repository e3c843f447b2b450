// Life-cycle commands on guests (start/stop/pause/resume) and the settling of timed transitions.
import { AppError } from '../../shared/errors.ts';
import { actionAllowedFrom, machineStateLabels, machineStates } from '../../shared/domain/machineState.ts';
import type { LifecycleAction } from '../../shared/domain/machineState.ts';
import { checkPowerOnResources, Verdict } from './fitCheck.ts';
import { S_OFF, S_PAUSED, S_RUNNING, S_STARTING, S_STOPPING } from './guestArrays.ts';
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

const actionWords: Readonly<Record<LifecycleAction, string>> = { start: 'start', pause: 'pause', resume: 'resume', stop: 'stop', powerOff: 'power off' };

function assertAllowed(w: WorldState, rec: GuestRec, action: LifecycleAction): void {
  const state = machineStates[w.g.state[rec.slot]!]!;
  if (!actionAllowedFrom[action].includes(state)) {
    throw new AppError('INVALID_STATE', `Cannot ${actionWords[action]} "${rec.name}": it is ${machineStateLabels[state]}`, 'state');
  }
}

/** Records when a guest entered its state and tells the listener. */
export function noteState(w: WorldState, rec: GuestRec, atMs: number): void {
  rec.stateSinceMs = atMs;
  w.onStateChange?.(rec);
}

function enter(w: WorldState, rec: GuestRec, state: number, atMs: number, why: string): void {
  w.g.state[rec.slot] = state;
  w.logGuest(rec, 'state', `${machineStateLabels[machineStates[state]!]}${why ? `: ${why}` : ''}`, atMs);
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

export function startGuest(w: WorldState, rec: GuestRec): void {
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'start');
    checkStart(w, rec);
    rec.lastStartCmdMs = w.nowMs;
    w.g.settleAtMs[rec.slot] = w.nowMs + rec.startMs;
    enter(w, rec, S_STARTING, w.nowMs, `boots in ${formatMs(rec.startMs)}`);
  });
}

export function stopGuest(w: WorldState, rec: GuestRec): void {
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'stop');
    w.g.settleAtMs[rec.slot] = w.nowMs + rec.stopMs;
    enter(w, rec, S_STOPPING, w.nowMs, `shuts down in ${formatMs(rec.stopMs)}`);
  });
}

/** Pulls the plug: the guest is off now, unsaved work in it is lost (the guest's own shutdown is `stop`). */
export function powerOffGuest(w: WorldState, rec: GuestRec): void {
  guarded(w, rec, () => {
    assertAllowed(w, rec, 'powerOff');
    powerOff(w, rec.slot, w.nowMs, 'powered off at once (unsaved work in the guest is lost)');
  });
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
    enter(w, rec, S_RUNNING, due, `started in ${formatMs(rec.lastStartTookMs)}`);
    if (rec.hostsPool >= 0) setHostProcesses(w, rec.hostsPool, S_RUNNING);
  } else if (w.g.state[slot] === S_STOPPING) {
    powerOff(w, slot, due, '');
  }
}

/** Powers a slot off now (shutdown done, killed, or its partition went away); a partition takes its guests with it. */
export function powerOff(w: WorldState, slot: number, atMs: number, why: string, kind: 'state' | 'runtime' = 'state'): void {
  const rec = w.guests[slot]!;
  w.g.state[slot] = S_OFF;
  w.g.resetDynamic(slot);
  if (kind === 'state') enter(w, rec, S_OFF, atMs, why);
  else {
    w.logGuest(rec, 'runtime', `Powered Off: ${why}`, atMs);
    noteState(w, rec, atMs);
  }
  if (rec.hostsPool < 0) return;
  for (const guest of w.pools[rec.hostsPool]!.members) {
    if (w.g.state[guest.slot] === S_OFF) continue;
    if (guest.hidden) {
      w.g.state[guest.slot] = S_OFF;
      w.g.resetDynamic(guest.slot);
    } else {
      powerOff(w, guest.slot, atMs, `partition "${rec.name}" it ran in was powered off`);
    }
  }
}

function setHostProcesses(w: WorldState, pool: number, state: number): void {
  for (const guest of w.pools[pool]!.members) if (guest.hidden) w.g.state[guest.slot] = state;
}
