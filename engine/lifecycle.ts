// Machine life-cycle rules: which action leads where, and which states settle by themselves after a delay.
import { AppError } from '../shared/errors.ts';
import { actionAllowedFrom, machineStateLabels } from '../shared/domain/machineState.ts';
import type { LifecycleAction, MachineState } from '../shared/domain/machineState.ts';

/** The part of a machine the life cycle reads and writes. */
export interface LifecycleSubject {
  readonly name: string;
  state: MachineState;
  /** Simulated time the current state began. */
  stateSinceMs: number;
  /** When a transient state (Starting, Stopping) settles; undefined for stable states. */
  settlesAtMs: number | undefined;
}

/** Simulated durations of the transient states; platforms with faster boots can pass their own. */
export interface LifecycleTimings {
  readonly startingMs: number;
  readonly stoppingMs: number;
}

export const defaultTimings: LifecycleTimings = { startingMs: 3000, stoppingMs: 2000 };

const actionTarget: Readonly<Record<LifecycleAction, MachineState>> = {
  start: 'Starting',
  pause: 'Paused',
  resume: 'Running',
  stop: 'Stopping',
};

/** Transient states and the state each one settles into on its own. */
const settlesInto: Readonly<Partial<Record<MachineState, MachineState>>> = {
  Starting: 'Running',
  Stopping: 'PoweredOff',
};

function durationOf(state: MachineState, timings: LifecycleTimings): number | undefined {
  if (state === 'Starting') return timings.startingMs;
  if (state === 'Stopping') return timings.stoppingMs;
  return undefined;
}

/** Refuses with INVALID_STATE (changing nothing) when the action does not apply to the current state. */
export function assertActionAllowed(subject: LifecycleSubject, action: LifecycleAction): void {
  if (actionAllowedFrom[action].includes(subject.state)) return;
  throw new AppError('INVALID_STATE', `Cannot ${action} "${subject.name}": it is ${machineStateLabels[subject.state]}`);
}

export function enterState(subject: LifecycleSubject, state: MachineState, atMs: number, timings: LifecycleTimings): void {
  subject.state = state;
  subject.stateSinceMs = atMs;
  const duration = durationOf(state, timings);
  subject.settlesAtMs = duration === undefined ? undefined : atMs + duration;
}

/** Applies a user action now; throws INVALID_STATE without touching the subject when refused. */
export function applyAction(subject: LifecycleSubject, action: LifecycleAction, nowMs: number, timings: LifecycleTimings): void {
  assertActionAllowed(subject, action);
  enterState(subject, actionTarget[action], nowMs, timings);
}

/**
 * Moves a transient state on once its time is up. The new state starts exactly when the old one was due,
 * so durations are exact whatever the step size. Returns whether the state changed.
 */
export function settleIfDue(subject: LifecycleSubject, nowMs: number, timings: LifecycleTimings): boolean {
  const due = subject.settlesAtMs;
  const next = settlesInto[subject.state];
  if (due === undefined || next === undefined || due > nowMs) return false;
  enterState(subject, next, due, timings);
  return true;
}

/** Deleting is only safe when nothing runs, so the disk image is not in use. */
export function assertDeletable(subject: LifecycleSubject): void {
  if (subject.state === 'PoweredOff') return;
  const message =
    subject.state === 'Stopping'
      ? `Wait for "${subject.name}" to finish stopping before deleting it`
      : `Stop "${subject.name}" before deleting it`;
  throw new AppError('INVALID_STATE', message);
}
