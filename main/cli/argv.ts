// The CLI's one argument parser: node:util.parseArgs tokenizes, this file turns its tokens into values or a UsageError.
import { parseArgs } from 'node:util';
import { UsageError } from './cliErrors.ts';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One-letter alias, e.g. "o" for `-o FILE`. */
  readonly short?: string;
  /** `--vsys N` style: options after it (until the next one) belong to section N, and may repeat across sections. */
  readonly startsSection?: boolean;
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface ParsedArgv {
  /** Option values by long name; absent when not given. */
  readonly values: Readonly<Record<string, string | boolean>>;
  readonly positionals: readonly string[];
  /** Options given after a section-starting option, in order; empty when the command has none. */
  readonly sections: readonly Section[];
}

export interface Section {
  /** The section option's value, e.g. "1" for `--vsys 1`. */
  readonly key: string;
  readonly values: Readonly<Record<string, string | boolean>>;
}

type Token = ReturnType<typeof parseArgs<{ tokens: true; strict: false; allowPositionals: true }>>['tokens'][number];

/** parseArgs's tokens (lenient mode, so the messages below are ours and name the command). */
export function tokenize(argv: readonly string[], specs: OptionSpecs): Token[] {
  return parseArgs({ args: [...argv], options: { ...specs }, strict: false, allowPositionals: true, tokens: true }).tokens;
}

/**
 * Accepts `--opt value`, `--opt=value`, `-o value` and `--` (everything after it is positional). A string option's
 * value may start with one dash (`--cpus -1` reaches validation and gets a range message) but not with two.
 */
export function parseArgv(argv: readonly string[], specs: OptionSpecs, command: string): ParsedArgv {
  const top: Record<string, string | boolean> = {};
  let values = top;
  const sections: Section[] = [];
  const positionals: string[] = [];
  for (const token of tokenize(argv, specs)) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = Object.prototype.hasOwnProperty.call(specs, token.name) ? specs[token.name] : undefined;
    if (spec === undefined) throw unknownOption(token.rawName, specs, command);
    const label = `--${token.name}`;
    if (Object.prototype.hasOwnProperty.call(values, token.name)) throw new UsageError(`${label} was given more than once`, command);
    if (spec.type === 'boolean') {
      if (token.inlineValue === true) throw new UsageError(`${label} does not take a value`, command);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined || (token.inlineValue === false && token.value.startsWith('--'))) throw new UsageError(`${label} needs a value`, command);
    if (spec.startsSection === true) {
      values = {};
      sections.push({ key: token.value, values });
      continue;
    }
    values[token.name] = token.value;
  }
  return { values: top, positionals, sections };
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
