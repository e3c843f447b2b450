// Clone families from the records' origins: each tree from its oldest known ancestor (kept by name when deleted) down to every clone.
import type { Machine } from '../../../shared/domain/machine.ts';
import type { MachineRecord } from '../../../shared/domain/machineRecord.ts';
import type { CloneFamily, FamilyMember } from '../../../shared/domain/sprawl.ts';
import { formatSpace } from '../../../shared/format/quantities.ts';
import type { DiskUse } from './diskUse.ts';

export interface FamilyInputs {
  readonly machines: ReadonlyMap<string, Machine>;
  readonly records: readonly MachineRecord[];
  readonly disk: ReadonlyMap<string, DiskUse>;
  /** Whether a machine was ever powered on (clones nobody started are the usual sprawl). */
  readonly everStarted: (id: string) => boolean;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Every family with at least one clone, largest first. */
export function cloneFamilies(inputs: FamilyInputs): CloneFamily[] {
  const children = new Map<string, MachineRecord[]>();
  const missing = new Map<string, string>();
  const byId = new Map(inputs.records.map((record) => [record.id, record]));
  for (const record of inputs.records) {
    const origin = record.config?.origin;
    if (!origin) continue;
    const list = children.get(origin.machineId) ?? [];
    list.push(record);
    children.set(origin.machineId, list);
    if (!byId.has(origin.machineId)) missing.set(origin.machineId, origin.machineName ?? 'a deleted machine');
  }
  const roots: string[] = [];
  for (const record of inputs.records) {
    if (!record.config?.origin && children.has(record.id)) roots.push(record.id);
  }
  const families: CloneFamily[] = [];
  // A deleted ancestor heads the family of its surviving clones (which may have no clones of their own).
  for (const [id, name] of missing) families.push(build(inputs, children, byId, id, name));
  for (const id of roots) families.push(build(inputs, children, byId, id, byId.get(id)!.name));
  return families.sort((a, b) => b.members.length - a.members.length || b.diskMiB - a.diskMiB || collator.compare(a.rootName, b.rootName));
}

function build(inputs: FamilyInputs, children: Map<string, MachineRecord[]>, byId: Map<string, MachineRecord>, rootId: string, rootName: string): CloneFamily {
  const members: FamilyMember[] = [];
  const visit = (id: string, depth: number, parentId: string | undefined, record: MachineRecord | undefined): void => {
    const machine = inputs.machines.get(id);
    const origin = record?.config?.origin;
    const member: FamilyMember = { name: record?.name ?? rootName, depth, diskMiB: inputs.disk.get(id)?.ownedMiB ?? 0, exists: record !== undefined };
    if (record) member.machineId = id;
    if (parentId !== undefined) member.parentId = parentId;
    if (origin) {
      member.mode = origin.mode;
      if (origin.snapshotName !== undefined) member.snapshotName = origin.snapshotName;
    }
    if (machine) member.state = machine.state;
    members.push(member);
    const kids = [...(children.get(id) ?? [])].sort((a, b) => collator.compare(a.name, b.name));
    for (const kid of kids) visit(kid.id, depth + 1, id, kid);
  };
  visit(rootId, 0, undefined, byId.get(rootId));
  const diskMiB = members.reduce((sum, m) => sum + m.diskMiB, 0);
  const idle = members.filter((m) => m.depth > 0 && m.machineId !== undefined && !inputs.everStarted(m.machineId));
  const idleMiB = idle.reduce((sum, m) => sum + m.diskMiB, 0);
  const suggestion =
    idle.length > 0
      ? `${idle.length} clone${idle.length === 1 ? ' was' : 's were'} never started: deleting ${idle.length === 1 ? 'it' : 'them'} frees up to ${formatSpace(idleMiB)}`
      : `${members.length} machines share this family (${formatSpace(diskMiB)}); review whether every clone is still needed`;
  return { rootName, members, diskMiB, suggestion };
}
