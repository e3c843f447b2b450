// The machine list as rows: nested groups (collapsible) with their machines, then the machines in no group.
import type { Machine } from '../../shared/domain/machine.ts';

export interface GroupRow {
  readonly type: 'group';
  readonly key: string;
  /** "lab/web" */
  readonly path: string;
  /** "web" */
  readonly name: string;
  /** 1 for a top-level group. */
  readonly level: number;
  /** Every shown machine in it and in the groups inside it. */
  readonly machineIds: readonly string[];
  readonly running: number;
  readonly expanded: boolean;
}

export interface MachineRow {
  readonly type: 'machine';
  readonly key: string;
  readonly machine: Machine;
  readonly level: number;
}

export type ListRow = GroupRow | MachineRow;

interface Node {
  readonly path: string;
  readonly name: string;
  readonly groups: Map<string, Node>;
  machines: readonly Machine[];
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const node = (path: string, name: string): Node => ({ path, name, groups: new Map(), machines: [] });

/**
 * One row object per machine and level, kept while the machine object lives: a keystroke rebuilds the rows of ten
 * thousand machines, and reusing them spares the garbage and lets the tree skip rows whose props did not change.
 */
const machineRows = new WeakMap<Machine, MachineRow>();
function machineRow(machine: Machine, level: number): MachineRow {
  let row = machineRows.get(machine);
  if (row === undefined || row.level !== level) machineRows.set(machine, (row = { type: 'machine', key: machine.id, machine, level }));
  return row;
}

/** The group node for a path ("lab/web"), creating it and its parents. */
function groupNode(root: Node, group: string): Node {
  let at = root;
  for (const name of group.split('/')) {
    let next = at.groups.get(name);
    if (!next) at.groups.set(name, (next = node(at.path === '' ? name : `${at.path}/${name}`, name)));
    at = next;
  }
  return at;
}

/**
 * `machines` are already filtered and sorted; they keep that order inside each group. `expandAll` (while searching)
 * shows every match whatever is collapsed.
 */
export function buildRows(machines: readonly Machine[], collapsed: ReadonlySet<string>, expandAll: boolean): ListRow[] {
  // Machines are bucketed by their group text first: thousands of machines share a few groups, whose paths are split once.
  const byGroup = new Map<string, Machine[]>();
  for (const machine of machines) {
    const group = machine.group ?? '';
    const bucket = byGroup.get(group);
    if (bucket) bucket.push(machine);
    else byGroup.set(group, [machine]);
  }
  const root = node('', '');
  for (const [group, members] of byGroup) {
    if (group === '') root.machines = members;
    else groupNode(root, group).machines = members;
  }
  const rows: ListRow[] = [];
  const visit = (at: Node, level: number): { ids: string[]; running: number } => {
    const ids: string[] = [];
    let running = 0;
    for (const group of [...at.groups.values()].sort((a, b) => collator.compare(a.name, b.name))) {
      const expanded = expandAll || !collapsed.has(group.path);
      const index = rows.length;
      rows.push(null as unknown as ListRow);
      const before = rows.length;
      const inner = visit(group, level + 1);
      if (!expanded) rows.length = before;
      rows[index] = { type: 'group', key: `g:${group.path}`, path: group.path, name: group.name, level, machineIds: inner.ids, running: inner.running, expanded };
      for (const id of inner.ids) ids.push(id);
      running += inner.running;
    }
    for (const machine of at.machines) {
      rows.push(machineRow(machine, level));
      ids.push(machine.id);
      if (machine.state === 'Running') running += 1;
    }
    return { ids, running };
  };
  visit(root, 1);
  return rows;
}
