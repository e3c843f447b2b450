// What the machine-operation modules (snapshots, clones, settings, storage, networks) need from the engine facade.
import type { MachineState } from '../shared/domain/machineState.ts';
import type { MachineLibrary } from './machineLibrary.ts';
import type { GuestRec } from './sim/worldModel.ts';
import type { SimWorld } from './sim/world.ts';
import type { WorldIndex } from './worldIndex.ts';

export interface OpsContext {
  readonly world: SimWorld;
  readonly index: WorldIndex;
  readonly library: MachineLibrary;
  readonly seed: number;
  rec(machineId: string): GuestRec;
  nameOf(machineId: string): string;
  stateOf(machineId: string): MachineState;
  /** Every machine id, in creation order. */
  machineIds(): string[];
  osTypeOf(machineId: string): string;
  hostNameOf(machineId: string): string;
  /** Adds an event to the simulation's log for the machine. */
  log(machineId: string, kind: 'config' | 'refusal', message: string): void;
}

/** Not Powered Off: a guest that holds its IPs, MACs and the host drive. */
export function isActive(ctx: OpsContext, machineId: string): boolean {
  return ctx.stateOf(machineId) !== 'PoweredOff';
}
