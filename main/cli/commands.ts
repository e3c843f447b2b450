// The table of every `virtlab` command, keyed by what the user types ("list", "snapshot take").
import { appCommands } from './appCommands.ts';
import { cloneCommand } from './cloneCommand.ts';
import type { CliCommand } from './commandTypes.ts';
import { completionCommand } from './completionCommand.ts';
import { consolidateCommand } from './consolidateCommand.ts';
import { createCommand } from './createCommand.ts';
import { deleteCommand } from './deleteCommand.ts';
import { exportCommand } from './exportCommand.ts';
import { hostCommands } from './hostCommands.ts';
import { importCommand } from './importCommand.ts';
import { listCommand } from './listCommand.ts';
import { migrateCommand } from './migrateCommand.ts';
import { modifyCommand } from './modifyCommand.ts';
import { acpiShutdownCommand, pauseCommand, resumeCommand, startCommand, stopCommand } from './powerCommands.ts';
import { sprawlCommand } from './sprawlCommand.ts';
import { labelCommand } from './labelCommand.ts';
import { showCommand } from './showCommand.ts';
import { snapshotDeleteCommand, snapshotListCommand, snapshotRestoreCommand, snapshotTakeCommand } from './snapshotCommands.ts';
import { stateCommands } from './stateCommands.ts';
import { platformInstallCommand } from './platformCommand.ts';

export const commandList: readonly CliCommand[] = [
  listCommand,
  showCommand,
  createCommand,
  modifyCommand,
  labelCommand,
  cloneCommand,
  snapshotTakeCommand,
  snapshotRestoreCommand,
  snapshotDeleteCommand,
  snapshotListCommand,
  startCommand,
  stopCommand,
  acpiShutdownCommand,
  pauseCommand,
  resumeCommand,
  ...stateCommands,
  platformInstallCommand,
  migrateCommand,
  ...hostCommands,
  consolidateCommand,
  exportCommand,
  importCommand,
  deleteCommand,
  ...appCommands,
  sprawlCommand,
  completionCommand(() => commandList),
];

export const commandsByName: ReadonlyMap<string, CliCommand> = new Map(commandList.map((command) => [command.name, command]));

/** Words that take a subcommand, e.g. "snapshot" → take, restore, delete, list. */
export const commandGroups: ReadonlyMap<string, readonly string[]> = new Map(
  [...new Set(commandList.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!))].map((group) => [
    group,
    commandList.filter((c) => c.name.startsWith(`${group} `)).map((c) => c.name.slice(group.length + 1)),
  ]),
);
