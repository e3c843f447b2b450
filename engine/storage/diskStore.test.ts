// Tests for disk block arithmetic and the disk store: growth, merging, pool refusals, reference-counted removal.
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/errors.ts';
import { grownAllocation, installedFootprintMiB, unionMiB } from './diskMath.ts';
import { DiskStore } from './diskStore.ts';

const store = () => new DiskStore([{ hostId: 'h', name: 'Atlas storage', capacityMiB: 10_240 }]);

describe('disk math', () => {
  it('grows thin images by the writes that land on new blocks, never past capacity', () => {
    expect(grownAllocation(0, 1000, 100)).toBe(100);
    expect(grownAllocation(500, 1000, 100)).toBe(550);
    expect(grownAllocation(990, 1000, 1e9)).toBe(1000);
  });

  it('merges a child into its parent minus the blocks it overwrote', () => {
    expect(unionMiB(500, 200, 1000)).toBe(600);
    expect(unionMiB(0, 200, 1000)).toBe(200);
    expect(unionMiB(1000, 200, 1000)).toBe(1000);
  });

  it('starts a thin disk with a quarter of the OS type’s recommended disk', () => {
    expect(installedFootprintMiB('ubuntu64', 25 * 1024)).toBe(6400);
    expect(installedFootprintMiB('windows11', 10 * 1024)).toBe(10 * 1024);
  });
});

describe('DiskStore', () => {
  it('accounts fixed and thin images and refuses what the pool cannot hold, naming it and its free space', () => {
    const disks = store();
    disks.createBase('a', 'h', 'fixed', 4096, 0);
    disks.createBase('b', 'h', 'dynamic', 8192, 1024);
    expect(disks.usedMiB('h')).toBe(5120);
    const error = (() => {
      try {
        disks.requireSpace('h', 6144, 'a fixed 6 GiB disk', 'diskGiB');
      } catch (e) {
        return e as AppError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error.toData()).toEqual({ code: 'INSUFFICIENT_RESOURCES', field: 'diskGiB', message: 'Storage pool "Atlas storage" has 5 GiB free; a fixed 6 GiB disk needs 6 GiB' });
  });

  it('writes into the newest image and flattens a chain as a full clone would copy it', () => {
    const disks = store();
    const base = disks.createBase('a', 'h', 'dynamic', 1000, 500);
    const diff = disks.createDiff('a', base.id);
    disks.write(diff.id, 200);
    expect(diff.allocatedMiB).toBe(200);
    expect(base.allocatedMiB).toBe(500);
    expect(disks.flattenedMiB(diff.id)).toBe(600);
    expect(disks.chain(diff.id).map((i) => i.id)).toEqual([base.id, diff.id]);
  });

  it('stops thin growth at the pool’s free space', () => {
    const disks = new DiskStore([{ hostId: 'h', name: 'small', capacityMiB: 1000 }]);
    const base = disks.createBase('a', 'h', 'dynamic', 100_000, 900);
    expect(disks.write(base.id, 500)).toBe(false);
    expect(disks.usedMiB('h')).toBe(1000);
  });

  it('keeps a parent image while a linked clone reads it, and frees it with the last child', () => {
    const disks = store();
    const base = disks.createBase('src', 'h', 'dynamic', 1000, 500);
    const srcLeaf = disks.createDiff('src', base.id, 100);
    const cloneLeaf = disks.createDiff('clone', base.id, 50);
    expect(base.children).toBe(2);
    expect(disks.releaseMachine('src')).toBe(100);
    expect(disks.images.has(base.id)).toBe(true);
    expect(base.ownerMachineId).toBeUndefined();
    expect(disks.images.has(srcLeaf.id)).toBe(false);
    expect(disks.usedMiB('h')).toBe(550);
    expect(disks.releaseMachine('clone')).toBe(550);
    expect(disks.images.has(cloneLeaf.id)).toBe(false);
    expect(disks.usedMiB('h')).toBe(0);
  });
});
