// Re-creates the backend's machine records (powered off) on their platforms in a fresh world, refusing inconsistent records.
import { AppError } from '../shared/errors.ts';
import type { MachineRecord, SkippedRecord } from '../shared/engine/protocol.ts';
import type { SimWorld } from './sim/world.ts';
import { guestInputFor, toContractError } from './fitView.ts';
import type { GuestExtras } from './fitView.ts';

export interface RestoredMachines {
  readonly restored: MachineRecord[];
  /** Records left out (only when restoring with `skipInvalid`). */
  readonly skipped: SkippedRecord[];
}

/**
 * Records were accepted by the engine once, so capacity is not re-checked (a machine must never vanish because a
 * limit changed); identity must still be unique and platforms must exist, or the model breaks. Throws on the first
 * bad record with a field like `machines.2.platformId` (the caller then keeps its current world) unless `skipInvalid`,
 * which leaves such records out and lists them, so one hand-edited document cannot keep a whole library from loading.
 */
export function restoreMachines(world: SimWorld, records: readonly MachineRecord[], skipInvalid = false, extras: (record: MachineRecord) => GuestExtras = () => ({})): RestoredMachines {
  const out: RestoredMachines = { restored: [], skipped: [] };
  const macs = new Set<string>();
  records.forEach((record, i) => {
    try {
      restoreOne(world, record, i, macs, extras(record));
      out.restored.push(record);
    } catch (error) {
      if (!skipInvalid || !(error instanceof AppError)) throw error;
      out.skipped.push({ id: record.id, name: record.name, reason: error.message });
    }
  });
  return out;
}

function restoreOne(world: SimWorld, record: MachineRecord, i: number, macs: Set<string>, extras: GuestExtras): void {
  const at = `machines.${i}.`;
  if (!world.hasPlatform(record.platformId)) {
    const known = world.platformIds().join(', ');
    throw new AppError('NOT_FOUND', `Machine "${record.name}" runs on platform "${record.platformId}", which does not exist; available platforms: ${known}`, `${at}platformId`);
  }
  const platform = world.platform(record.platformId);
  if (record.hostId !== platform.hostId) {
    throw new AppError('VALIDATION', `Machine "${record.name}" names host "${record.hostId}" but platform "${platform.name}" runs on "${platform.hostId}"`, `${at}hostId`);
  }
  if (world.has(record.id)) throw new AppError('CONFLICT', `Two machine records share the id "${record.id}"`, `${at}id`);
  const other = world.idByName(record.name);
  if (other !== undefined) throw new AppError('CONFLICT', `Machines "${other}" and "${record.name}" have the same name`, `${at}name`);
  // Clones made with a "keep MAC" policy share their source's MAC by design; only config-less (older) records must differ.
  if (record.config === undefined && record.nic.mac !== '' && macs.has(record.nic.mac)) {
    throw new AppError('CONFLICT', `Machine "${record.name}" has the MAC address ${record.nic.mac} of another machine`, `${at}nic.mac`);
  }
  try {
    world.addGuest(guestInputFor(platform.id, record.name, record, record.id, record.createdAtMs, extras), { restoring: true });
  } catch (error) {
    throw error instanceof AppError ? toContractError(error, at) : error;
  }
  macs.add(record.nic.mac);
}
