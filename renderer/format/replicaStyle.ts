// How replica phases and rollout states look: a label a person understands, an icon and a theme colour.
import type { ReplicaPhase, RolloutView } from '../../shared/domain/applicationView.ts';

export interface PhaseStyle {
  readonly label: string;
  readonly icon: string;
  readonly color: string;
}

const phases: Readonly<Record<ReplicaPhase, PhaseStyle>> = {
  Pending: { label: 'Pending', icon: 'mdi-timer-sand', color: 'warning' },
  Waiting: { label: 'Waiting', icon: 'mdi-link-variant', color: 'info' },
  Pulling: { label: 'Pulling image', icon: 'mdi-download', color: 'info' },
  Starting: { label: 'Starting', icon: 'mdi-progress-upload', color: 'info' },
  Running: { label: 'Ready', icon: 'mdi-check-circle', color: 'success' },
  BackOff: { label: 'Back-off', icon: 'mdi-restart-alert', color: 'error' },
  Failed: { label: 'Failed', icon: 'mdi-close-circle', color: 'error' },
  Terminating: { label: 'Terminating', icon: 'mdi-progress-close', color: 'state-off' },
};

export function phaseStyle(phase: ReplicaPhase): PhaseStyle {
  return phases[phase];
}

const rollouts: Readonly<Record<RolloutView['state'], PhaseStyle>> = {
  Progressing: { label: 'Rolling out', icon: 'mdi-sync', color: 'info' },
  Complete: { label: 'Rolled out', icon: 'mdi-check', color: 'success' },
  Stalled: { label: 'Stalled', icon: 'mdi-alert', color: 'error' },
};

export function rolloutStyle(state: RolloutView['state']): PhaseStyle {
  return rollouts[state];
}

