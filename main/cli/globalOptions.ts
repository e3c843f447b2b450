// Pulls the global options (--library, --json, --help, --version) out of argv, wherever they appear before "--".
import { tokenize } from './argv.ts';
import type { OptionSpecs } from './argv.ts';
import { UsageError } from './cliErrors.ts';

export interface GlobalOptions {
  readonly library: string | undefined;
  readonly json: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export interface SplitArgv {
  readonly globals: GlobalOptions;
  /** The command, its subcommand and its own arguments, in order. */
  readonly rest: readonly string[];
}

export const globalOptionSpecs = {
  library: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const satisfies OptionSpecs;

/** Uses the same tokenizer as every command; options it does not know stay in `rest` for the command to check. */
export function splitGlobalOptions(argv: readonly string[]): SplitArgv {
  let library: string | undefined;
  const flags = { json: false, help: false, version: false };
  const consumed = new Set<number>();
  let terminator = argv.length;
  for (const token of tokenize(argv, globalOptionSpecs)) {
    if (token.kind === 'option-terminator') {
      terminator = token.index;
      break;
    }
    if (token.kind !== 'option' || !Object.prototype.hasOwnProperty.call(globalOptionSpecs, token.name)) continue;
    consumed.add(token.index);
    if (token.name !== 'library') {
      flags[token.name as keyof typeof flags] = true;
      continue;
    }
    if (library !== undefined) throw new UsageError('--library was given more than once');
    const value = token.value;
    if (value === undefined || (token.inlineValue === false && value.startsWith('--'))) throw new UsageError('--library needs a folder');
    if (value.trim() === '') throw new UsageError('--library must name a folder, but it is empty');
    if (token.inlineValue === false) consumed.add(token.index + 1);
    library = value;
  }
  const rest = argv.filter((_arg, index) => index >= terminator || !consumed.has(index));
  return { globals: { library, ...flags }, rest };
}
