// Orders the Media Manager's disks as a tree (each image under the one it builds on) with its depth, for an indented table.
import type { VirtualDisk } from '../../shared/domain/media.ts';

export interface DiskRow {
  readonly disk: VirtualDisk;
  readonly depth: number;
}

/** Bases first (by file name), each followed by the images built on it, depth-first; images whose parent is not listed count as roots. */
export function diskTree(disks: readonly VirtualDisk[]): DiskRow[] {
  const ids = new Set(disks.map((d) => d.id));
  const children = new Map<string, VirtualDisk[]>();
  const roots: VirtualDisk[] = [];
  for (const disk of disks) {
    if (disk.parentId !== undefined && ids.has(disk.parentId)) {
      const list = children.get(disk.parentId) ?? [];
      list.push(disk);
      children.set(disk.parentId, list);
    } else roots.push(disk);
  }
  const byName = (a: VirtualDisk, b: VirtualDisk) => a.fileName.localeCompare(b.fileName, 'en') || a.id.localeCompare(b.id);
  const rows: DiskRow[] = [];
  const visit = (disk: VirtualDisk, depth: number) => {
    rows.push({ disk, depth });
    for (const child of (children.get(disk.id) ?? []).sort(byName)) visit(child, depth + 1);
  };
  for (const root of roots.sort(byName)) visit(root, 0);
  return rows;
}
