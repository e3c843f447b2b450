// Life-cycle states of a simulated machine and the transitions a user may request.
import { z } from 'zod';

/**
 * "Saved": powered off with its memory written to disk; starting it resumes from there instead of booting.
 * "Aborted" is VirtualBox's name for a machine whose process died without a shutdown: here, its host failed (power
 * loss). Like Powered Off it holds no CPU or memory; unlike it, it says the machine did not stop on purpose.
 */
export const machineStates = ['PoweredOff', 'Starting', 'Running', 'Paused', 'Stopping', 'Saved', 'Aborted'] as const;
export const machineStateSchema = z.enum(machineStates);
export type MachineState = z.infer<typeof machineStateSchema>;

/**
 * User actions on the life cycle; the engine decides whether each is allowed now. `stop` asks the guest to shut down
 * (ACPI power button, SIGTERM, exit) and the guest may ignore it; `powerOff` cuts the power at once.
 */
export const lifecycleActions = ['start', 'pause', 'resume', 'stop', 'powerOff', 'reset', 'saveState', 'discardState'] as const;
export type LifecycleAction = (typeof lifecycleActions)[number];

/** States from which each action is accepted (the engine is the authority; the UI uses this to enable buttons). */
export const actionAllowedFrom: Readonly<Record<LifecycleAction, readonly MachineState[]>> = {
  start: ['PoweredOff', 'Saved', 'Aborted'],
  pause: ['Running'],
  resume: ['Paused'],
  stop: ['Starting', 'Running', 'Paused'],
  powerOff: ['Starting', 'Running', 'Paused', 'Stopping'],
  reset: ['Running', 'Paused'],
  saveState: ['Running', 'Paused'],
  discardState: ['Saved'],
};

/** What each action is called in menus, messages and the CLI's output. */
export const lifecycleActionLabels: Readonly<Record<LifecycleAction, string>> = {
  start: 'Start',
  pause: 'Pause',
  resume: 'Resume',
  stop: 'ACPI Shutdown',
  powerOff: 'Power Off',
  reset: 'Reset',
  saveState: 'Save State',
  discardState: 'Discard Saved State',
};

/** Human label for each state, shared by the list, the details pane and the CLI. */
export const machineStateLabels: Readonly<Record<MachineState, string>> = {
  PoweredOff: 'Powered Off',
  Starting: 'Starting',
  Running: 'Running',
  Paused: 'Paused',
  Stopping: 'Stopping',
  Saved: 'Saved',
  Aborted: 'Aborted',
};

/**
 * States in which a machine holds no CPU and no memory on its host: Powered Off, Saved (its memory is a file in its
 * pool) and Aborted (its host lost power; it allows what a powered-off machine allows, as in VirtualBox).
 */
export function isPoweredDown(state: MachineState): boolean {
  return state === 'PoweredOff' || state === 'Saved' || state === 'Aborted';
}

/**
 * Powered Off or Aborted: nothing running and no saved state. What a powered-off machine allows (every setting,
 * snapshot restores, cold moves) an aborted one allows too, as in VirtualBox; a Saved one does not.
 */
export function isOff(state: MachineState): boolean {
  return state === 'PoweredOff' || state === 'Aborted';
}
