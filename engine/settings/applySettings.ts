// The settings command: every changed field is checked against the rules and the engine's limits, then all apply together.
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { settingsPatchSchema, SettingsField } from '../../shared/domain/machineConfig.ts';
import type { GuestPatch } from '../sim/world.ts';
import { contractField } from '../fitView.ts';
import { checkHostDrive } from '../network/conflicts.ts';
import { buildNics } from '../network/nicBuilder.ts';
import type { NicState } from '../machineConfigStore.ts';
import { macPrefixOf } from '../opsContext.ts';
import type { OpsContext } from '../opsContext.ts';
import { gib } from '../storage/diskMath.ts';
import { fieldRule } from './settingsRules.ts';

export type ParsedSettingsPatch = z.output<typeof settingsPatchSchema>;

export interface SettingsHooks {
  /** Id of another machine already using this name (case-insensitive), if any. */
  readonly nameHolder: (name: string) => string | undefined;
}

/** Fields whose requested value differs from the machine's: unchanged ones are not checked, so a dialog may send them all. */
function changedFields(ctx: OpsContext, machineId: string, patch: ParsedSettingsPatch): SettingsField[] {
  const guest = ctx.guest(machineId);
  const config = ctx.configs.require(machineId);
  const changed: SettingsField[] = [];
  if (patch.name !== undefined && patch.name.trim() !== guest.name) changed.push('name');
  if (patch.osType !== undefined && patch.osType !== guest.os) changed.push('osType');
  if (patch.vcpus !== undefined && patch.vcpus !== guest.vcpus) changed.push('vcpus');
  if (patch.memoryMiB !== undefined && patch.memoryMiB !== guest.memoryMiB) changed.push('memoryMiB');
  if (patch.diskGiB !== undefined && patch.diskGiB !== guest.diskGiB) changed.push('diskGiB');
  if (patch.nics !== undefined) changed.push('nics');
  if (patch.optical !== undefined && JSON.stringify(patch.optical) !== JSON.stringify(config.optical)) changed.push('optical');
  if (patch.workload !== undefined && patch.workload !== guest.workload) changed.push('workload');
  return changed;
}

/** Checks the patch and returns the commit; throws (changing nothing) on the first refused field. */
export function planSettings(ctx: OpsContext, machineId: string, patch: ParsedSettingsPatch, hooks: SettingsHooks): () => SettingsField[] {
  const guest = ctx.guest(machineId);
  const config = ctx.configs.require(machineId);
  const name = guest.name;
  const changed = changedFields(ctx, machineId, patch);
  for (const field of changed) {
    const rule = fieldRule(ctx, machineId, field);
    if (!rule.editable) throw new AppError('INVALID_STATE', rule.reason ?? `"${name}" cannot change ${field} now`, field);
  }
  const has = (field: SettingsField) => changed.includes(field);
  const newName = patch.name?.trim();
  if (has('name') && newName !== undefined) {
    const holder = hooks.nameHolder(newName);
    if (holder !== undefined && holder !== machineId) throw new AppError('CONFLICT', `A machine named "${newName}" already exists`, 'name');
  }
  const guestPatch: { -readonly [K in keyof GuestPatch]: GuestPatch[K] } = {};
  if (has('osType')) guestPatch.os = patch.osType;
  if (has('vcpus')) guestPatch.vcpus = patch.vcpus;
  if (has('memoryMiB')) guestPatch.memoryMiB = patch.memoryMiB;
  if (has('diskGiB')) {
    const want = patch.diskGiB!;
    if (want < guest.diskGiB) throw new AppError('VALIDATION', `Disk size can only grow: "${name}" has ${guest.diskGiB} GiB`, 'diskGiB');
    const current = ctx.configs.disks.require(config.currentImageId);
    if (current.allocation === 'fixed') ctx.configs.disks.requireSpace(config.hostId, gib(want) - current.capacityMiB, `growing the fixed disk of "${name}" to ${want} GiB`, 'diskGiB');
    guestPatch.diskGiB = want;
  }
  const live = ctx.stateOf(machineId) !== 'PoweredOff';
  const reconfigures = !live && Object.keys(guestPatch).length > 0;
  if (reconfigures) {
    // The engine's own rules for the changed guest (its current resources do not count against it).
    const verdict = ctx.world.checkReconfigure(machineId, guestPatch);
    const refused = verdict.reasons.find((r) => r.severity === 'refused' && r.field !== 'name');
    if (refused) throw new AppError(refused.code, refused.message, contractField(refused.field));
  }
  const hot = live && (has('vcpus') || has('memoryMiB')) ? planLiveResources(ctx, machineId, patch) : undefined;
  let nics: NicState[] | undefined;
  if (patch.nics !== undefined) {
    nics = buildNics({ configs: ctx.configs, machineId, seed: ctx.seed, nameOf: ctx.nameOf, previous: config.nics, hostId: config.hostId, macPrefix: macPrefixOf(ctx, machineId) }, patch.nics);
  }
  if (has('optical') && live) checkHostDrive(ctx, machineId, patch.optical!.kind === 'host');

  return () => {
    // Live moves run first: they are the only step that could still refuse, before anything else changed.
    hot?.();
    if (reconfigures) ctx.world.reconfigure(machineId, guestPatch);
    if (has('name')) ctx.world.rename(machineId, newName!);
    if (guestPatch.diskGiB !== undefined) {
      const current = ctx.configs.disks.require(config.currentImageId);
      current.capacityMiB = gib(guestPatch.diskGiB);
      if (current.allocation === 'fixed') current.allocatedMiB = current.capacityMiB;
    }
    if (nics) {
      ctx.configs.releaseLeases(config);
      config.nics = nics;
      ctx.configs.leaseAll(config);
    }
    if (has('optical')) {
      config.optical = patch.optical!;
      // An image the library does not know yet (typed in a command, carried by an import) becomes one of its media.
      if (config.optical.kind === 'iso') ctx.configs.isos.ensure(config.optical.image);
    }
    if (has('workload')) ctx.world.setWorkload(machineId, patch.workload!, ctx.guest(machineId).intensity);
    if (changed.length > 0) ctx.log(machineId, 'config', `Settings changed: ${changed.join(', ')}`);
    return changed;
  };
}

/** Live vCPU/memory change of a running partition: moved from `donorId`, or taken from free dedicated capacity. */
function planLiveResources(ctx: OpsContext, machineId: string, patch: ParsedSettingsPatch): () => void {
  const guest = ctx.guest(machineId);
  const name = guest.name;
  const vcpus = patch.vcpus ?? guest.vcpus;
  const memoryMiB = patch.memoryMiB ?? guest.memoryMiB;
  if (patch.donorId === undefined) {
    ctx.world.checkHotPlug(machineId, vcpus, memoryMiB);
    return () => ctx.world.hotPlug(machineId, vcpus, memoryMiB);
  }
  const donor = ctx.guest(patch.donorId);
  if (donor.platformId !== guest.platformId) throw new AppError('VALIDATION', `"${donor.name}" is not a partition of the same type 0 platform as "${name}"`, 'donorId');
  const cores = vcpus - guest.vcpus;
  const mib = memoryMiB - guest.memoryMiB;
  if (cores < 0 || mib < 0) throw new AppError('VALIDATION', `With a donor, "${name}" can only receive vCPUs and memory; give them back by editing "${donor.name}"`, 'donorId');
  if (cores > 0 && donor.vcpus - cores < 1) throw new AppError('VALIDATION', `"${donor.name}" has ${donor.vcpus} cores and must keep at least 1`, 'vcpus');
  if (mib > 0 && donor.memoryMiB - mib < 64) throw new AppError('VALIDATION', `"${donor.name}" has ${donor.memoryMiB} MiB and must keep at least 64`, 'memoryMiB');
  return () => {
    if (cores > 0) ctx.world.moveCpu(donor.id, machineId, cores);
    if (mib > 0) {
      try {
        ctx.world.moveMemory(donor.id, machineId, mib);
      } catch (error) {
        if (cores > 0) ctx.world.moveCpu(machineId, donor.id, cores);
        throw error;
      }
    }
  };
}
