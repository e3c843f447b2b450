// The sprawl ledger's orphaned media: disks no machine reads (listed once per orphaned chain) and ISO images no drive names.
import type { MediaList } from '../../../shared/domain/media.ts';
import type { OrphanedMedium } from '../../../shared/domain/sprawl.ts';
import { formatSpace } from '../../../shared/format/quantities.ts';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function orphanedMedia(media: MediaList): OrphanedMedium[] {
  const orphaned = new Map(media.disks.filter((d) => d.orphaned).map((d) => [d.id, d]));
  const children = new Map<string, string[]>();
  for (const disk of orphaned.values()) if (disk.parentId !== undefined) children.set(disk.parentId, [...(children.get(disk.parentId) ?? []), disk.id]);
  // Removing an orphaned image removes the orphaned images built on it too, so each chain is one finding with its whole size.
  const chainMiB = (id: string): number => orphaned.get(id)!.allocatedMiB + (children.get(id) ?? []).reduce((sum, child) => sum + chainMiB(child), 0);
  const disks = [...orphaned.values()]
    .filter((d) => d.parentId === undefined || !orphaned.has(d.parentId))
    .map((d): OrphanedMedium => {
      const frees = chainMiB(d.id);
      const built = (children.get(d.id) ?? []).length;
      return {
        mediumId: d.id,
        kind: 'disk',
        name: d.fileName,
        reason: `${d.role}${built > 0 ? ` (with ${built} orphaned image${built === 1 ? '' : 's'} built on it)` : ''}; no machine reads it`,
        freesDiskMiB: frees,
        suggestion: `Remove it: frees ${formatSpace(frees)}`,
        ...(d.removeRefusal === undefined ? {} : { removeRefusal: d.removeRefusal }),
      };
    });
  const isos = media.isoImages
    .filter((iso) => iso.attachedTo.length === 0)
    .map((iso): OrphanedMedium => ({
      mediumId: iso.id,
      kind: 'iso',
      name: iso.name,
      reason: 'Not in any machine’s drive',
      freesDiskMiB: 0,
      suggestion: 'Remove it from the library if no one installs from it',
      ...(iso.removeRefusal === undefined ? {} : { removeRefusal: iso.removeRefusal }),
    }));
  const byName = (a: OrphanedMedium, b: OrphanedMedium): number => collator.compare(a.name, b.name);
  return [...disks.sort(byName), ...isos.sort(byName)];
}
