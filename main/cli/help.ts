// The global `virtlab --help` text and the help of a command group, built from the command table.
import { libraryEnvVar } from '../node/library/libraryPaths.ts';
import { commandGroups, commandList } from './commands.ts';
import { exitCodes } from './cliErrors.ts';

export function globalHelp(): string {
  const width = Math.max(...commandList.map((command) => command.name.length));
  const lines = commandList.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: virtlab [--library DIR] [--json] <command> [arguments]

Manages the machines of a Virtlab library from the command line, like VBoxManage.
Machines are named by their name (case-insensitive) or their id.

Commands:
${lines.join('\n')}

Global options:
  --library DIR   The library folder. Default: ${libraryEnvVar} if set, else the OS's
                  app-data folder (~/.local/share/Virtlab on Linux).
  --json          Print the result as one JSON document on stdout.
  --help, -h      Show help (also after a command: virtlab create --help).
  --version, -V   Print the version.

When a Virtlab that publishes its endpoint has the library open, commands go through it
(so start and stop work); otherwise the CLI opens the library itself, and refuses with exit
code 3 while another Virtlab holds it.

Exit codes: ${exitCodes.ok} success, ${exitCodes.failed} the operation failed (not found, name taken, wrong state,
            not supported yet, not saved...), ${exitCodes.usage} bad arguments, ${exitCodes.unavailable} the library is in use or
            cannot be opened, ${exitCodes.refused} the appliance file was refused (damaged, unsafe, not an appliance).
With --json, an error is printed as {"error": {"kind", "message", "exitCode"}} on stdout too.`;
}

export function groupHelp(group: string): string {
  const subcommands = commandGroups.get(group) ?? [];
  const commands = commandList.filter((command) => command.name.startsWith(`${group} `));
  const width = Math.max(...commands.map((command) => command.name.length));
  return `Usage: virtlab ${group} <${subcommands.join('|')}> ...

${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run "virtlab ${group} <subcommand> --help" for the arguments of each.`;
}
