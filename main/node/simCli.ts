// `npm run sim -- <scenario.json> [--json] [--until S]`: validates a scenario file, runs it headlessly and prints a summary.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors.ts';
import { formatSummary } from '../../engine/sim/formatSummary.ts';
import { runScenario } from '../../engine/sim/runScenario.ts';
import { parseScenario } from '../../engine/sim/scenarioSchema.ts';
import { inlineApplicationFiles } from './scenarios/inlineApplicationFiles.ts';

export const simUsage = `Usage: npm run sim -- <scenario.json> [options]

Runs a Virtlab scenario (hosts, platforms, guests, timed commands) through the simulation
engine and prints a summary per guest and host, the refusals and the event log.

Options:
  --until S     Simulated seconds to run (default: the scenario's durationS, else 600).
  --json        Print the summary as JSON instead of tables.
  --events N    How many events the table output lists (default 40).
  --help        Show this help.

Examples are in engine/scenarios/, e.g.
  npm run sim -- engine/scenarios/kinds-side-by-side.json --until 300
`;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Pure entry point (no process.exit) so tests can check output and exit codes. */
export function runSimCli(argv: readonly string[]): CliResult {
  const fail = (message: string): CliResult => ({ code: 2, stdout: '', stderr: `sim: ${message}\n` });
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, until: { type: 'string' }, events: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${simUsage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { code: 0, stdout: simUsage, stderr: '' };
  if (positionals.length !== 1) return fail(`${positionals.length === 0 ? 'give a scenario file' : 'give exactly one scenario file'}\n\n${simUsage}`);
  const untilS = values.until === undefined ? undefined : Number(values.until);
  if (untilS !== undefined && (!Number.isFinite(untilS) || untilS <= 0 || untilS > 30 * 86_400)) {
    return fail(`--until must be a number of seconds greater than 0 and at most ${30 * 86_400} (got "${values.until}")`);
  }
  const maxEvents = values.events === undefined ? 40 : Number(values.events);
  if (!Number.isInteger(maxEvents) || maxEvents < 0) return fail(`--events must be a whole number of at least 0 (got "${values.events}")`);

  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? `scenario file not found: ${file}` : code === 'EISDIR' ? `${file} is a directory, not a scenario file` : `cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`${file} is not valid JSON: ${describeJsonError(text, error as Error)}`);
  }
  try {
    inlineApplicationFiles(json, path.dirname(file));
    const scenario = parseScenario(json);
    const summary = runScenario(scenario, untilS === undefined ? {} : { untilS });
    const stdout = values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary, { maxEvents })}\n`;
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    if (error instanceof AppError) return fail(`${file} is not a valid scenario:\n${error.message}`);
    throw error;
  }
}

/** Adds line and column to JSON.parse's message, which gives a position or only a snippet of the text around the error. */
function describeJsonError(text: string, error: Error): string {
  const message = error.message;
  if (/line \d+ column \d+/.test(message)) return message;
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    return `${message} (line ${before.split('\n').length} column ${offset - before.lastIndexOf('\n')})`;
  };
  const position = /position (\d+)/.exec(message);
  if (position) return at(Number(position[1]));
  // V8: Unexpected token 'X', "...snippet..." is not valid JSON — the snippet holds about 10 characters each side.
  const token = /Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)(?:\.\.\.)?"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (!token) return message;
  const start = text.indexOf(token[3]!);
  if (start < 0) return message;
  const guess = token[2] ? start + 10 : start;
  const offset = text[guess] === token[1] ? guess : text.indexOf(token[1]!, start);
  return offset < 0 ? message : at(offset);
}

if (import.meta.main) {
  const result = runSimCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
