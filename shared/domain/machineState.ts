// Life-cycle states of a simulated machine and the transitions a user may request.
import { z } from 'zod';

/** "Saved": powered off with its memory written to disk; starting it resumes from there instead of booting. */
export const machineStates = ['PoweredOff', 'Starting', 'Running', 'Paused', 'Stopping', 'Saved'] as const;
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
  start: ['PoweredOff', 'Saved'],
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
};

/** States in which a machine holds no CPU and no memory on its host (a Saved machine's memory is a file in its pool). */
export function isPoweredDown(state: MachineState): boolean {
  return state === 'PoweredOff' || state === 'Saved';
}
