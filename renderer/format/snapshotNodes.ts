// Turns the API's snapshot tree into nested nodes for the Snapshots tab, with the Current State node under its snapshot.
import type { SnapshotTree } from '../../shared/domain/snapshot.ts';

export const currentStateId = '__current-state__';

export interface SnapshotNode {
  id: string;
  name: string;
  /** The Current State node (the machine as it is now). */
  current: boolean;
  description: string;
  takenAtMs: number | null;
  withMemory: boolean;
  /** Space the node's differencing disk (and saved memory) takes in the pool. */
  diskMiB: number;
  memoryMiB: number;
  children: SnapshotNode[];
}

export function buildSnapshotNodes(tree: SnapshotTree): SnapshotNode[] {
  const byId = new Map<string, SnapshotNode>();
  for (const s of tree.snapshots) {
    byId.set(s.id, {
      id: s.id,
      name: s.name,
      current: false,
      description: s.description,
      takenAtMs: s.takenAtMs,
      withMemory: s.withMemory,
      diskMiB: s.diskMiB,
      memoryMiB: s.memoryStateMiB,
      children: [],
    });
  }
  const roots: SnapshotNode[] = [];
  // Snapshots arrive in the order they were taken, so children keep that order under their parent.
  for (const s of tree.snapshots) {
    const node = byId.get(s.id)!;
    const parent = s.parentId === undefined ? undefined : byId.get(s.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const currentState: SnapshotNode = {
    id: currentStateId,
    name: 'Current State',
    current: true,
    description: '',
    takenAtMs: null,
    withMemory: false,
    diskMiB: tree.currentState.diskMiB,
    memoryMiB: 0,
    children: [],
  };
  const holder = tree.currentSnapshotId === undefined ? undefined : byId.get(tree.currentSnapshotId);
  (holder ? holder.children : roots).push(currentState);
  return roots;
}

/** Nodes in display order (depth first), with their depth; used for arrow-key navigation. */
export function flattenNodes(nodes: readonly SnapshotNode[], level = 1): { node: SnapshotNode; level: number }[] {
  return nodes.flatMap((node) => [{ node, level }, ...flattenNodes(node.children, level + 1)]);
}
