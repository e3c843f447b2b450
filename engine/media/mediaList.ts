// The Media Manager's lists: every disk image with its role, users and linked clones, ISO images and host drives, with refusals.
import { isPoweredDown } from '../../shared/domain/machineState.ts';
import type { HostDrive, IsoMedium, MediaList, VirtualDisk } from '../../shared/domain/media.ts';
import type { OpsContext } from '../opsContext.ts';
import type { ImageRec } from '../storage/diskStore.ts';
import { compactableMiB } from '../storage/compaction.ts';

const ref = (ctx: OpsContext, machineId: string) => ({ machineId, name: ctx.nameOf(machineId) });
const quoted = (ctx: OpsContext, ids: readonly string[]) => ids.map((id) => `"${ctx.nameOf(id)}"`).join(', ');

/** Which machines read each image (current state or a snapshot), computed once for the whole list. */
function readers(ctx: OpsContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const machineId of ctx.configs.configs.keys()) {
    for (const image of ctx.configs.imagesOf(machineId)) {
      const list = out.get(image) ?? [];
      list.push(machineId);
      out.set(image, list);
    }
  }
  return out;
}

function roleOf(ctx: OpsContext, image: ImageRec, owner: string | undefined): string {
  if (owner === undefined) {
    const former = image.formerOwnerName;
    return former !== undefined ? `Disk of removed machine ${former}` : 'Shared base of a deleted machine, kept for its linked clones';
  }
  const config = ctx.configs.configs.get(owner);
  if (config?.currentImageId === image.id) return `Current state of ${ctx.nameOf(owner)}`;
  const snapshot = image.snapshotId === undefined ? undefined : config?.snapshots.get(image.snapshotId);
  if (snapshot) return `Snapshot “${snapshot.name}” of ${ctx.nameOf(owner)}`;
  return `Disk of ${ctx.nameOf(owner)}`;
}

/** Why the image cannot be compacted at all now (as opposed to having nothing to give back). */
export function compactBlocker(ctx: OpsContext, image: ImageRec, running: readonly string[]): string | undefined {
  if (image.allocation === 'fixed') return 'A fixed-size disk always takes its whole capacity; only dynamically allocated disks can be compacted';
  if (running.length > 0) return `${quoted(ctx, running)} ${running.length === 1 ? 'is' : 'are'} using it; power off to compact it`;
  return undefined;
}

function fileName(ctx: OpsContext, image: ImageRec): string {
  if (image.kind === 'differencing') return `{${image.id}}.vdi`;
  const owner = image.ownerMachineId !== undefined && ctx.configs.configs.has(image.ownerMachineId) ? ctx.nameOf(image.ownerMachineId) : (image.formerOwnerName ?? image.id);
  return `${owner}.vdi`;
}

/** Images built directly on each image, indexed once: scanning every image per image took seconds at 10,000 machines. */
function childrenOf(images: readonly ImageRec[]): Map<string, ImageRec[]> {
  const out = new Map<string, ImageRec[]>();
  for (const image of images) {
    if (image.parentId === undefined) continue;
    const list = out.get(image.parentId);
    if (list) list.push(image);
    else out.set(image.parentId, [image]);
  }
  return out;
}

export function listDisks(ctx: OpsContext): VirtualDisk[] {
  const read = readers(ctx);
  const images = [...ctx.configs.disks.images.values()];
  const children = childrenOf(images);
  return images.map((image) => {
    const users = read.get(image.id) ?? [];
    const owner = image.ownerMachineId !== undefined && ctx.configs.configs.has(image.ownerMachineId) ? image.ownerMachineId : undefined;
    const clones = new Set<string>();
    for (const child of children.get(image.id) ?? []) {
      if (child.ownerMachineId === undefined || child.ownerMachineId === owner) continue;
      clones.add(child.ownerMachineId);
    }
    const running = users.filter((id) => !isPoweredDown(ctx.stateOf(id)));
    const compactable = compactableMiB(image);
    const disk: VirtualDisk = {
      id: image.id,
      hostId: image.hostId,
      fileName: fileName(ctx, image),
      role: roleOf(ctx, image, owner),
      kind: image.kind,
      allocation: image.allocation,
      capacityMiB: image.capacityMiB,
      allocatedMiB: Math.round(image.allocatedMiB),
      attachedTo: users.map((id) => ref(ctx, id)),
      linkedClones: [...clones].filter((id) => ctx.configs.configs.has(id)).map((id) => ref(ctx, id)),
      orphaned: users.length === 0,
      compactableMiB: running.length > 0 ? 0 : compactable,
    };
    if (image.parentId !== undefined) disk.parentId = image.parentId;
    const blocked = compactBlocker(ctx, image, running);
    if (blocked !== undefined) disk.compactRefusal = blocked;
    else if (compactable === 0) disk.compactRefusal = 'Nothing to reclaim: no deleted files since it was created or last compacted';
    if (users.length > 0) disk.removeRefusal = `Attached to ${quoted(ctx, users)}; remove the machine (Remove only keeps this file) to free it`;
    return disk;
  });
}

function listIsos(ctx: OpsContext): IsoMedium[] {
  const configs = [...ctx.configs.configs.values()];
  return ctx.configs.isos.list().map((iso) => {
    const users = configs.filter((c) => c.optical.kind === 'iso' && ctx.configs.isos.byName(c.optical.image)?.id === iso.id).map((c) => c.machineId);
    const medium: IsoMedium = { ...iso, attachedTo: users.map((id) => ({ ...ref(ctx, id), running: !isPoweredDown(ctx.stateOf(id)) })) };
    if (users.length > 0) medium.removeRefusal = `In the optical drive of ${quoted(ctx, users)}; release it first`;
    return medium;
  });
}

function listHostDrives(ctx: OpsContext): HostDrive[] {
  const configs = [...ctx.configs.configs.values()].filter((c) => c.optical.kind === 'host');
  return ctx.world.hostIds().map((hostId) => {
    const on = configs.filter((c) => c.hostId === hostId);
    const holder = on.find((c) => !isPoweredDown(ctx.stateOf(c.machineId)));
    const drive: HostDrive = { hostId, hostName: ctx.world.host(hostId)!.name, configuredOn: on.map((c) => ref(ctx, c.machineId)) };
    if (holder) drive.heldBy = ref(ctx, holder.machineId);
    return drive;
  });
}

export function listMedia(ctx: OpsContext): MediaList {
  return { disks: listDisks(ctx), isoImages: listIsos(ctx), hostDrives: listHostDrives(ctx) };
}
