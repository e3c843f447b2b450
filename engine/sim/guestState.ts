// A guest's life-cycle state by name: the hot arrays' code, except that a saved guest (powered off there) reads "Saved".
import { machineStates } from '../../shared/domain/machineState.ts';
import type { MachineState } from '../../shared/domain/machineState.ts';
import type { GuestRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

export function guestState(w: WorldState, rec: GuestRec): MachineState {
  return rec.saved ? 'Saved' : machineStates[w.g.state[rec.slot]!]!;
}
