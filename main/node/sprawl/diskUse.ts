// Disk space per machine from the saved records: what it owns, and what deleting it would give back (shared parents stay).
import type { MachineRecord } from '../../../shared/domain/machineRecord.ts';

export interface DiskUse {
  /** Images it owns plus saved memory states. */
  readonly ownedMiB: number;
  /** What deleting it frees: owned images no other machine reads, plus memory states. */
  readonly freedMiB: number;
}

export function diskUseByMachine(records: readonly MachineRecord[]): Map<string, DiskUse> {
  // Images other machines read through their chains (a linked clone's base stays while the clone lives).
  const readers = new Map<string, Set<string>>();
  for (const record of records) {
    for (const image of record.config?.images ?? []) {
      let set = readers.get(image.id);
      if (!set) readers.set(image.id, (set = new Set()));
      set.add(record.id);
    }
  }
  const out = new Map<string, DiskUse>();
  for (const record of records) {
    const config = record.config;
    if (!config) {
      out.set(record.id, { ownedMiB: record.diskGiB * 1024, freedMiB: record.diskGiB * 1024 });
      continue;
    }
    let owned = 0;
    let freed = 0;
    for (const image of config.images) {
      if (image.ownerMachineId !== record.id) continue;
      owned += image.allocatedMiB;
      const others = [...(readers.get(image.id) ?? [])].some((reader) => reader !== record.id);
      if (!others) freed += image.allocatedMiB;
    }
    const memory = config.snapshots.reduce((sum, snapshot) => sum + snapshot.memoryStateMiB, 0);
    out.set(record.id, { ownedMiB: Math.round(owned + memory), freedMiB: Math.round(freed + memory) });
  }
  return out;
}
