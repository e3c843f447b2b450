// Re-creates the backend's machine records (powered off, or Saved) and the platforms installed from the app in a fresh world.
import { AppError } from '../shared/errors.ts';
import type { InstalledPlatform } from '../shared/domain/platforms.ts';
import type { MachineRecord, SkippedRecord } from '../shared/engine/protocol.ts';
import type { SimWorld } from './sim/world.ts';
import { guestInputFor, toContractError } from './fitView.ts';
import { platformInput } from './platforms/platformOps.ts';

export interface RestoredMachines {
  readonly restored: MachineRecord[];
  /** Records left out (only when restoring with `skipInvalid`). */
  readonly skipped: SkippedRecord[];
  readonly platforms: InstalledPlatform[];
  /** Installed platforms that could not be restored (their machine is gone, or the rules refuse them now). */
  readonly skippedPlatforms: SkippedRecord[];
}

/** Whatever an installed platform sits on exists yet (the machine it is in, or the platform it runs on). */
function parentExists(world: SimWorld, platform: InstalledPlatform): boolean {
  return 'guest' in platform.on ? world.has(platform.on.guest) : world.hasPlatform(platform.on.platform);
}

/**
 * Records were accepted by the engine once, so capacity is not re-checked (a machine must never vanish because a
 * limit changed); identity must still be unique and platforms must exist, or the model breaks. Installed platforms
 * come back as soon as what they sit on exists, so a machine on a hypervisor inside a partition follows both; the order
 * of records is kept otherwise. Throws on the first bad record with a field like `machines.2.platformId` (the caller
 * then keeps its current world) unless `skipInvalid`, which leaves such records out and lists them, so one
 * hand-edited document cannot keep a whole library from loading.
 */
export function restoreMachines(world: SimWorld, records: readonly MachineRecord[], skipInvalid = false, platforms: readonly InstalledPlatform[] = []): RestoredMachines {
  const out = { restored: [] as MachineRecord[], skipped: [] as SkippedRecord[], platforms: [] as InstalledPlatform[], skippedPlatforms: [] as SkippedRecord[] };
  const macs = new Set<string>();
  let waiting = records.map((record, i) => ({ record, i }));
  let pending = [...platforms];
  const attempt = (record: MachineRecord, i: number) => {
    try {
      restoreOne(world, record, i, macs);
      out.restored.push(record);
    } catch (error) {
      if (!skipInvalid || !(error instanceof AppError)) throw error;
      out.skipped.push({ id: record.id, name: record.name, reason: error.message });
    }
  };
  for (;;) {
    const ready = waiting.filter(({ record }) => world.hasPlatform(record.platformId));
    waiting = waiting.filter(({ record }) => !world.hasPlatform(record.platformId));
    for (const { record, i } of ready) attempt(record, i);
    const installable = pending.filter((platform) => parentExists(world, platform));
    pending = pending.filter((platform) => !parentExists(world, platform));
    for (const platform of installable) {
      try {
        world.addPlatform(platformInput(platform));
        out.platforms.push(platform);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        out.skippedPlatforms.push({ id: platform.id, name: platform.name, reason: error.message });
      }
    }
    if (ready.length === 0 && installable.length === 0) break;
  }
  for (const platform of pending) {
    const on = 'guest' in platform.on ? `machine "${platform.on.guest}"` : `platform "${platform.on.platform}"`;
    out.skippedPlatforms.push({ id: platform.id, name: platform.name, reason: `it was installed on ${on}, which no longer exists` });
  }
  // Records whose platform never appeared fail (or are skipped) with the usual message, in their original order.
  for (const { record, i } of waiting) attempt(record, i);
  return out;
}

function restoreOne(world: SimWorld, record: MachineRecord, i: number, macs: Set<string>): void {
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
  if (record.config === undefined && macs.has(record.nic.mac)) {
    throw new AppError('CONFLICT', `Machine "${record.name}" has the MAC address ${record.nic.mac} of another machine`, `${at}nic.mac`);
  }
  try {
    world.addGuest(guestInputFor(platform.id, record.name, record, record.id, record.createdAtMs), { restoring: true });
    const saved = record.config?.savedState;
    if (saved) world.restoreSaved(record.id, saved.sizeMiB, saved.savedAtMs);
  } catch (error) {
    throw error instanceof AppError ? toContractError(error, at) : error;
  }
  macs.add(record.nic.mac);
}
