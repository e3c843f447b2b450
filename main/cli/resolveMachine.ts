// Finds the machine an argument means: its id, or its name compared case-insensitively; none or several is an error.
import type { AppApi } from '../../shared/api/methods.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import type { Snapshot } from '../../shared/domain/snapshot.ts';
import { AppError } from '../../shared/errors.ts';

const shown = (text: string): string => `"${text.slice(0, 80)}"`;

export function findMachine(machines: readonly Machine[], ref: string): Machine {
  const key = machineNameKey(ref);
  const matches = machines.filter((machine) => machine.id === ref.trim() || machineNameKey(machine.name) === key);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new AppError('NOT_FOUND', `no machine is named or has the id ${shown(ref)}. Run "virtlab list" to see the machines`);
  const ids = matches.map((machine) => `${machine.name} {${machine.id}}`).join(', ');
  throw new AppError('CONFLICT', `${shown(ref)} matches ${matches.length} machines (${ids}); give the id instead`);
}

export async function resolveMachine(api: AppApi, ref: string): Promise<Machine> {
  return findMachine(await api.listMachines({}), ref);
}

/** A snapshot of `machine` by id or name (case-insensitive); the same rules as for machines. */
export function findSnapshot(machine: Machine, snapshots: readonly Snapshot[], ref: string): Snapshot {
  const key = machineNameKey(ref);
  const byId = snapshots.filter((snapshot) => snapshot.id === ref.trim());
  const matches = byId.length > 0 ? byId : snapshots.filter((snapshot) => machineNameKey(snapshot.name) === key);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    const names = snapshots.length === 0 ? 'it has no snapshots' : `its snapshots are ${snapshots.map((s) => shown(s.name)).join(', ')}`;
    throw new AppError('NOT_FOUND', `${shown(machine.name)} has no snapshot named or with the id ${shown(ref)} (${names})`);
  }
  const ids = matches.map((snapshot) => `{${snapshot.id}}`).join(', ');
  throw new AppError('CONFLICT', `${shown(machine.name)} has ${matches.length} snapshots named ${shown(ref)} (${ids}); give the id instead`);
}
