// How each machine state looks: label (from the contract), icon and theme colour, shared by list, details and chips.
import { machineStateLabels } from '../../shared/domain/machineState.ts';
import type { MachineState } from '../../shared/domain/machineState.ts';

export interface StateStyle {
  label: string;
  icon: string;
  color: string;
}

const styles: Readonly<Record<MachineState, Omit<StateStyle, 'label'>>> = {
  PoweredOff: { icon: 'mdi-power-off', color: 'state-off' },
  Starting: { icon: 'mdi-progress-upload', color: 'info' },
  Running: { icon: 'mdi-play-circle', color: 'success' },
  Paused: { icon: 'mdi-pause-circle', color: 'warning' },
  Stopping: { icon: 'mdi-progress-download', color: 'info' },
  Saved: { icon: 'mdi-content-save-move', color: 'secondary' },
};

export function stateStyle(state: MachineState): StateStyle {
  return { label: machineStateLabels[state], ...styles[state] };
}
