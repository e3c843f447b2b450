// The settings command: every changed field is checked against the rules and the engine's limits, then all apply together.
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { settingsPatchSchema, SettingsField } from '../../shared/domain/machineConfig.ts';
import { findSimOs } from '../sim/catalogue.ts';
import { checkHotPlug, hotPlug, patchedInput, reconfigureGuest } from '../sim/reconfigure.ts';
import type { GuestPatch } from '../sim/reconfigure.ts';
import { contractField } from '../fitView.ts';
import { checkHostDrive, checkIpConflicts } from '../network/conflicts.ts';
import { buildNics } from '../network/nicBuilder.ts';
import type { NicState } from '../machineLibrary.ts';
import type { OpsContext } from '../opsContext.ts';
import { gib } from '../storage/diskMath.ts';
import { fieldRule } from './settingsRules.ts';

export type ParsedSettingsPatch = z.output<typeof settingsPatchSchema>;

export interface SettingsHooks {
  /** Id of another machine already using this name (case-insensitive), if any. */
  readonly nameHolder: (name: string) => string | undefined;
}

/** Type 0 partitions get a paravirtualized (partition-aware) kernel when their OS has one. */
export function paravirtualizedFor(ctx: OpsContext, platformIndex: number, osType: string): boolean | undefined {
  return ctx.world.platforms[platformIndex]!.kind === 'type0' ? (findSimOs(osType)?.paravirtualizable ?? false) : undefined;
}

/** Fields whose requested value differs from the machine's: unchanged ones are not checked, so a dialog may send them all. */
function changedFields(ctx: OpsContext, machineId: string, patch: ParsedSettingsPatch): SettingsField[] {
  const rec = ctx.rec(machineId);
  const config = ctx.library.require(machineId);
  const changed: SettingsField[] = [];
  if (patch.name !== undefined && patch.name.trim() !== rec.spec.name) changed.push('name');
  if (patch.osType !== undefined && patch.osType !== ctx.osTypeOf(machineId)) changed.push('osType');
  if (patch.vcpus !== undefined && patch.vcpus !== rec.spec.vcpus) changed.push('vcpus');
  if (patch.memoryMiB !== undefined && patch.memoryMiB !== rec.spec.memoryMiB) changed.push('memoryMiB');
  if (patch.diskGiB !== undefined && patch.diskGiB !== rec.spec.diskGiB) changed.push('diskGiB');
  if (patch.nics !== undefined) changed.push('nics');
  if (patch.optical !== undefined && JSON.stringify(patch.optical) !== JSON.stringify(config.optical)) changed.push('optical');
  if (patch.workload !== undefined && patch.workload !== rec.spec.workload) changed.push('workload');
  return changed;
}

/** Checks the patch and returns the commit; throws (changing nothing) on the first refused field. */
export function planSettings(ctx: OpsContext, machineId: string, patch: ParsedSettingsPatch, hooks: SettingsHooks): () => SettingsField[] {
  const rec = ctx.rec(machineId);
  const config = ctx.library.require(machineId);
  const name = rec.spec.name;
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
  if (has('name')) guestPatch.name = newName;
  if (has('osType')) {
    guestPatch.os = patch.osType;
    guestPatch.paravirtualized = paravirtualizedFor(ctx, rec.platform, patch.osType!);
  }
  if (has('vcpus')) guestPatch.vcpus = patch.vcpus;
  if (has('memoryMiB')) guestPatch.memoryMiB = patch.memoryMiB;
  if (has('diskGiB')) {
    const want = patch.diskGiB!;
    if (want < rec.spec.diskGiB) throw new AppError('VALIDATION', `Disk size can only grow: "${name}" has ${rec.spec.diskGiB} GiB`, 'diskGiB');
    const host = ctx.world.hosts[rec.host]!.model;
    const committed = ctx.world.guests.filter((g) => g.host === rec.host && !g.hidden).reduce((sum, g) => sum + g.spec.diskGiB, 0);
    if (committed + want - rec.spec.diskGiB > host.storageGiB) {
      throw new AppError('INSUFFICIENT_RESOURCES', `Host "${host.name}" has ${Math.max(0, host.storageGiB - committed)} GiB of storage free; grow the disk by at most that much`, 'diskGiB');
    }
    const current = ctx.library.disks.require(config.currentImageId);
    if (current.allocation === 'fixed') ctx.library.disks.requireSpace(config.hostId, gib(want) - current.capacityMiB, `growing the fixed disk of "${name}" to ${want} GiB`, 'diskGiB');
    guestPatch.diskGiB = want;
  }
  const live = ctx.stateOf(machineId) !== 'PoweredOff';
  if (!live && Object.keys(guestPatch).length > 0) {
    const verdict = ctx.world.fitCheck({ ...patchedInput(rec, guestPatch), id: undefined, name: `${name} (settings)`, diskGiB: 0 });
    const refused = verdict.reasons.find((r) => r.severity === 'refused' && r.field !== 'name' && r.field !== 'diskGiB' && r.field !== 'ports');
    if (refused) throw new AppError(refused.code, refused.message.replace(`"${name} (settings)"`, `"${guestPatch.name ?? name}"`), contractField(refused.field));
  }
  const hot = live && (has('vcpus') || has('memoryMiB')) ? planLiveResources(ctx, machineId, patch) : undefined;
  let nics: NicState[] | undefined;
  if (patch.nics !== undefined) {
    nics = buildNics({ library: ctx.library, machineId, seed: ctx.seed, nameOf: ctx.nameOf, previous: config.nics }, patch.nics);
    checkIpConflicts(ctx, machineId, nics.filter((n) => n.ipMode === 'static'));
  }
  if (has('optical') && live) checkHostDrive(ctx, machineId, patch.optical!.kind === 'host');

  return () => {
    // Live moves run first: they are the only step that could still refuse, before anything else changed.
    hot?.();
    if (!live && Object.keys(guestPatch).length > 0) reconfigureGuest(ctx.world, name, guestPatch);
    const currentName = ctx.nameOf(machineId);
    if (guestPatch.diskGiB !== undefined) {
      const current = ctx.library.disks.require(config.currentImageId);
      current.capacityMiB = gib(guestPatch.diskGiB);
      if (current.allocation === 'fixed') current.allocatedMiB = current.capacityMiB;
    }
    if (nics) {
      ctx.library.releaseLeases(config);
      config.nics = nics;
      ctx.library.leaseAll(config);
    }
    if (has('optical')) config.optical = patch.optical!;
    if (has('workload')) ctx.world.setWorkload(currentName, patch.workload!, ctx.rec(machineId).spec.intensity);
    if (changed.length > 0) ctx.log(machineId, 'config', `Settings changed: ${changed.join(', ')}`);
    return changed;
  };
}

/** Live vCPU/memory change of a running type 0 partition: moved from `donorId`, or taken from free dedicated capacity. */
function planLiveResources(ctx: OpsContext, machineId: string, patch: ParsedSettingsPatch): () => void {
  const rec = ctx.rec(machineId);
  const name = rec.spec.name;
  const vcpus = patch.vcpus ?? rec.spec.vcpus;
  const memoryMiB = patch.memoryMiB ?? rec.spec.memoryMiB;
  if (patch.donorId === undefined) {
    checkHotPlug(ctx.world, name, vcpus, memoryMiB);
    return () => hotPlug(ctx.world, name, vcpus, memoryMiB);
  }
  const donor = ctx.rec(patch.donorId);
  if (donor.platform !== rec.platform) throw new AppError('VALIDATION', `"${donor.spec.name}" is not a partition of the same type 0 platform as "${name}"`, 'donorId');
  const cores = vcpus - rec.spec.vcpus;
  const mib = memoryMiB - rec.spec.memoryMiB;
  if (cores < 0 || mib < 0) throw new AppError('VALIDATION', `With a donor, "${name}" can only receive vCPUs and memory; give them back by editing "${donor.spec.name}"`, 'donorId');
  if (cores > 0 && donor.spec.vcpus - cores < 1) throw new AppError('VALIDATION', `"${donor.spec.name}" has ${donor.spec.vcpus} cores and must keep at least 1`, 'vcpus');
  if (mib > 0 && donor.spec.memoryMiB - mib < 64) throw new AppError('VALIDATION', `"${donor.spec.name}" has ${donor.spec.memoryMiB} MiB and must keep at least 64`, 'memoryMiB');
  return () => {
    if (cores > 0) ctx.world.moveCpu(donor.spec.name, name, cores);
    if (mib > 0) {
      try {
        ctx.world.moveMemory(donor.spec.name, name, mib);
      } catch (error) {
        if (cores > 0) ctx.world.moveCpu(name, donor.spec.name, cores);
        throw error;
      }
    }
  };
}
