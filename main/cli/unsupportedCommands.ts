// `virtlab reset|savestate`: verbs VBoxManage users reach for that need engine states Virtlab does not simulate yet.
import { NotSupportedError } from './cliErrors.ts';
import type { CliCommand } from './commandTypes.ts';
import { defineCommand } from './commandTypes.ts';
import { expectPositionals } from './optionSchemas.ts';

interface Unsupported {
  readonly name: string;
  readonly does: string;
  readonly instead: string;
}

/** The engine knows PoweredOff/Starting/Running/Paused/Stopping and an instant power-off only: no reset, no Saved state. */
const verbs: readonly Unsupported[] = [
  { name: 'reset', does: 'reset a running machine (a hard reboot)', instead: 'use "virtlab stop <vm> --wait" followed by "virtlab start <vm>"' },
  { name: 'savestate', does: "save a running machine's state and stop it (the Saved state)", instead: 'use "virtlab snapshot take <vm> --name NAME" to keep its configuration, then stop it' },
];

const unsupported = ({ name, does, instead }: Unsupported): CliCommand =>
  defineCommand({
    name,
    summary: `(not supported yet) ${does.replace(/ \(.*\)$/, '')}`,
    help: `Usage: virtlab ${name} <vm>

Would ${does}. The simulation engine does not model this yet, so the command
always fails with exit code 1 and changes nothing. Meanwhile, ${instead}.`,
    options: {},
    // Refused while checking the arguments, so the library is not even opened.
    parse: ({ positionals }) => {
      expectPositionals(positionals, ['<vm>'], name);
      throw new NotSupportedError(`${name} is not supported yet: the simulation engine cannot ${does.replace(/ \(.*\)$/, '')} yet; ${instead}`);
    },
    run: () => Promise.reject(new NotSupportedError(`${name} is not supported yet`)),
  });

export const unsupportedCommands: readonly CliCommand[] = verbs.map(unsupported);
