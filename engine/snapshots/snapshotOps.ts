// Snapshots: take (freezes the current image under a new differencing disk), restore (new disk over the snapshot), delete (merge).
import { AppError } from '../../shared/errors.ts';
import { machineStateLabels } from '../../shared/domain/machineState.ts';
import type { SnapshotTree } from '../../shared/domain/snapshot.ts';
import type { MachineConfigState, SnapshotNode } from '../machineConfigStore.ts';
import type { OpsContext } from '../opsContext.ts';
import { unionMiB } from '../storage/diskMath.ts';

export interface TakeRequest {
  readonly snapshotId: string;
  readonly name: string;
  readonly description: string;
  readonly withMemory: boolean;
}

/** Settings a snapshot saves: the machine's as they are now. */
export type SavedSettings = SnapshotNode['settings'];

export function assertSnapshotIdFree(ctx: OpsContext, snapshotId: string, field = 'snapshotId'): void {
  for (const config of ctx.configs.configs.values()) {
    if (config.snapshots.has(snapshotId)) throw new AppError('CONFLICT', `A snapshot with id "${snapshotId}" already exists`, field);
  }
}

export function requireSnapshot(ctx: OpsContext, config: MachineConfigState, snapshotId: string): SnapshotNode {
  const node = config.snapshots.get(snapshotId);
  if (!node) throw new AppError('NOT_FOUND', `"${ctx.nameOf(config.machineId)}" has no snapshot with id "${snapshotId}"`, 'snapshotId');
  return node;
}

function assertSettled(ctx: OpsContext, machineId: string, what: string): void {
  const state = ctx.stateOf(machineId);
  if (state === 'Starting' || state === 'Stopping') {
    throw new AppError('INVALID_STATE', `Wait for "${ctx.nameOf(machineId)}" to finish ${state === 'Starting' ? 'starting' : 'stopping'} before ${what}`, 'state');
  }
}

/** Checks a snapshot can be taken and returns the commit; memory state costs the guest's used memory in its pool. */
export function planTake(ctx: OpsContext, machineId: string, request: TakeRequest, settings: SavedSettings): () => SnapshotNode {
  const config = ctx.configs.require(machineId);
  assertSettled(ctx, machineId, 'taking a snapshot');
  assertSnapshotIdFree(ctx, request.snapshotId);
  const state = ctx.stateOf(machineId);
  let memoryStateMiB = 0;
  if (request.withMemory) {
    if (state === 'PoweredOff' || state === 'Saved') {
      throw new AppError('VALIDATION', `"${ctx.nameOf(machineId)}" is ${machineStateLabels[state]}: there is no memory in use to save; take the snapshot without memory state`, 'withMemory');
    }
    memoryStateMiB = Math.max(1, Math.round(ctx.world.usedMemoryMiB(machineId)));
    ctx.configs.disks.requireSpace(config.hostId, memoryStateMiB, `the memory state of "${ctx.nameOf(machineId)}"`, 'withMemory');
  }
  return () => {
    const disks = ctx.configs.disks;
    const frozen = disks.require(config.currentImageId);
    frozen.snapshotId = request.snapshotId;
    const next = disks.createDiff(machineId, frozen.id);
    const node: SnapshotNode = {
      id: request.snapshotId,
      name: request.name,
      description: request.description,
      parentId: config.currentSnapshotId,
      takenAtMs: ctx.world.nowMs,
      withMemory: request.withMemory,
      memoryStateMiB,
      imageId: frozen.id,
      settings,
    };
    config.snapshots.set(node.id, node);
    config.currentSnapshotId = node.id;
    config.currentImageId = next.id;
    if (memoryStateMiB > 0) disks.memoryStates.set(node.id, { machineId, hostId: config.hostId, sizeMiB: memoryStateMiB });
    ctx.log(machineId, 'config', `Snapshot "${node.name}" taken${memoryStateMiB > 0 ? ` with ${memoryStateMiB} MiB of memory state` : ''} (${machineStateLabels[state]})`);
    return node;
  };
}

/**
 * Restoring needs the machine Powered Off (the model has no Saved state to resume a memory snapshot into, so a memory
 * state is kept but the machine comes back powered off). `revert` is the checked settings change back to the snapshot's.
 */
export function planRestore(ctx: OpsContext, machineId: string, snapshotId: string, revert: (settings: SavedSettings) => () => void): () => void {
  const config = ctx.configs.require(machineId);
  const node = requireSnapshot(ctx, config, snapshotId);
  const state = ctx.stateOf(machineId);
  if (state === 'Saved') throw new AppError('INVALID_STATE', `"${ctx.nameOf(machineId)}" is Saved: discard its saved state before restoring snapshot "${node.name}"`, 'state');
  if (state !== 'PoweredOff') {
    throw new AppError('INVALID_STATE', `Power off "${ctx.nameOf(machineId)}" before restoring snapshot "${node.name}"`, 'state');
  }
  const applySettings = revert(node.settings);
  return () => {
    const disks = ctx.configs.disks;
    disks.remove(config.currentImageId);
    const next = disks.createDiff(machineId, node.imageId);
    config.currentImageId = next.id;
    config.currentSnapshotId = node.id;
    applySettings();
    ctx.log(machineId, 'config', `Restored snapshot "${node.name}"`);
  };
}

/** Snapshots directly under `node`, plus the Current State when it hangs there. */
function childrenOf(config: MachineConfigState, node: SnapshotNode): { snapshots: SnapshotNode[]; current: boolean } {
  const snapshots = [...config.snapshots.values()].filter((s) => s.parentId === node.id);
  return { snapshots, current: config.currentSnapshotId === node.id };
}

/**
 * Deleting merges the snapshot's frozen image with its only child image (a child snapshot's, or the Current State's):
 * the blocks the child overwrote are freed. Like VirtualBox, a snapshot with two or more children is refused, and so is
 * one a linked clone is built on.
 */
export function planDelete(ctx: OpsContext, machineId: string, snapshotId: string): () => number {
  const config = ctx.configs.require(machineId);
  const node = requireSnapshot(ctx, config, snapshotId);
  assertSettled(ctx, machineId, 'deleting a snapshot');
  const kids = childrenOf(config, node);
  const count = kids.snapshots.length + (kids.current ? 1 : 0);
  if (count > 1) {
    throw new AppError('INVALID_STATE', `Snapshot "${node.name}" has ${count} children (snapshots or the Current State); delete all but one of them first`, 'snapshotId');
  }
  const disks = ctx.configs.disks;
  const image = disks.require(node.imageId);
  if (image.children > count) {
    const ownImages = new Set([...kids.snapshots.map((s) => s.imageId), ...(kids.current ? [config.currentImageId] : [])]);
    const clones = [...disks.images.values()].filter((i) => i.parentId === image.id && !ownImages.has(i.id)).map((i) => i.ownerMachineId);
    const names = clones.map((id) => (id === undefined ? 'a deleted machine' : `"${ctx.nameOf(id)}"`)).join(', ');
    throw new AppError('INVALID_STATE', `Snapshot "${node.name}" is the base of linked clone ${names}; delete the clone first`, 'snapshotId');
  }
  return () => {
    let freed = disks.memoryStates.get(node.id)?.sizeMiB ?? 0;
    disks.memoryStates.delete(node.id);
    const child = kids.snapshots[0];
    if (count === 0) {
      freed += disks.remove(image.id);
    } else {
      const childImage = disks.require(child ? child.imageId : config.currentImageId);
      const before = image.allocatedMiB + childImage.allocatedMiB;
      image.capacityMiB = childImage.capacityMiB;
      image.allocatedMiB = image.allocation === 'fixed' ? image.capacityMiB : unionMiB(image.allocatedMiB, childImage.allocatedMiB, image.capacityMiB);
      image.snapshotId = child?.id;
      // The merged image takes the child's place: its children now build on the merged one.
      image.children -= 1;
      for (const other of disks.images.values()) {
        if (other.parentId !== childImage.id) continue;
        other.parentId = image.id;
        image.children += 1;
      }
      disks.images.delete(childImage.id);
      freed += before - image.allocatedMiB;
      if (child) {
        child.imageId = image.id;
        child.parentId = node.parentId;
      } else config.currentImageId = image.id;
    }
    if (config.currentSnapshotId === node.id) config.currentSnapshotId = node.parentId;
    config.snapshots.delete(node.id);
    ctx.log(machineId, 'config', `Snapshot "${node.name}" deleted; ${Math.round(freed)} MiB freed`);
    return freed;
  };
}

export function snapshotTree(ctx: OpsContext, machineId: string): SnapshotTree {
  const config = ctx.configs.require(machineId);
  const disks = ctx.configs.disks;
  const nodes = [...config.snapshots.values()];
  const tree: SnapshotTree = {
    machineId,
    snapshots: nodes.map((node) => {
      const out: SnapshotTree['snapshots'][number] = {
        id: node.id,
        name: node.name,
        description: node.description,
        childIds: nodes.filter((n) => n.parentId === node.id).map((n) => n.id),
        takenAtMs: node.takenAtMs,
        withMemory: node.withMemory,
        memoryStateMiB: node.memoryStateMiB,
        diskImageId: node.imageId,
        diskMiB: Math.round(disks.require(node.imageId).allocatedMiB),
        settings: { ...node.settings },
      };
      if (node.parentId !== undefined) out.parentId = node.parentId;
      return out;
    }),
    currentState: { diskImageId: config.currentImageId, diskMiB: Math.round(disks.require(config.currentImageId).allocatedMiB) },
  };
  if (config.currentSnapshotId !== undefined) tree.currentSnapshotId = config.currentSnapshotId;
  return tree;
}
