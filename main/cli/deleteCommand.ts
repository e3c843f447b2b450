// `virtlab delete <vm> [--keep-files | --with-clones] [--force]`: removes a machine, keeping or deleting its files and linked clones.
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { RemovalMode } from '../../shared/domain/removal.ts';
import { isPoweredDown } from '../../shared/domain/machineState.ts';
import { UsageError } from './cliErrors.ts';
import { defineCommand } from './commandTypes.ts';
import { expectPositionals, parseOptions } from './optionSchemas.ts';
import { resolveMachine } from './resolveMachine.ts';
import { formatMiB } from './table.ts';
import { waitForState } from './waitForState.ts';

export const deleteCommand = defineCommand({
  name: 'delete',
  summary: 'Delete a machine and its disks (or keep them, or delete its linked clones too)',
  help: `Usage: virtlab delete <vm> [--keep-files | --with-clones] [--force]

Deletes a powered-off (or Saved) machine, its snapshots and the disk images it owns, and frees what
it committed on its host. A disk image its linked clones still read stays until the last of them goes.
A machine that is running, starting, paused or stopping is refused.

Options:
  --keep-files    Remove only: forget the machine but keep its disk files; they show up as orphaned
                  disks ("virtlab list media") until removed.
  --with-clones   Delete its linked clones (and theirs) too, with all their files.
  --force         Shut the machine down first (waits until it is powered off, at most 60 s), then delete it.`,
  options: { force: { type: 'boolean' }, 'keep-files': { type: 'boolean' }, 'with-clones': { type: 'boolean' } },
  parse: ({ values, positionals }) => {
    const [vm] = expectPositionals(positionals, ['<vm>'], 'delete');
    const options = parseOptions(z.object({ force: z.boolean().default(false), 'keep-files': z.boolean().default(false), 'with-clones': z.boolean().default(false) }), values, 'delete');
    if (options['keep-files'] && options['with-clones']) throw new UsageError('--keep-files and --with-clones cannot be combined', 'delete');
    const mode: RemovalMode = options['keep-files'] ? 'removeOnly' : options['with-clones'] ? 'deleteWithClones' : 'deleteAll';
    return { vm: vm!, force: options.force, mode };
  },
  run: async ({ api, note }, { vm, force, mode }) => {
    const machine = await resolveMachine(api, vm);
    if (!isPoweredDown(machine.state)) {
      if (!force) throw new AppError('INVALID_STATE', `"${machine.name}" is ${machine.state}; stop it first, or use --force to stop and delete it`);
      if (machine.state !== 'Stopping') await api.powerOffMachine({ id: machine.id });
      await waitForState(api, machine.id, ['PoweredOff']);
    }
    const plan = await api.planRemoval({ id: machine.id });
    const chosen = plan.choices.find((choice) => choice.mode === mode);
    if (!chosen) {
      // Only the flags can name a choice the plan lacks: --with-clones without clones, --keep-files with nothing to keep.
      const why = mode === 'removeOnly' ? 'keeps no files that could stay behind; --keep-files does not apply' : 'has no linked clones; --with-clones does not apply';
      throw new UsageError(`"${machine.name}" ${why}`, 'delete');
    }
    if (mode === 'deleteAll' && plan.dependents.length > 0) note(`${chosen.summary}; --with-clones deletes them too`);
    const result = await api.deleteMachine({ id: machine.id, mode });
    const freed = formatMiB(result.freedMiB ?? 0);
    const text =
      mode === 'removeOnly'
        ? `Removed machine "${machine.name}" {${machine.id}}; its disk files stay as orphaned media (freed ${freed}).`
        : `Deleted machine "${machine.name}" {${machine.id}}${mode === 'deleteWithClones' ? ` and its linked clones ${plan.dependents.map((d) => `"${d.name}"`).join(', ')}` : ''}; freed ${freed}.`;
    return { json: { id: machine.id, name: machine.name, deleted: true, mode, freedMiB: result.freedMiB ?? 0, removed: result.removed ?? [machine.id] }, text };
  },
});
