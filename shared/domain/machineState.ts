// Life-cycle states of a simulated machine and the transitions a user may request.
import { z } from 'zod';

export const machineStates = ['PoweredOff', 'Starting', 'Running', 'Paused', 'Stopping'] as const;
export const machineStateSchema = z.enum(machineStates);
export type MachineState = z.infer<typeof machineStateSchema>;

/** User actions on the life cycle; the engine decides whether each is allowed now. */
/** `stop` is an ACPI shutdown (the guest takes a few seconds); `powerOff` pulls the plug at once. */
export const lifecycleActions = ['start', 'pause', 'resume', 'stop', 'powerOff'] as const;
export type LifecycleAction = (typeof lifecycleActions)[number];

/** States from which each action is accepted (the engine is the authority; the UI uses this to enable buttons). */
export const actionAllowedFrom: Readonly<Record<LifecycleAction, readonly MachineState[]>> = {
  start: ['PoweredOff'],
  pause: ['Running'],
  resume: ['Paused'],
  stop: ['Starting', 'Running', 'Paused'],
  powerOff: ['Starting', 'Running', 'Paused', 'Stopping'],
};

/** Human label for each state, shared by the list, the details pane and the CLI. */
export const machineStateLabels: Readonly<Record<MachineState, string>> = {
  PoweredOff: 'Powered Off',
  Starting: 'Starting',
  Running: 'Running',
  Paused: 'Paused',
  Stopping: 'Stopping',
};
