// Splits a command's arguments into options and positionals by a small spec; every mistake is a UsageError.
import { UsageError } from './cliErrors.ts';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One-letter alias, e.g. "o" for `-o FILE`. */
  readonly short?: string;
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface ParsedArgv {
  /** Option values by long name; absent when not given. */
  readonly values: Readonly<Record<string, string | boolean>>;
  readonly positionals: readonly string[];
}

/**
 * Accepts `--opt value`, `--opt=value`, `-o value` and `--` (everything after it is positional). A string option's
 * value may start with one dash (`--cpus -1` reaches validation and gets a range message) but not with two.
 */
export function parseArgv(argv: readonly string[], specs: OptionSpecs, command: string): ParsedArgv {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(specs).flatMap(([name, spec]) => (spec.short === undefined ? [] : [[spec.short, name] as const])));
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index]!;
    if (token === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const { name, inline } = splitToken(token, byShort, specs, command);
    const spec = specs[name]!;
    const label = `--${name}`;
    if (Object.prototype.hasOwnProperty.call(values, name)) throw new UsageError(`${label} was given more than once`, command);
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`${label} does not take a value`, command);
      values[name] = true;
      continue;
    }
    if (inline !== undefined) {
      values[name] = inline;
      continue;
    }
    const next = argv[index + 1];
    if (next === undefined || next.startsWith('--')) throw new UsageError(`${label} needs a value`, command);
    values[name] = next;
    index += 1;
  }
  return { values, positionals };
}

function splitToken(token: string, byShort: ReadonlyMap<string, string>, specs: OptionSpecs, command: string): { name: string; inline: string | undefined } {
  if (token.startsWith('--')) {
    const equals = token.indexOf('=');
    const name = equals < 0 ? token.slice(2) : token.slice(2, equals);
    if (!Object.prototype.hasOwnProperty.call(specs, name)) throw unknownOption(`--${name}`, specs, command);
    return { name, inline: equals < 0 ? undefined : token.slice(equals + 1) };
  }
  const name = byShort.get(token.slice(1, 2));
  if (name === undefined || token.length > 2) throw unknownOption(token, specs, command);
  return { name, inline: undefined };
}

function unknownOption(option: string, specs: OptionSpecs, command: string): UsageError {
  const guess = closest(option.replace(/^-+/, ''), Object.keys(specs));
  const suggestion = guess === undefined ? '' : ` (did you mean --${guess}?)`;
  return new UsageError(`"${command}" has no option ${option.slice(0, 60)}${suggestion}`, command);
}

/** The known name within two edits of `word`, if exactly one is closest. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
