// `virtlab poweroff|reset|savestate|discardstate <vm>`: VBoxManage's controlvm verbs for the power states beyond start and stop.
import { AppError } from '../../shared/errors.ts';
import type { AppApi } from '../../shared/api/methods.ts';
import type { Machine } from '../../shared/domain/machine.ts';
import { machineStateLabels } from '../../shared/domain/machineState.ts';
import type { CliCommand } from './commandTypes.ts';
import { defineCommand } from './commandTypes.ts';
import { expectPositionals } from './optionSchemas.ts';
import { resolveMachine } from './resolveMachine.ts';

interface StateVerb {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  readonly call: (api: AppApi, id: string) => Promise<Machine>;
  /** Booting needs the running Virtlab (a machine the CLI alone started would stop when it ends). */
  readonly needsRunningVirtlab: boolean;
}

const verbs: readonly StateVerb[] = [
  {
    name: 'poweroff',
    summary: 'Cut the power of a machine at once (a container gets SIGKILL)',
    help: 'Powers the machine off at once, without asking the guest (VBoxManage controlvm VM poweroff). Use it when\nthe guest ignores "virtlab stop" (no ACPI support, or busy). A container gets SIGKILL with no grace period.',
    call: (api, id) => api.powerOffMachine({ id }),
    needsRunningVirtlab: false,
  },
  {
    name: 'reset',
    summary: 'Hard-reset a running machine: it loses its memory and boots again',
    help: 'Resets a running or paused machine like its reset button: its memory is lost and it boots again\n(a container is killed and started again). Needs the Virtlab that has this library open.',
    call: (api, id) => api.resetMachine({ id }),
    needsRunningVirtlab: true,
  },
  {
    name: 'savestate',
    summary: 'Save a running machine to disk and stop it (the Saved state)',
    help: "Writes the memory the machine uses to a file in its host's storage pool (that much space) and stops it;\nit shows Saved, and \"virtlab start\" resumes it where it was. A container is checkpointed; a process VM cannot be saved.",
    call: (api, id) => api.saveMachineState({ id }),
    needsRunningVirtlab: false,
  },
  {
    name: 'discardstate',
    summary: "Discard a Saved machine's memory; it is powered off",
    help: 'Forgets the saved memory of a Saved machine (its file is deleted and the space freed); the machine is\nPowered Off and its next start boots.',
    call: (api, id) => api.discardSavedState({ id }),
    needsRunningVirtlab: false,
  },
];

const stateVerb = (verb: StateVerb): CliCommand =>
  defineCommand({
    name: verb.name,
    summary: verb.summary,
    help: `Usage: virtlab ${verb.name} <vm>\n\n${verb.help}`,
    options: {},
    parse: ({ positionals }) => ({ vm: expectPositionals(positionals, ['<vm>'], verb.name)[0]! }),
    run: async (ctx, { vm }) => {
      const machine = await resolveMachine(ctx.api, vm);
      if (verb.needsRunningVirtlab && ctx.mode !== 'connected') {
        throw new AppError('INVALID_STATE', `cannot ${verb.name} "${machine.name}": no Virtlab is running on the library ${ctx.libraryDir}, and machines run only while Virtlab is open`);
      }
      const changed = await verb.call(ctx.api, machine.id);
      return { json: changed, text: `"${changed.name}" is ${machineStateLabels[changed.state]}.` };
    },
  });

export const stateCommands: readonly CliCommand[] = verbs.map(stateVerb);
