// Tests for building the snapshot tree: nesting by parent, the Current State under the current snapshot, display order.
import { describe, expect, it } from 'vitest';
import { buildSnapshotNodes, currentStateId, flattenNodes } from './snapshotNodes.ts';
import type { SnapshotTree } from '../../shared/domain/snapshot.ts';

const snap = (id: string, parentId?: string, diskMiB = 100) => ({
  id,
  name: `S-${id}`,
  description: '',
  ...(parentId ? { parentId } : {}),
  childIds: [],
  takenAtMs: 1000,
  withMemory: false,
  memoryStateMiB: 0,
  diskImageId: `img-${id}`,
  diskMiB,
  settings: { osType: 'debian64', vcpus: 1, memoryMiB: 1024, diskGiB: 20 },
});

describe('buildSnapshotNodes', () => {
  it('puts the Current State alone at the root when there are no snapshots', () => {
    const tree: SnapshotTree = { machineId: 'm', snapshots: [], currentState: { diskImageId: 'cur', diskMiB: 7 } };
    const nodes = buildSnapshotNodes(tree);
    expect(nodes.map((n) => [n.id, n.name, n.diskMiB])).toEqual([[currentStateId, 'Current State', 7]]);
  });

  it('nests snapshots by parent and hangs the Current State under the current snapshot', () => {
    // a → b → c, restored to b: the Current State is b's second child, after c.
    const tree: SnapshotTree = { machineId: 'm', snapshots: [snap('a'), snap('b', 'a'), snap('c', 'b')], currentSnapshotId: 'b', currentState: { diskImageId: 'cur', diskMiB: 0 } };
    const flat = flattenNodes(buildSnapshotNodes(tree)).map(({ node, level }) => `${level}:${node.name}`);
    expect(flat).toEqual(['1:S-a', '2:S-b', '3:S-c', '3:Current State']);
  });
});
