// What a CLI command is: its options, a pure argument check run before the library opens, and the work itself.
import type { AppApi } from '../../shared/api/methods.ts';
import type { OptionSpecs, ParsedArgv } from './argv.ts';

/** How the CLI reached the backend: its own engine on the library, or a running Virtlab's WebSocket API. */
export type SessionMode = 'in-process' | 'connected';

export interface CliContext {
  readonly api: AppApi;
  readonly mode: SessionMode;
  /** Absolute library folder the session works on. */
  readonly libraryDir: string;
  /** Relative paths in arguments are resolved against this. */
  readonly cwd: string;
  /** Progress and warnings that must not mix into stdout (which may be JSON). */
  readonly note: (line: string) => void;
  /** All of standard input, for `import -`. */
  readonly readStdin: () => Promise<Buffer>;
}

/** A command's result in both shapes; the dispatcher prints exactly one of them. */
export interface CommandOutput {
  readonly json: unknown;
  /** Human text for stdout, without the final newline; empty prints nothing. */
  readonly text: string;
  /** Raw bytes written to stdout instead of json/text (`export -o -`). */
  readonly bytes?: Uint8Array;
}

export interface CliCommand<P = unknown> {
  /** As typed: "list", "snapshot take". */
  readonly name: string;
  readonly summary: string;
  /** Full `--help` text: synopsis, options, examples. */
  readonly help: string;
  readonly options: OptionSpecs;
  /**
   * Only reads the library (list, show, export): when it cannot be locked (a read-only folder, or another Virtlab
   * holds it and its endpoint does not answer), it is opened read-only instead of refused.
   */
  readonly readOnly?: boolean;
  /** Checks the arguments without touching the library; throws UsageError. */
  parse(args: ParsedArgv): P;
  /** Why this input cannot be combined with --json (e.g. raw bytes on stdout), if it cannot. */
  refusesJson?(input: P): string | undefined;
  run(ctx: CliContext, input: P): Promise<CommandOutput>;
  /** Commands that need no library (completion) answer here instead, and the library is never opened. */
  local?(input: P): CommandOutput;
}

/** Erases a command's own input type so commands of every shape fit one table. */
export const defineCommand = <P>(command: CliCommand<P>): CliCommand => command as unknown as CliCommand;
