// A guest's life-cycle state by name: the hot arrays' code, except that a saved guest (powered off there) reads
// "Saved" and a guest powered off by its host's failure reads "Aborted".
import { machineStates } from '../../shared/domain/machineState.ts';
import type { MachineState } from '../../shared/domain/machineState.ts';
import { S_OFF } from './guestArrays.ts';
import type { GuestRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

export function guestState(w: WorldState, rec: GuestRec): MachineState {
  if (rec.saved) return 'Saved';
  const code = w.g.state[rec.slot]!;
  return code === S_OFF && rec.aborted ? 'Aborted' : machineStates[code]!;
}
