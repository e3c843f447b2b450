// A guest's life-cycle state by name: the hot arrays' code, read as Aborted when its host's failure powered it off.
import { machineStates } from '../../shared/domain/machineState.ts';
import type { MachineState } from '../../shared/domain/machineState.ts';
import { S_OFF } from './guestArrays.ts';
import type { GuestRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

export function guestStateName(w: WorldState, rec: GuestRec): MachineState {
  const code = w.g.state[rec.slot]!;
  return code === S_OFF && rec.aborted ? 'Aborted' : machineStates[code]!;
}
