// Life-cycle states of a simulated machine and the transitions a user may request.
import { z } from 'zod';

/**
 * `Aborted` is VirtualBox's name for a machine whose process died without a shutdown: here, its host failed (power
 * loss). Like Powered Off it holds no CPU or memory; unlike it, it says the machine did not stop on purpose.
 */
export const machineStates = ['PoweredOff', 'Starting', 'Running', 'Paused', 'Stopping', 'Aborted'] as const;
export const machineStateSchema = z.enum(machineStates);
export type MachineState = z.infer<typeof machineStateSchema>;

/** User actions on the life cycle; the engine decides whether each is allowed now. */
export const lifecycleActions = ['start', 'pause', 'resume', 'stop'] as const;
export type LifecycleAction = (typeof lifecycleActions)[number];

/** States from which each action is accepted (the engine is the authority; the UI uses this to enable buttons). */
export const actionAllowedFrom: Readonly<Record<LifecycleAction, readonly MachineState[]>> = {
  start: ['PoweredOff', 'Aborted'],
  pause: ['Running'],
  resume: ['Paused'],
  stop: ['Starting', 'Running', 'Paused'],
};

/** Human label for each state, shared by the list, the details pane and the CLI. */
export const machineStateLabels: Readonly<Record<MachineState, string>> = {
  PoweredOff: 'Powered Off',
  Starting: 'Starting',
  Running: 'Running',
  Paused: 'Paused',
  Stopping: 'Stopping',
  Aborted: 'Aborted',
};

/**
 * Not running and holding nothing: Powered Off or Aborted. What a powered-off machine allows (settings, snapshots
 * restored, deletion, cold moves) an aborted one allows too, as in VirtualBox.
 */
export function isPoweredDown(state: MachineState): boolean {
  return state === 'PoweredOff' || state === 'Aborted';
}
