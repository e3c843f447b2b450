// `virtlab completion bash|zsh`: prints the shell completion script; needs no library.
import { attachmentKinds } from '../../shared/domain/network.ts';
import { osTypeIds } from '../../shared/domain/osTypes.ts';
import { workloadNames } from '../../shared/domain/virtualization.ts';
import { UsageError } from './cliErrors.ts';
import type { CliCommand } from './commandTypes.ts';
import { defineCommand } from './commandTypes.ts';
import { bashCompletion, completionShells, zshCompletion } from './completionScripts.ts';
import type { CompletionShell, CompletionValues } from './completionScripts.ts';
import { listKinds } from './listCommand.ts';

const nicWords = [...attachmentKinds.map((kind) => kind.toLowerCase()), 'none'];

/** Fixed vocabularies worth offering; machine names are not completed (that would open the library on every Tab). */
export const completionValues: CompletionValues = {
  list: listKinds,
  completion: completionShells,
  'create --os': osTypeIds,
  'modify --os': osTypeIds,
  'create --workload': workloadNames,
  'modify --workload': workloadNames,
  'create --disk-allocation': ['dynamic', 'fixed'],
  'export --ovf-version': ['1.0', '2.0'],
  'export --format': ['ova', 'json'],
  'clone --mac': ['keep', 'new'],
  ...Object.fromEntries([1, 2, 3, 4].map((slot) => [`modify --nic${slot}`, nicWords])),
};

/** The table is passed in, since this command is part of it. */
export const completionCommand = (commands: () => readonly CliCommand[]): CliCommand =>
  defineCommand({
    name: 'completion',
    summary: 'Print a bash or zsh completion script',
    help: `Usage: virtlab completion bash|zsh

Prints a completion script for commands, subcommands, options and their fixed values.
  bash:  virtlab completion bash > ~/.local/share/bash-completion/completions/virtlab
  zsh:   virtlab completion zsh > "\${fpath[1]}/_virtlab"   (or eval "$(virtlab completion zsh)")`,
    options: {},
    parse: ({ positionals }) => {
      const [shell, extra] = positionals;
      if (shell === undefined) throw new UsageError(`missing shell: ${completionShells.join(' or ')}`, 'completion');
      if (extra !== undefined) throw new UsageError(`unexpected argument "${extra.slice(0, 40)}"`, 'completion');
      if (!(completionShells as readonly string[]).includes(shell)) throw new UsageError(`no completion for "${shell.slice(0, 40)}"; choose ${completionShells.join(' or ')}`, 'completion');
      return { shell: shell as CompletionShell };
    },
    local: ({ shell }) => {
      const script = shell === 'bash' ? bashCompletion(commands(), completionValues) : zshCompletion(commands(), completionValues);
      return { json: { shell, script }, text: script.trimEnd() };
    },
    run: () => Promise.reject(new Error('completion runs without a library')),
  });
