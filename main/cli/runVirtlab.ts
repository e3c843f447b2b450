// The dispatcher: global options, help and version, picks the command, opens the library, prints one result, maps errors.
import type { OperationProgress } from '../../shared/domain/appliance.ts';
import { AppError } from '../../shared/errors.ts';
import { resolveLibraryDir } from '../node/library/libraryPaths.ts';
import { closest, parseArgv } from './argv.ts';
import { UsageError, describeFailure, exitCodes } from './cliErrors.ts';
import type { ExitCode } from './cliErrors.ts';
import type { CliCommand } from './commandTypes.ts';
import { commandGroups, commandsByName } from './commands.ts';
import { globalHelp, groupHelp } from './help.ts';
import { splitGlobalOptions } from './globalOptions.ts';
import type { OpenSession } from './inProcessSession.ts';
import { terminalSafe, terminalSafeJson, terminalSafeLine } from './terminalText.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  /** Raw bytes on stdout (`export -o -`). */
  readonly stdoutBytes: (bytes: Uint8Array) => void;
  readonly stderr: (text: string) => void;
  /** Progress is drawn on stderr only for a person watching a terminal. */
  readonly stderrIsTty: boolean;
}

export interface RunDependencies {
  readonly io: CliIo;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly version: string;
  readonly openSession: OpenSession;
  /** All of standard input (`import -`). */
  readonly readStdin: () => Promise<Buffer>;
}

type Selection = { kind: 'help'; text: string } | { kind: 'command'; command: CliCommand; args: readonly string[] };

/** Finds the command `rest` starts with; "snapshot" and other groups take a second word. */
export function selectCommand(rest: readonly string[], help: boolean): Selection {
  const [word, sub] = rest;
  if (word === undefined) {
    if (help) return { kind: 'help', text: globalHelp() };
    throw new UsageError('missing command');
  }
  if (word.startsWith('-')) throw new UsageError(`unknown option ${word.slice(0, 60)}`);
  if (word === 'help') return { kind: 'help', text: sub === undefined ? globalHelp() : helpFor(rest.slice(1)) };
  const subcommands = commandGroups.get(word);
  if (subcommands !== undefined) {
    if (sub === undefined || sub.startsWith('-')) {
      if (help) return { kind: 'help', text: groupHelp(word) };
      throw new UsageError(`"${word}" needs a subcommand: ${subcommands.join(', ')}`, word);
    }
    const command = commandsByName.get(`${word} ${sub}`);
    if (command === undefined) throw new UsageError(`unknown subcommand "${word} ${sub.slice(0, 40)}"${suggest(sub, subcommands)}`, word);
    return { kind: 'command', command, args: rest.slice(2) };
  }
  const command = commandsByName.get(word);
  if (command === undefined) throw new UsageError(`unknown command "${word.slice(0, 40)}"${suggest(word, [...commandsByName.keys(), ...commandGroups.keys()])}`);
  return { kind: 'command', command, args: rest.slice(1) };
}

function helpFor(words: readonly string[]): string {
  const selected = selectCommand(words, true);
  return selected.kind === 'help' ? selected.text : selected.command.help;
}

function suggest(word: string, known: readonly string[]): string {
  const guess = closest(word, known.filter((name) => !name.includes(' ')));
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}

function progressPrinter(io: CliIo, enabled: boolean): { show: (progress: OperationProgress) => void; end: () => void } {
  let drawn = false;
  return {
    show: (progress) => {
      if (!enabled) return;
      const pct = progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
      // Our own escape (erase line) around the step text, which comes from the backend and is sanitized.
      io.stderr(`\r\x1b[K${terminalSafeLine(progress.step).slice(0, 200)} ${pct}%`);
      drawn = true;
    },
    end: () => {
      if (drawn) io.stderr('\r\x1b[K');
      drawn = false;
    },
  };
}

/** --json is honoured for errors too, even when the arguments around it could not be parsed. */
const asksForJson = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
};

/** Runs one invocation; never throws; returns the exit code. */
export async function runVirtlab(argv: readonly string[], deps: RunDependencies): Promise<ExitCode> {
  const { io } = deps;
  const json = asksForJson(argv);
  const fail = (error: unknown): ExitCode => {
    const failure = describeFailure(error);
    io.stderr(`virtlab: ${failure.message}\n`);
    if (json) io.stdout(`${terminalSafeJson({ error: { kind: failure.kind, message: failure.message, exitCode: failure.code } })}\n`);
    return failure.code;
  };
  let prepared: { command: CliCommand; input: unknown; libraryDir: string; json: boolean };
  try {
    const { globals, rest } = splitGlobalOptions(argv);
    if (globals.version) {
      io.stdout(globals.json ? `${JSON.stringify({ name: 'virtlab', version: deps.version })}\n` : `virtlab ${deps.version}\n`);
      return exitCodes.ok;
    }
    const selected = selectCommand(rest, globals.help);
    if (selected.kind === 'help') {
      io.stdout(`${selected.text}\n`);
      return exitCodes.ok;
    }
    const { command, args } = selected;
    if (globals.help) {
      io.stdout(`${command.help}\n`);
      return exitCodes.ok;
    }
    const input = command.parse(parseArgv(args, command.options, command.name));
    const jsonConflict = globals.json ? command.refusesJson?.(input) : undefined;
    if (jsonConflict !== undefined) throw new UsageError(jsonConflict, command.name);
    if (command.local !== undefined) {
      const output = command.local(input);
      io.stdout(globals.json ? `${terminalSafeJson(output.json)}\n` : `${output.text}\n`);
      return exitCodes.ok;
    }
    let libraryDir: string;
    try {
      libraryDir = resolveLibraryDir({ override: globals.library, env: deps.env, cwd: deps.cwd });
    } catch (error) {
      if (error instanceof AppError) throw new UsageError(error.message);
      throw error;
    }
    prepared = { command, input, libraryDir, json: globals.json };
  } catch (error) {
    return fail(error);
  }

  const progress = progressPrinter(io, io.stderrIsTty && !prepared.json);
  const note = (line: string): void => {
    progress.end();
    io.stderr(`virtlab: ${terminalSafeLine(line)}\n`);
  };
  let session;
  try {
    session = await deps.openSession({ libraryDir: prepared.libraryDir, onProgress: progress.show, note, readOnly: prepared.command.readOnly === true });
  } catch (error) {
    return fail(error);
  }
  let output;
  try {
    const context = { api: session.api, mode: session.mode, libraryDir: session.libraryDir, cwd: deps.cwd, note, readStdin: deps.readStdin };
    output = await prepared.command.run(context, prepared.input);
  } catch (error) {
    progress.end();
    await session.close().catch((closeError: unknown) => note(`also, closing the library failed: ${describeFailure(closeError).message}`));
    return fail(error);
  }
  progress.end();
  try {
    // The result is only reported once it is saved: a command that printed success must not lose its change.
    await session.close();
  } catch (error) {
    return fail(error);
  }
  if (output.bytes !== undefined) io.stdoutBytes(output.bytes);
  else if (prepared.json) io.stdout(`${terminalSafeJson(output.json)}\n`);
  else if (output.text !== '') io.stdout(`${terminalSafe(output.text)}\n`);
  return exitCodes.ok;
}
