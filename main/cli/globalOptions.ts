// Pulls the global options (--library, --json, --help, --version) out of argv, wherever they appear before "--".
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

export function splitGlobalOptions(argv: readonly string[]): SplitArgv {
  let library: string | undefined;
  let json = false;
  let help = false;
  let version = false;
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index]!;
    if (token === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    if (token === '--json') json = true;
    else if (token === '--help' || token === '-h') help = true;
    else if (token === '--version' || token === '-V') version = true;
    else if (token === '--library' || token.startsWith('--library=')) {
      if (library !== undefined) throw new UsageError('--library was given more than once');
      const inline = token.startsWith('--library=') ? token.slice('--library='.length) : undefined;
      const value = inline ?? argv[index + 1];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError('--library needs a folder');
      if (value.trim() === '') throw new UsageError('--library must name a folder, but it is empty');
      library = value;
      if (inline === undefined) index += 1;
    } else rest.push(token);
  }
  return { globals: { library, json, help, version }, rest };
}
