// Re-creates the backend's machine records (powered off) on their platforms in a fresh world, refusing inconsistent records.
import { AppError } from '../shared/errors.ts';
import { machineNameKey } from '../shared/domain/machine.ts';
import type { MachineRecord, SkippedRecord } from '../shared/engine/protocol.ts';
import type { SimWorld } from './sim/world.ts';
import { guestInputFor, toContractError } from './fitView.ts';
import type { MachineMeta } from './machineView.ts';
import type { WorldIndex } from './worldIndex.ts';

export interface RestoredMachines {
  readonly metas: Map<string, MachineMeta>;
  readonly nameKeys: Map<string, string>;
  readonly macs: Set<string>;
  /** Records left out (only when restoring with `skipInvalid`). */
  readonly skipped: SkippedRecord[];
}

/**
 * Records were accepted by the engine once, so capacity is not re-checked (a machine must never vanish because a
 * limit changed); identity must still be unique and platforms must exist, or the model breaks. Throws on the first
 * bad record with a field like `machines.2.platformId` (the caller then keeps its current world) unless `skipInvalid`,
 * which leaves such records out and lists them, so one hand-edited document cannot keep a whole library from loading.
 */
export function restoreMachines(world: SimWorld, index: WorldIndex, records: readonly MachineRecord[], skipInvalid = false): RestoredMachines {
  const restored: RestoredMachines = { metas: new Map(), nameKeys: new Map(), macs: new Set(), skipped: [] };
  records.forEach((record, i) => {
    if (!skipInvalid) {
      restoreOne(world, index, restored, record, i);
      return;
    }
    try {
      restoreOne(world, index, restored, record, i);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      restored.skipped.push({ id: record.id, name: record.name, reason: error.message });
    }
  });
  return restored;
}

function restoreOne(world: SimWorld, index: WorldIndex, restored: RestoredMachines, record: MachineRecord, i: number): void {
  const at = `machines.${i}.`;
  const platform = index.requirePlatform(record.platformId, `${at}platformId`);
  if (record.hostId !== platform.hostId) {
    throw new AppError('VALIDATION', `Machine "${record.name}" names host "${record.hostId}" but platform "${platform.name}" runs on "${platform.hostId}"`, `${at}hostId`);
  }
  if (restored.metas.has(record.id)) throw new AppError('CONFLICT', `Two machine records share the id "${record.id}"`, `${at}id`);
  const key = machineNameKey(record.name);
  const other = restored.nameKeys.get(key);
  if (other !== undefined) {
    throw new AppError('CONFLICT', `Machines "${restored.metas.get(other)?.id ?? other}" and "${record.name}" have the same name`, `${at}name`);
  }
  // Clones made with a "keep MAC" policy share their source's MAC by design; only config-less (older) records must differ.
  if (record.config === undefined && restored.macs.has(record.nic.mac)) {
    throw new AppError('CONFLICT', `Machine "${record.name}" has the MAC address ${record.nic.mac} of another machine`, `${at}nic.mac`);
  }
  try {
    world.addGuest(guestInputFor(platform, record.name, record, record.id), { restoring: true });
  } catch (error) {
    throw error instanceof AppError ? toContractError(error, at) : error;
  }
  restored.metas.set(record.id, { id: record.id, osType: record.osType, platformId: platform.id, createdAtMs: record.createdAtMs, group: record.group });
  restored.nameKeys.set(key, record.id);
  restored.macs.add(record.nic.mac);
}
