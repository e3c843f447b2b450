// `virtlab delete <vm> [--force]`: deletes a powered-off machine; --force shuts a running one down first.
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { isPoweredDown } from '../../shared/domain/machineState.ts';
import { defineCommand } from './commandTypes.ts';
import { expectPositionals, parseOptions } from './optionSchemas.ts';
import { resolveMachine } from './resolveMachine.ts';
import { waitForState } from './waitForState.ts';

export const deleteCommand = defineCommand({
  name: 'delete',
  summary: 'Delete a machine and its disks',
  help: `Usage: virtlab delete <vm> [--force]

Deletes a powered-off machine, its snapshots and the disk images it owns, and frees what it
committed on its host. A machine that is running, starting, paused or stopping is refused.

Options:
  --force   Shut the machine down first (waits until it is powered off, at most 60 s), then delete it.`,
  options: { force: { type: 'boolean' } },
  parse: ({ values, positionals }) => {
    const [vm] = expectPositionals(positionals, ['<vm>'], 'delete');
    return { vm: vm!, ...parseOptions(z.object({ force: z.boolean().default(false) }), values, 'delete') };
  },
  run: async ({ api }, { vm, force }) => {
    const machine = await resolveMachine(api, vm);
    if (!isPoweredDown(machine.state)) {
      if (!force) throw new AppError('INVALID_STATE', `"${machine.name}" is ${machine.state}; stop it first, or use --force to stop and delete it`);
      if (machine.state !== 'Stopping') await api.stopMachine({ id: machine.id });
      await waitForState(api, machine.id, ['PoweredOff']);
    }
    await api.deleteMachine({ id: machine.id });
    return { json: { id: machine.id, name: machine.name, deleted: true }, text: `Deleted machine "${machine.name}" {${machine.id}}.` };
  },
});
