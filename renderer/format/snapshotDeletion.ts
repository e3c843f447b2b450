// What deleting a snapshot does, in the words the Delete Snapshot dialog shows: discard, merge into its one child, or refused.
import type { SnapshotTree } from '../../shared/domain/snapshot.ts';
import { formatSpace } from './units.ts';

export interface SnapshotDeletion {
  message: string;
  /** True when the engine refuses this deletion (the message says why); the dialog then offers no Delete. */
  refused: boolean;
}

/**
 * Mirrors engine/snapshots/snapshotOps.ts planDelete: a snapshot nothing builds on has its differencing disk removed;
 * one with a single child (a snapshot or the Current State) is merged into it, which frees only the blocks both disks
 * hold (at most the smaller of the two); one with several children is refused. Linked-clone bases are refused by the
 * engine too, with the clone's name, when Delete is pressed.
 */
export function describeSnapshotDeletion(tree: SnapshotTree, snapshotId: string): SnapshotDeletion | null {
  const s = tree.snapshots.find((x) => x.id === snapshotId);
  if (!s) return null;
  const children = tree.snapshots.filter((x) => s.childIds.includes(x.id));
  const current = tree.currentSnapshotId === s.id;
  const count = children.length + (current ? 1 : 0);
  const memory = s.memoryStateMiB > 0 ? ` Its saved memory (${formatSpace(s.memoryStateMiB)}) is deleted too.` : '';
  if (count > 1) {
    const names = [...children.map((c) => `"${c.name}"`), ...(current ? ['the Current State'] : [])];
    return {
      refused: true,
      message: `Snapshot "${s.name}" cannot be deleted: ${count} children build on its disk (${names.join(', ')}), and one disk cannot be merged into several. As in VirtualBox, delete all but one of them first.`,
    };
  }
  // The first snapshot froze the base image itself; later ones froze differencing disks.
  const disk = s.parentId === undefined ? 'disk image' : 'differencing disk';
  const total = s.diskMiB + s.memoryStateMiB;
  if (count === 0) {
    const parent = tree.snapshots.find((x) => x.id === s.parentId);
    const base = parent ? `snapshot "${parent.name}"` : 'the base disk';
    const discarded = s.diskMiB > 0 ? `its ${disk} — the ${formatSpace(s.diskMiB)} written after ${base} — is discarded.` : `its ${disk} is discarded (it is empty: nothing was written after ${base}).`;
    return {
      refused: false,
      message:
        `Nothing builds on snapshot "${s.name}" (no child snapshot, and the Current State is elsewhere), so nothing is merged: ${discarded}${memory} ` +
        `${total > 0 ? `${formatSpace(total)} is freed.` : 'No space is freed.'} ` +
        `${parent ? `Snapshot "${parent.name}" and the machine's current state do not change.` : "The machine's current state does not change."}`,
    };
  }
  const child = children[0];
  const into = child ? `its child snapshot "${child.name}"` : 'the Current State';
  const childMiB = child ? child.diskMiB : tree.currentState.diskMiB;
  const bound = Math.min(s.diskMiB, childMiB) + s.memoryStateMiB;
  return {
    refused: false,
    message:
      `Snapshot "${s.name}" is deleted and its ${disk} (${formatSpace(s.diskMiB)}) is merged into ${into}, which then holds the changes of both.${memory} ` +
      `${bound > 0 ? `Blocks both disks hold are kept once, so up to ${formatSpace(bound)} is freed.` : 'One of the two disks is empty, so no space is freed.'} ` +
      "The machine's current state does not change.",
  };
}
