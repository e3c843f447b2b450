// Clones: full (copies the chosen states' data) or linked (a differencing disk over a snapshot), with MAC and IP policies.
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { cloneOptionsSchema, MachineOrigin } from '../../shared/domain/machineConfig.ts';
import type { MachineConfigState, NicState, SnapshotNode } from '../machineConfigStore.ts';
import { requireFreeStaticIp } from '../network/addressRules.ts';
import { freshMac } from '../network/nicBuilder.ts';
import { macPrefixOf } from '../opsContext.ts';
import type { OpsContext } from '../opsContext.ts';
import { assertSnapshotIdFree, planTake, requireSnapshot } from '../snapshots/snapshotOps.ts';
import type { SavedSettings } from '../snapshots/snapshotOps.ts';
import { formatGiB } from '../storage/diskStore.ts';

export type ParsedCloneOptions = z.output<typeof cloneOptionsSchema>;

export interface CloneHooks {
  readonly nameHolder: (name: string) => string | undefined;
  /** Creates the clone's simulated guest (refusing changes nothing); runs first in the commit. */
  readonly createGuest: (settings: SavedSettings) => void;
  readonly currentSettings: () => SavedSettings;
}

/** Snapshot id of a copied snapshot in the clone: deterministic from the original and the clone. */
/** A copy of a copy keeps only the original id before its clone suffix, so ids stay short (under 100 characters) across generations. */
export const copiedSnapshotId = (snapshotId: string, cloneId: string): string => `${snapshotId.split('@')[0]!}@${cloneId}`;

/** The auto-created snapshot a linked clone of the current state hangs from. */
export const linkedBaseId = (cloneId: string): string => `linked-base-${cloneId}`;

function subtree(config: MachineConfigState, root: SnapshotNode): SnapshotNode[] {
  const inside = new Set([root.id]);
  // Snapshots are kept in the order taken, so a parent always comes before its children.
  return [...config.snapshots.values()].filter((node) => {
    if (node.id === root.id) return true;
    if (node.parentId !== undefined && inside.has(node.parentId)) inside.add(node.id);
    return inside.has(node.id);
  });
}

/** Adapters of the clone under the MAC policy, with the requested address on the first one. */
function cloneNics(ctx: OpsContext, source: MachineConfigState, cloneId: string, options: ParsedCloneOptions): NicState[] {
  const chosen = new Set<string>();
  // The clone runs on its source's platform, so its new MACs get the same kind's prefix.
  const macPrefix = macPrefixOf(ctx, source.machineId);
  const nics = source.nics.map((nic, i) => {
    const keep = options.macPolicy === 'keepAll' || (options.macPolicy === 'keepNat' && nic.attachment === 'nat');
    const mac = keep ? nic.mac : freshMac({ configs: ctx.configs, machineId: cloneId, seed: ctx.seed, macPrefix }, i, chosen);
    chosen.add(mac);
    return { ...nic, mac };
  });
  const first = nics[0];
  if (first && options.ip) {
    // The same rule as everywhere a static address is entered: no other machine (running or not) may hold it.
    const staticIp = options.ip.mode === 'static' ? requireFreeStaticIp(ctx.configs, first.networkId, options.ip.address, 'ip.address', ctx.nameOf) : undefined;
    nics[0] = { ...first, ipMode: options.ip.mode, staticIp };
  }
  return nics;
}

/** Checks the clone can be made and returns the commit; the source is read, never changed (except a linked base snapshot). */
export function planClone(ctx: OpsContext, sourceId: string, cloneId: string, options: ParsedCloneOptions, hooks: CloneHooks): () => void {
  const lib = ctx.configs;
  const disks = lib.disks;
  const source = lib.require(sourceId);
  const sourceName = ctx.nameOf(sourceId);
  const state = ctx.stateOf(sourceId);
  if (state === 'Starting' || state === 'Stopping') throw new AppError('INVALID_STATE', `Wait for "${sourceName}" to finish ${state === 'Starting' ? 'starting' : 'stopping'} before cloning it`, 'state');
  const name = options.name.trim();
  if (hooks.nameHolder(name) !== undefined) throw new AppError('CONFLICT', `A machine named "${name}" already exists`, 'name');
  const from = options.snapshotId === undefined ? undefined : requireSnapshot(ctx, source, options.snapshotId);
  const settings = from ? from.settings : hooks.currentSettings();
  const nics = cloneNics(ctx, source, cloneId, options);
  const origin: MachineOrigin = { machineId: sourceId, mode: options.mode, machineName: sourceName };

  if (options.mode === 'linked') {
    if (options.states !== 'currentState') throw new AppError('VALIDATION', 'A linked clone is made from one state; choose "Current state" (or make a full clone to copy snapshots)', 'states');
    const baseId = from?.id ?? linkedBaseId(cloneId);
    const take = from ? undefined : planTake(ctx, sourceId, { snapshotId: baseId, name: options.linkedBaseName ?? `Linked Base for ${sourceName} and ${name}`, description: '', withMemory: false }, hooks.currentSettings());
    if (!from) assertSnapshotIdFree(ctx, baseId);
    origin.snapshotId = baseId;
    origin.snapshotName = from?.name ?? options.linkedBaseName ?? `Linked Base for ${sourceName} and ${name}`;
    return () => {
      hooks.createGuest(settings);
      const base = take ? take() : from!;
      const leaf = disks.createDiff(cloneId, base.imageId);
      commitConfig(ctx, { machineId: cloneId, hostId: source.hostId, diskAllocation: source.diskAllocation, currentImageId: leaf.id, currentSnapshotId: undefined, snapshots: new Map(), nics, optical: source.optical, origin, disks: source.disks, labels: cloneLabels(source) });
    };
  }

  if (from) {
    origin.snapshotId = from.id;
    origin.snapshotName = from.name;
  }
  const root = options.states === 'everything' ? [...source.snapshots.values()].find((n) => n.parentId === undefined) : options.states === 'currentBranch' ? (from ?? (source.currentSnapshotId === undefined ? undefined : source.snapshots.get(source.currentSnapshotId))) : undefined;
  const copied = root ? subtree(source, root) : [];
  const inBranch = source.currentSnapshotId !== undefined && copied.some((n) => n.id === source.currentSnapshotId) && from === undefined;
  const fixed = source.diskAllocation === 'fixed';
  const flatten = (imageId: string) => (fixed ? disks.require(imageId).capacityMiB : disks.flattenedMiB(imageId));
  const pointImage = from ? from.imageId : source.currentImageId;
  let need = root ? flatten(root.imageId) : flatten(pointImage);
  for (const node of copied) {
    if (node !== root) need += disks.require(node.imageId).allocatedMiB;
    need += node.memoryStateMiB;
  }
  if (inBranch) need += disks.require(source.currentImageId).allocatedMiB;
  disks.requireSpace(source.hostId, need, `a full clone of "${sourceName}" (${formatGiB(need)} of data)`, 'mode');
  for (const node of copied) assertSnapshotIdFree(ctx, copiedSnapshotId(node.id, cloneId));

  return () => {
    hooks.createGuest(settings);
    if (!root) {
      const base = disks.createBase(cloneId, source.hostId, source.diskAllocation, disks.require(pointImage).capacityMiB, need);
      commitConfig(ctx, { machineId: cloneId, hostId: source.hostId, diskAllocation: source.diskAllocation, currentImageId: base.id, currentSnapshotId: undefined, snapshots: new Map(), nics, optical: source.optical, origin, disks: source.disks, labels: cloneLabels(source) });
      return;
    }
    const imageMap = new Map<string, string>();
    const snapshots = new Map<string, SnapshotNode>();
    for (const node of copied) {
      const original = disks.require(node.imageId);
      const copy = node === root ? disks.createBase(cloneId, source.hostId, source.diskAllocation, original.capacityMiB, flatten(node.imageId)) : disks.createDiff(cloneId, imageMap.get(original.parentId!)!, original.allocatedMiB);
      const id = copiedSnapshotId(node.id, cloneId);
      copy.snapshotId = id;
      imageMap.set(original.id, copy.id);
      snapshots.set(id, { ...node, id, parentId: node === root || node.parentId === undefined ? undefined : copiedSnapshotId(node.parentId, cloneId), imageId: copy.id });
      if (node.memoryStateMiB > 0) disks.memoryStates.set(id, { machineId: cloneId, hostId: source.hostId, sizeMiB: node.memoryStateMiB });
    }
    const currentSnapshot = inBranch ? source.snapshots.get(source.currentSnapshotId!)! : (from ?? root);
    const leafParent = imageMap.get(currentSnapshot.imageId)!;
    const leaf = disks.createDiff(cloneId, leafParent, inBranch ? disks.require(source.currentImageId).allocatedMiB : 0);
    commitConfig(ctx, { machineId: cloneId, hostId: source.hostId, diskAllocation: source.diskAllocation, currentImageId: leaf.id, currentSnapshotId: copiedSnapshotId(currentSnapshot.id, cloneId), snapshots, nics, optical: source.optical, origin, disks: source.disks, labels: cloneLabels(source) });
  };
}

/** A clone is filed with its source (group, owner, purpose, tags); an expiry date is a decision about one machine, so it stays behind. */
function cloneLabels(source: MachineConfigState): MachineConfigState['labels'] {
  const { expiresOn: _expiry, ...kept } = source.labels;
  return { ...kept, ...(kept.tags ? { tags: [...kept.tags] } : {}) };
}

function commitConfig(ctx: OpsContext, config: MachineConfigState): void {
  ctx.configs.configs.set(config.machineId, config);
  ctx.configs.leaseAll(config);
  const how = config.origin?.mode === 'linked' ? 'Linked clone' : 'Full clone';
  ctx.log(config.machineId, 'config', `${how} of "${ctx.nameOf(config.origin!.machineId)}"`);
}
