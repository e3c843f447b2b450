// Disk images and memory-state files per host pool: creation, differencing chains, reference-counted removal, growth.
import { AppError } from '../../shared/errors.ts';
import type { DiskAllocation, DiskImage, StoragePool } from '../../shared/domain/storage.ts';
import { grownAllocation, unionMiB } from './diskMath.ts';

export interface ImageRec {
  readonly id: string;
  hostId: string;
  readonly kind: 'base' | 'differencing';
  readonly allocation: DiskAllocation;
  parentId: string | undefined;
  capacityMiB: number;
  /** Fractional while thin growth accumulates; shown rounded. */
  allocatedMiB: number;
  ownerMachineId: string | undefined;
  snapshotId: string | undefined;
  children: number;
  /** Set when its machine was removed but its files kept ("Remove only"): it stays until removed in the Media Manager. */
  formerOwnerName?: string | undefined;
  /** Allocation below which compacting reclaims nothing (DiskImage.compactFloorMiB). */
  compactFloorMiB?: number | undefined;
}

export interface PoolDef {
  readonly hostId: string;
  readonly name: string;
  readonly capacityMiB: number;
}

export interface MemoryState {
  readonly machineId: string;
  readonly hostId: string;
  readonly sizeMiB: number;
  /** The memory of a Saved machine (kept under savedStateKey), not a snapshot's. */
  readonly savedState?: boolean;
}

/** Where a Saved machine's memory file is kept among the memory states (snapshot ids are never shaped like this). */
export const savedStateKey = (machineId: string): string => `saved-state:${machineId}`;

/** "12.5 GiB": pools are shown in GiB with one decimal. */
export function formatGiB(mib: number): string {
  const value = Math.max(0, mib) / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} GiB`;
}

export class DiskStore {
  readonly images = new Map<string, ImageRec>();
  readonly memoryStates = new Map<string, MemoryState>();
  private readonly pools = new Map<string, PoolDef>();
  private nextId = 1;

  constructor(pools: readonly PoolDef[]) {
    for (const pool of pools) this.pools.set(pool.hostId, pool);
  }

  /** An independent copy (images, memory states, pools, id counter): dry runs measure what an operation would free. */
  copy(): DiskStore {
    const twin = new DiskStore([...this.pools.values()]);
    for (const [id, image] of this.images) twin.images.set(id, { ...image });
    for (const [id, state] of this.memoryStates) twin.memoryStates.set(id, { ...state });
    twin.nextId = this.nextId;
    return twin;
  }

  /** Used space of every pool, rounded as listPools shows it. */
  shownUsedMiB(): number {
    let sum = 0;
    for (const pool of this.pools.values()) sum += Math.round(this.usedMiB(pool.hostId));
    return sum;
  }

  /** Image ids are a counter, so the same commands give the same ids. */
  newId(): string {
    return `disk-${this.nextId++}`;
  }

  /** After restoring images with ids from records, new ids continue past the highest one. */
  noteId(id: string): void {
    const match = /^disk-(\d+)$/.exec(id);
    if (match) this.nextId = Math.max(this.nextId, Number(match[1]) + 1);
  }

  pool(hostId: string): PoolDef {
    const pool = this.pools.get(hostId);
    if (!pool) throw new AppError('NOT_FOUND', `Host "${hostId}" has no storage pool`, 'hostId');
    return pool;
  }

  usedMiB(hostId: string): number {
    let used = 0;
    for (const image of this.images.values()) if (image.hostId === hostId) used += image.allocatedMiB;
    for (const state of this.memoryStates.values()) if (state.hostId === hostId) used += state.sizeMiB;
    return used;
  }

  freeMiB(hostId: string): number {
    return this.pool(hostId).capacityMiB - this.usedMiB(hostId);
  }

  /** Refuses, naming the pool and its free space, when `needMiB` more does not fit. */
  requireSpace(hostId: string, needMiB: number, what: string, field?: string): void {
    const free = this.freeMiB(hostId);
    if (needMiB <= free + 1e-9) return;
    const pool = this.pool(hostId);
    throw new AppError('INSUFFICIENT_RESOURCES', `Storage pool "${pool.name}" has ${formatGiB(free)} free; ${what} needs ${formatGiB(needMiB)}`, field);
  }

  require(id: string): ImageRec {
    const image = this.images.get(id);
    if (!image) throw new AppError('NOT_FOUND', `There is no disk image "${id}"`, 'diskImageId');
    return image;
  }

  createBase(owner: string, hostId: string, allocation: DiskAllocation, capacityMiB: number, allocatedMiB: number, id = this.newId()): ImageRec {
    const allocated = allocation === 'fixed' ? capacityMiB : allocatedMiB;
    const image: ImageRec = { id, hostId, kind: 'base', allocation, parentId: undefined, capacityMiB, allocatedMiB: allocated, ownerMachineId: owner, snapshotId: undefined, children: 0 };
    if (allocation === 'dynamic') image.compactFloorMiB = allocated;
    this.images.set(id, image);
    return image;
  }

  /** A new, empty differencing image over `parentId`; writes go to it from now on. */
  createDiff(owner: string, parentId: string, allocatedMiB = 0, id = this.newId()): ImageRec {
    const parent = this.require(parentId);
    parent.children += 1;
    const image: ImageRec = { id, hostId: parent.hostId, kind: 'differencing', allocation: 'dynamic', parentId, capacityMiB: parent.capacityMiB, allocatedMiB, ownerMachineId: owner, snapshotId: undefined, children: 0 };
    this.images.set(id, image);
    return image;
  }

  /** Base first, `leafId` last. */
  chain(leafId: string): ImageRec[] {
    const chain: ImageRec[] = [];
    let image: ImageRec | undefined = this.require(leafId);
    while (image) {
      chain.unshift(image);
      image = image.parentId === undefined ? undefined : this.images.get(image.parentId);
    }
    return chain;
  }

  /** Space a single image holding everything `leafId` shows would take (a full clone's base). */
  flattenedMiB(leafId: string): number {
    const chain = this.chain(leafId);
    const capacity = chain[chain.length - 1]!.capacityMiB;
    if (chain[0]!.allocation === 'fixed') return capacity;
    return chain.reduce((held, image) => unionMiB(held, image.allocatedMiB, capacity), 0);
  }

  /** Removes one image with no children and frees its space. */
  remove(id: string): number {
    const image = this.require(id);
    if (image.children > 0) throw new AppError('INVALID_STATE', `Disk image "${id}" still has ${image.children} differencing images on it`, 'diskImageId');
    this.images.delete(id);
    if (image.parentId !== undefined) {
      const parent = this.images.get(image.parentId);
      if (parent) parent.children -= 1;
    }
    return image.allocatedMiB;
  }

  /** Removes `id`, then every parent left without children and without an owner (a shared base nobody needs any more). */
  removeCascade(id: string): number {
    let freed = 0;
    let next: string | undefined = id;
    while (next !== undefined) {
      const image: ImageRec = this.require(next);
      const parentId = image.parentId;
      freed += this.remove(next);
      const parent = parentId === undefined ? undefined : this.images.get(parentId);
      // A parent nobody owns goes with its last child, unless its files were kept on purpose (Remove only).
      next = parent && parent.children === 0 && parent.ownerMachineId === undefined && parent.formerOwnerName === undefined ? parent.id : undefined;
    }
    return freed;
  }

  /**
   * Frees what a deleted machine owned: images nothing builds on go (newest first), images a linked clone still reads
   * lose their owner and stay until their last child goes. Returns the MiB freed.
   */
  releaseMachine(machineId: string): number {
    let freed = 0;
    for (const [snapshotId, state] of [...this.memoryStates]) {
      if (state.machineId !== machineId) continue;
      freed += state.sizeMiB;
      this.memoryStates.delete(snapshotId);
    }
    const owned = [...this.images.values()].filter((image) => image.ownerMachineId === machineId);
    for (const image of owned) image.ownerMachineId = undefined;
    for (const image of owned) if (this.images.has(image.id) && image.children === 0) freed += this.removeCascade(image.id);
    return freed;
  }

  /** The image now lives in `hostId`'s pool (its machine moved there; space was checked). */
  moveImage(id: string, hostId: string): void {
    this.require(id).hostId = hostId;
  }

  /** Every memory state of `machineId` now lives in `hostId`'s pool. */
  moveMemoryStates(machineId: string, hostId: string): void {
    for (const [snapshotId, state] of this.memoryStates) if (state.machineId === machineId) this.memoryStates.set(snapshotId, { ...state, hostId });
  }

  /** Grows the image being written by `writtenMiB` of writes, as far as its pool has room. Returns false when the pool is full. */
  write(id: string, writtenMiB: number): boolean {
    const image = this.require(id);
    if (image.allocation === 'fixed') return true;
    const wanted = grownAllocation(image.allocatedMiB, image.capacityMiB, writtenMiB) - image.allocatedMiB;
    const room = Math.max(0, this.freeMiB(image.hostId));
    image.allocatedMiB += Math.min(wanted, room);
    return wanted <= room;
  }

  /** Machines that read `id` through their chain, given each machine's current image. */
  usersOf(id: string, currentImages: ReadonlyMap<string, string>): string[] {
    const users: string[] = [];
    for (const [machineId, leaf] of currentImages) if (this.chain(leaf).some((image) => image.id === id)) users.push(machineId);
    return users;
  }

  toImage(image: ImageRec, currentImages: ReadonlyMap<string, string>): DiskImage {
    const out: DiskImage = {
      id: image.id,
      hostId: image.hostId,
      kind: image.kind,
      allocation: image.allocation,
      capacityMiB: image.capacityMiB,
      allocatedMiB: Math.round(image.allocatedMiB),
      children: image.children,
      usedBy: this.usersOf(image.id, currentImages),
    };
    if (image.parentId !== undefined) out.parentId = image.parentId;
    if (image.ownerMachineId !== undefined) out.ownerMachineId = image.ownerMachineId;
    if (image.snapshotId !== undefined) out.snapshotId = image.snapshotId;
    if (image.formerOwnerName !== undefined) out.formerOwnerName = image.formerOwnerName;
    if (image.compactFloorMiB !== undefined) out.compactFloorMiB = Math.round(image.compactFloorMiB);
    return out;
  }

  listPools(currentImages: ReadonlyMap<string, string>): StoragePool[] {
    return [...this.pools.values()].map((pool) => {
      const used = Math.round(this.usedMiB(pool.hostId));
      return {
        hostId: pool.hostId,
        name: pool.name,
        capacityMiB: pool.capacityMiB,
        usedMiB: used,
        freeMiB: pool.capacityMiB - used,
        images: [...this.images.values()].filter((image) => image.hostId === pool.hostId).map((image) => this.toImage(image, currentImages)),
        memoryStates: [...this.memoryStates].filter(([, s]) => s.hostId === pool.hostId && !s.savedState).map(([snapshotId, s]) => ({ snapshotId, machineId: s.machineId, sizeMiB: s.sizeMiB })),
        savedStates: [...this.memoryStates.values()].filter((s) => s.hostId === pool.hostId && s.savedState).map((s) => ({ machineId: s.machineId, sizeMiB: s.sizeMiB })),
      };
    });
  }
}
