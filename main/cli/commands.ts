// The table of every `virtlab` command, keyed by what the user types ("list", "snapshot take").
import { cloneCommand } from './cloneCommand.ts';
import type { CliCommand } from './commandTypes.ts';
import { createCommand } from './createCommand.ts';
import { deleteCommand } from './deleteCommand.ts';
import { exportCommand } from './exportCommand.ts';
import { importCommand } from './importCommand.ts';
import { listCommand, showCommand } from './infoCommands.ts';
import { startCommand, stopCommand } from './powerCommands.ts';
import { snapshotDeleteCommand, snapshotListCommand, snapshotRestoreCommand, snapshotTakeCommand } from './snapshotCommands.ts';

export const commandList: readonly CliCommand[] = [
  listCommand,
  showCommand,
  createCommand,
  cloneCommand,
  snapshotTakeCommand,
  snapshotRestoreCommand,
  snapshotDeleteCommand,
  snapshotListCommand,
  startCommand,
  stopCommand,
  exportCommand,
  importCommand,
  deleteCommand,
];

export const commandsByName: ReadonlyMap<string, CliCommand> = new Map(commandList.map((command) => [command.name, command]));

/** Words that take a subcommand, e.g. "snapshot" → take, restore, delete, list. */
export const commandGroups: ReadonlyMap<string, readonly string[]> = new Map(
  [...new Set(commandList.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!))].map((group) => [
    group,
    commandList.filter((c) => c.name.startsWith(`${group} `)).map((c) => c.name.slice(group.length + 1)),
  ]),
);
