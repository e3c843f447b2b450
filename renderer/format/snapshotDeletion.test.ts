// Tests for the Delete Snapshot wording: a leaf is discarded, a single child takes the merge, several children are refused.
import { describe, expect, it } from 'vitest';
import type { SnapshotTree } from '../../shared/domain/snapshot.ts';
import { describeSnapshotDeletion } from './snapshotDeletion.ts';

const snap = (id: string, parentId: string | undefined, childIds: string[], diskMiB: number, memoryStateMiB = 0) => ({
  id,
  name: id,
  description: '',
  ...(parentId ? { parentId } : {}),
  childIds,
  takenAtMs: 1000,
  withMemory: memoryStateMiB > 0,
  memoryStateMiB,
  diskImageId: `img-${id}`,
  diskMiB,
  settings: { osType: 'debian64', vcpus: 1, memoryMiB: 1024, diskGiB: 20 },
});

// base → mid → leaf, and the Current State restored under mid's sibling "other" of base.
const tree: SnapshotTree = {
  machineId: 'm',
  snapshots: [snap('base', undefined, ['mid', 'other'], 3000), snap('mid', 'base', ['leaf'], 400, 512), snap('leaf', 'mid', [], 200), snap('other', 'base', [], 50)],
  currentSnapshotId: 'other',
  currentState: { diskImageId: 'cur', diskMiB: 10 },
};

describe('describeSnapshotDeletion', () => {
  it('discards a leaf snapshot into its parent state and frees all of it, claiming no merge', () => {
    const d = describeSnapshotDeletion(tree, 'leaf');
    expect(d?.refused).toBe(false);
    expect(d?.message).toBe(
      'Nothing builds on snapshot "leaf" (no child snapshot, and the Current State is elsewhere), so nothing is merged: its differencing disk — the 200 MiB written after snapshot "mid" — is discarded. 200 MiB is freed. Snapshot "mid" and the machine\'s current state do not change.',
    );
  });

  it('merges into the one child snapshot, freeing at most the smaller disk plus the saved memory', () => {
    const d = describeSnapshotDeletion(tree, 'mid');
    expect(d?.refused).toBe(false);
    expect(d?.message).toContain('its differencing disk (400 MiB) is merged into its child snapshot "leaf"');
    expect(d?.message).toContain('Its saved memory (512 MiB) is deleted too.');
    expect(d?.message).toContain('up to 712 MiB is freed');
  });

  it('merges into the Current State when that is the only child', () => {
    const d = describeSnapshotDeletion(tree, 'other');
    expect(d?.message).toContain('is merged into the Current State');
    expect(d?.message).toContain('up to 10 MiB is freed');
  });

  it('says the engine refuses a snapshot with several children, naming them', () => {
    const d = describeSnapshotDeletion(tree, 'base');
    expect(d?.refused).toBe(true);
    expect(d?.message).toContain('2 children build on its disk ("mid", "other")');
    expect(describeSnapshotDeletion(tree, 'gone')).toBeNull();
  });
});

describe('describeSnapshotDeletion with empty disks', () => {
  const empty: SnapshotTree = {
    machineId: 'm',
    snapshots: [snap('base', undefined, ['mid'], 6000), snap('mid', 'base', [], 0)],
    currentState: { diskImageId: 'cur', diskMiB: 0 },
  };

  it('says an empty leaf frees nothing, and a merge with an empty child frees nothing, calling the first snapshot a disk image', () => {
    expect(describeSnapshotDeletion(empty, 'mid')?.message).toContain('its differencing disk is discarded (it is empty: nothing was written after snapshot "base"). No space is freed.');
    const merge = describeSnapshotDeletion(empty, 'base')?.message;
    expect(merge).toContain('its disk image (5.9 GiB) is merged into its child snapshot "mid"');
    expect(merge).toContain('One of the two disks is empty, so no space is freed.');
  });
});
