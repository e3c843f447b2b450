// Orders loaded machines so each comes after the machines it was cloned from or whose disk images it reads.
import type { MachineRecord } from '../../../shared/engine/protocol.ts';

/**
 * Creation time alone cannot order them: machines made in the same simulated millisecond tie, and a linked clone
 * restored before its source would find no parent image. Depth-first: a machine's sources are placed right before
 * it when they came later; otherwise the input order stays. Linear in machines and references.
 */
export function restoreOrder(records: readonly MachineRecord[]): MachineRecord[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  const state = new Map<string, 'visiting' | 'placed'>();
  const out: MachineRecord[] = [];
  const visit = (record: MachineRecord): void => {
    if (state.has(record.id)) return; // placed, or a cycle (impossible from the engine): keep going rather than loop
    state.set(record.id, 'visiting');
    for (const dep of sourcesOf(record)) {
      const source = byId.get(dep);
      if (source !== undefined) visit(source);
    }
    state.set(record.id, 'placed');
    out.push(record);
  };
  for (const record of records) visit(record);
  return out;
}

function sourcesOf(record: MachineRecord): Set<string> {
  const sources = new Set<string>();
  const origin = record.config?.origin?.machineId;
  if (origin !== undefined) sources.add(origin);
  for (const image of record.config?.images ?? []) if (image.ownerMachineId !== undefined) sources.add(image.ownerMachineId);
  sources.delete(record.id);
  return sources;
}
