// Bash and zsh completion scripts generated from the command table: command words, subcommands, options and list kinds.
import type { CliCommand } from './commandTypes.ts';

export const completionShells = ['bash', 'zsh'] as const;
export type CompletionShell = (typeof completionShells)[number];

/** Known values of positionals and options, keyed "command" or "command --option". */
export interface CompletionValues {
  readonly [key: string]: readonly string[];
}

interface Table {
  readonly words: string[];
  readonly groups: Map<string, string[]>;
  readonly options: Map<string, string[]>;
}

const globalFlags = ['--library', '--json', '--help', '--version'];

function table(commands: readonly CliCommand[]): Table {
  const groups = new Map<string, string[]>();
  const options = new Map<string, string[]>();
  for (const command of commands) {
    const [first, second] = command.name.split(' ') as [string, string | undefined];
    if (second !== undefined) groups.set(first, [...(groups.get(first) ?? []), second]);
    options.set(command.name, Object.entries(command.options).map(([name, spec]) => (spec.short === undefined ? `--${name}` : `--${name} -${spec.short}`)).join(' ').split(' '));
  }
  const words = [...new Set(commands.map((command) => command.name.split(' ')[0]!)), 'help'];
  return { words, groups, options };
}

const shellWords = (words: readonly string[]): string => words.filter((word) => /^[\w.:-]+$/.test(word)).join(' ');

export function bashCompletion(commands: readonly CliCommand[], values: CompletionValues): string {
  const { words, groups, options } = table(commands);
  const cases = [...options].map(([name, opts]) => `    "${name}") opts="${shellWords([...opts, ...globalFlags])}"; vals="${shellWords(values[name] ?? [])}" ;;`);
  const groupCases = [...groups].map(([group, subs]) => `    ${group}) COMPREPLY=($(compgen -W "${shellWords(subs)}" -- "$cur")); return ;;`);
  const optionValues = Object.entries(values)
    .filter(([key]) => key.includes(' --'))
    .map(([key, list]) => `    "${key}") COMPREPLY=($(compgen -W "${shellWords(list)}" -- "$cur")); return ;;`);
  return `# bash completion for virtlab. Install: virtlab completion bash > ~/.local/share/bash-completion/completions/virtlab
_virtlab() {
  local cur prev i word cmd="" sub="" opts vals
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ "$word" == --library ]]; then ((i++)); continue; fi
    if [[ "$word" == -* ]]; then continue; fi
    if [[ -z "$cmd" ]]; then cmd="$word"; elif [[ -z "$sub" ]]; then sub="$word"; break; fi
  done
  if [[ "$prev" == --library ]]; then COMPREPLY=($(compgen -d -- "$cur")); return; fi
  if [[ -z "$cmd" ]]; then COMPREPLY=($(compgen -W "${shellWords([...words, ...globalFlags])}" -- "$cur")); return; fi
  if [[ -z "$sub" && "$cur" != -* ]]; then
    case "$cmd" in
${groupCases.join('\n')}
    esac
  fi
  local key="$cmd"
  [[ -n "$sub" && " ${shellWords([...groups.keys()])} " == *" $cmd "* ]] && key="$cmd $sub"
  case "$key $prev" in
${optionValues.join('\n')}
  esac
  opts="${shellWords(globalFlags)}"; vals=""
  case "$key" in
${cases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); return; fi
  COMPREPLY=($(compgen -W "$vals" -- "$cur"))
  [[ "$key" == import || "$key" == export || -z "$vals" ]] && COMPREPLY+=($(compgen -f -- "$cur"))
}
complete -F _virtlab virtlab
`;
}

export function zshCompletion(commands: readonly CliCommand[], values: CompletionValues): string {
  // zsh runs bash completion functions through bashcompinit, so both shells share one tested definition.
  return `#compdef virtlab
# zsh completion for virtlab. Install: virtlab completion zsh > "\${fpath[1]}/_virtlab" (or eval "$(virtlab completion zsh)" in ~/.zshrc)
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(commands, values).split('\n').slice(1).join('\n')}`;
}
