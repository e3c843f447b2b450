// `virtlab clone <vm> --name N [--linked] [--mac keep|new]`: a full or linked clone of a machine's current state.
import { z } from 'zod';
import { cloneOptionsSchema } from '../../shared/domain/machineConfig.ts';
import { defineCommand } from './commandTypes.ts';
import { checkAgainstContract, choice, expectPositionals, parseOptions, requiredText } from './optionSchemas.ts';
import { resolveMachine } from './resolveMachine.ts';

const optionsSchema = z.object({
  name: requiredText('--name'),
  linked: z.boolean().default(false),
  mac: choice('--mac', ['keep', 'new']).default('new'),
});

export const cloneCommand = defineCommand({
  name: 'clone',
  summary: 'Clone a machine (full or linked)',
  help: `Usage: virtlab clone <vm> --name NAME [--linked] [--mac keep|new]

Clones a machine's current state into a new powered-off machine.

Options:
  --name NAME       Name of the clone.
  --linked          Linked clone: shares the source's disk through a differencing disk
                    (a snapshot of the source is taken first, as VirtualBox does).
                    Without it, a full clone copies the disk.
  --mac keep|new    Keep the source's MAC addresses, or generate new ones (default new).`,
  options: { name: { type: 'string' }, linked: { type: 'boolean' }, mac: { type: 'string' } },
  parse: ({ values, positionals }) => {
    const [vm] = expectPositionals(positionals, ['<vm>'], 'clone');
    const options = parseOptions(optionsSchema, values, 'clone');
    const cloneOptions = checkAgainstContract(
      cloneOptionsSchema,
      { name: options.name, mode: options.linked ? 'linked' : 'full', macPolicy: options.mac === 'keep' ? 'keepAll' : 'generateNew' },
      { name: '--name', mode: '--linked', macPolicy: '--mac' },
      'clone',
    );
    return { vm: vm!, options: cloneOptions };
  },
  run: async ({ api }, { vm, options }) => {
    const source = await resolveMachine(api, vm);
    const clone = await api.cloneMachine({ id: source.id, options });
    return { json: clone, text: `Cloned "${source.name}" to "${clone.name}" {${clone.id}} (${options.mode} clone).` };
  },
});
