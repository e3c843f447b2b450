// Tests for the Media Manager's disk tree order.
import { describe, expect, it } from 'vitest';
import type { VirtualDisk } from '../../shared/domain/media.ts';
import { diskTree } from './diskTree.ts';

const disk = (id: string, fileName: string, parentId?: string): VirtualDisk => ({
  id,
  hostId: 'host-1',
  fileName,
  role: '',
  kind: parentId ? 'differencing' : 'base',
  allocation: 'dynamic',
  capacityMiB: 1024,
  allocatedMiB: 10,
  attachedTo: [],
  linkedClones: [],
  orphaned: false,
  compactableMiB: 0,
  ...(parentId ? { parentId } : {}),
});

describe('diskTree', () => {
  it('puts each image under the one it builds on, bases by name', () => {
    const rows = diskTree([disk('d3', '{d3}.vdi', 'd2'), disk('d2', 'web.vdi'), disk('d1', 'db.vdi'), disk('d4', '{d4}.vdi', 'd2'), disk('d5', '{d5}.vdi', 'gone')]);
    // File names sort as people read them: "{d5}.vdi" (a differencing image whose base is not listed) before the letters.
    expect(rows.map((r) => [r.disk.id, r.depth])).toEqual([
      ['d5', 0],
      ['d1', 0],
      ['d2', 0],
      ['d3', 1],
      ['d4', 1],
    ]);
  });
});
