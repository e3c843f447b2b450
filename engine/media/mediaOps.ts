// Media Manager commands: register and remove ISO images, release them from drives, remove orphaned disks, compact disks.
import { AppError } from '../../shared/errors.ts';
import type { AddIsoSpec } from '../../shared/domain/media.ts';
import type { OpsContext } from '../opsContext.ts';
import { compact } from '../storage/compaction.ts';
import { isPoweredDown } from '../../shared/domain/machineState.ts';
import { compactBlocker, listDisks } from './mediaList.ts';

export function addIsoImage(ctx: OpsContext, spec: AddIsoSpec): void {
  ctx.configs.isos.add({ name: spec.name.trim(), sizeMiB: spec.sizeMiB });
}

/** Machines with the ISO image in their drive. */
function isoUsers(ctx: OpsContext, isoId: string): string[] {
  return [...ctx.configs.configs.values()].filter((c) => c.optical.kind === 'iso' && ctx.configs.isos.byName(c.optical.image)?.id === isoId).map((c) => c.machineId);
}

/** Ejects the image from every machine that has it (the drive changes live, as it does in Settings). Returns those machines. */
export function releaseMedium(ctx: OpsContext, mediumId: string): string[] {
  const iso = ctx.configs.isos.get(mediumId);
  if (!iso) {
    if (ctx.configs.disks.images.has(mediumId)) throw new AppError('INVALID_STATE', 'A virtual disk is its machine\'s only disk and cannot be detached; remove the machine with "Remove only" to keep the file', 'mediumId');
    throw new AppError('NOT_FOUND', `There is no medium "${mediumId}"`, 'mediumId');
  }
  const users = isoUsers(ctx, iso.id);
  for (const id of users) {
    ctx.configs.require(id).optical = { kind: 'empty' };
    ctx.log(id, 'config', `ISO image "${iso.name}" released: the optical drive is empty`);
  }
  return users;
}

/** An ISO image not in any drive, or an orphaned disk image with its orphaned descendants. Returns the MiB freed in pools. */
export function removeMedium(ctx: OpsContext, mediumId: string): number {
  const iso = ctx.configs.isos.get(mediumId);
  if (iso) {
    const users = isoUsers(ctx, iso.id);
    if (users.length > 0) throw new AppError('INVALID_STATE', `"${iso.name}" is in the optical drive of ${users.map((id) => `"${ctx.nameOf(id)}"`).join(', ')}; release it first`, 'mediumId');
    ctx.configs.isos.remove(iso.id);
    return 0;
  }
  const disks = ctx.configs.disks;
  disks.require(mediumId);
  const listed = new Map(listDisks(ctx).map((disk) => [disk.id, disk]));
  const subtree = [mediumId];
  for (let i = 0; i < subtree.length; i++) for (const image of disks.images.values()) if (image.parentId === subtree[i]) subtree.push(image.id);
  const busy = subtree.map((id) => listed.get(id)!).find((disk) => disk.removeRefusal !== undefined);
  if (busy) throw new AppError('INVALID_STATE', busy.id === mediumId ? busy.removeRefusal! : `${busy.fileName}, built on it, is ${busy.removeRefusal!.charAt(0).toLowerCase()}${busy.removeRefusal!.slice(1)}`, 'mediumId');
  const before = disks.shownUsedMiB();
  for (const id of [...subtree].reverse()) disks.remove(id);
  return Math.max(0, before - disks.shownUsedMiB());
}

/** Compacts a dynamically allocated image no running machine uses. Returns the MiB freed (as the pool shows it). */
export function compactDisk(ctx: OpsContext, diskId: string): number {
  const disks = ctx.configs.disks;
  const image = disks.require(diskId);
  const running = ctx.machineIds().filter((id) => ctx.configs.configs.has(id) && ctx.configs.imagesOf(id).has(diskId) && !isPoweredDown(ctx.stateOf(id)));
  const blocked = compactBlocker(ctx, image, running);
  if (blocked !== undefined) throw new AppError('INVALID_STATE', blocked, 'diskId');
  const before = disks.shownUsedMiB();
  compact(image);
  return Math.max(0, before - disks.shownUsedMiB());
}
