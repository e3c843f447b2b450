// `virtlab snapshot take|restore|delete|list`: a machine's snapshots, addressed by name or id.
import { z } from 'zod';
import { takeSnapshotSpecSchema } from '../../shared/domain/snapshot.ts';
import { defineCommand } from './commandTypes.ts';
import { formatSnapshotTree } from './machineText.ts';
import { checkAgainstContract, expectPositionals, parseOptions, requiredText } from './optionSchemas.ts';
import { findSnapshot, resolveMachine } from './resolveMachine.ts';

export const snapshotTakeCommand = defineCommand({
  name: 'snapshot take',
  summary: 'Take a snapshot of a machine',
  help: `Usage: virtlab snapshot take <vm> --name NAME [--description TEXT]

Takes a snapshot of the machine's current state; it becomes the current snapshot.`,
  options: { name: { type: 'string' }, description: { type: 'string' } },
  parse: ({ values, positionals }) => {
    const [vm] = expectPositionals(positionals, ['<vm>'], 'snapshot take');
    const options = parseOptions(z.object({ name: requiredText('--name'), description: z.string().optional() }), values, 'snapshot take');
    const spec = checkAgainstContract(
      takeSnapshotSpecSchema,
      { name: options.name, ...(options.description !== undefined && { description: options.description }) },
      { name: '--name', description: '--description' },
      'snapshot take',
    );
    return { vm: vm!, spec };
  },
  run: async ({ api }, { vm, spec }) => {
    const machine = await resolveMachine(api, vm);
    const tree = await api.takeSnapshot({ id: machine.id, spec });
    const snapshot = tree.snapshots.find((s) => s.id === tree.currentSnapshotId) ?? tree.snapshots.at(-1);
    return {
      json: { machineId: machine.id, snapshot },
      text: `Took snapshot "${snapshot?.name ?? spec.name}" {${snapshot?.id ?? '?'}} of "${machine.name}".`,
    };
  },
});

export const snapshotRestoreCommand = defineCommand({
  name: 'snapshot restore',
  summary: 'Restore a powered-off machine to a snapshot',
  help: `Usage: virtlab snapshot restore <vm> <snapshot>

Restores a powered-off machine to a snapshot (by name, case-insensitive, or id); the current
state's changes since then are discarded, as in VirtualBox.`,
  options: {},
  parse: ({ positionals }) => {
    const [vm, snapshot] = expectPositionals(positionals, ['<vm>', '<snapshot>'], 'snapshot restore');
    return { vm: vm!, snapshot: snapshot! };
  },
  run: async ({ api }, input) => {
    const machine = await resolveMachine(api, input.vm);
    const snapshot = findSnapshot(machine, (await api.listSnapshots({ id: machine.id })).snapshots, input.snapshot);
    const tree = await api.restoreSnapshot({ id: machine.id, snapshotId: snapshot.id });
    return { json: tree, text: `Restored "${machine.name}" to snapshot "${snapshot.name}" {${snapshot.id}}.` };
  },
});

export const snapshotDeleteCommand = defineCommand({
  name: 'snapshot delete',
  summary: 'Delete a snapshot: merge its disk into its one child, or discard it when nothing builds on it',
  help: `Usage: virtlab snapshot delete <vm> <snapshot>

Deletes a snapshot (by name, case-insensitive, or id). With one child (a snapshot or the current
state) its differencing disk is merged into that child; with none, the disk is discarded. A snapshot
with several children, or one a linked clone is built on, is refused. The space reclaimed is reported.`,
  options: {},
  parse: ({ positionals }) => {
    const [vm, snapshot] = expectPositionals(positionals, ['<vm>', '<snapshot>'], 'snapshot delete');
    return { vm: vm!, snapshot: snapshot! };
  },
  run: async ({ api }, input) => {
    const machine = await resolveMachine(api, input.vm);
    const snapshot = findSnapshot(machine, (await api.listSnapshots({ id: machine.id })).snapshots, input.snapshot);
    const result = await api.deleteSnapshot({ id: machine.id, snapshotId: snapshot.id });
    return { json: result, text: `Deleted snapshot "${snapshot.name}" of "${machine.name}"; freed ${result.freedMiB} MiB.` };
  },
});

export const snapshotListCommand = defineCommand({
  name: 'snapshot list',
  summary: "List a machine's snapshots as a tree",
  help: `Usage: virtlab snapshot list <vm> [--json]

Prints the snapshot tree; * marks the snapshot the current state hangs under.`,
  options: {},
  parse: ({ positionals }) => {
    const [vm] = expectPositionals(positionals, ['<vm>'], 'snapshot list');
    return { vm: vm! };
  },
  run: async ({ api }, { vm }) => {
    const machine = await resolveMachine(api, vm);
    const tree = await api.listSnapshots({ id: machine.id });
    return { json: tree, text: tree.snapshots.length === 0 ? `"${machine.name}" has no snapshots.` : formatSnapshotTree(tree) };
  },
});
