// Zod schemas for option text (whole numbers, choices, required values) and turning their first issue into a UsageError.
import { z } from 'zod';
import { UsageError } from './cliErrors.ts';

const quoted = (input: unknown): string => `"${String(input).slice(0, 60)}"`;

/** A required string option: `missing --name` when absent. */
export const requiredText = (option: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `missing ${option}` : `${option} needs a value`) }).refine((text) => text.trim() !== '', `${option} must not be empty`);

/** A whole number given as text, e.g. `--memory 2048`; `unit` is said in the message ("MiB"). */
export const wholeNumber = (option: string, unit = '') =>
  z
    .string()
    .regex(/^\d+$/, { error: (issue) => `${option} must be a whole number${unit === '' ? '' : ` of ${unit}`}, not ${quoted(issue.input)}` })
    .transform(Number)
    .pipe(z.number().max(Number.MAX_SAFE_INTEGER, `${option} is far too large`));

/** One of a few words, e.g. `--mac keep|new`. */
export const choice = <const T extends readonly [string, ...string[]]>(option: string, values: T) =>
  z.enum(values, { error: (issue) => `${option} must be ${values.length === 2 ? values.join(' or ') : `one of ${values.join(', ')}`}, not ${quoted(issue.input)}` });

/** Validates option values with `schema`; the first problem becomes a UsageError for `command`. */
export function parseOptions<S extends z.ZodType>(schema: S, values: unknown, command: string): z.output<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  throw new UsageError(parsed.error.issues[0]?.message ?? 'the arguments are not valid', command);
}

/**
 * Checks a request against the contract schema before it is sent, so a range error names the option that caused it:
 * `--cpus: vCPUs must be at most 64`. `optionOf` maps contract field names to option names.
 */
export function checkAgainstContract<S extends z.ZodType>(schema: S, request: unknown, optionOf: Readonly<Record<string, string>>, command: string): z.output<S> {
  const parsed = schema.safeParse(request);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue === undefined) throw new UsageError('the arguments are not valid', command);
  const option = optionOf[String(issue.path[0])];
  throw new UsageError(option === undefined ? issue.message : `${option}: ${issue.message}`, command);
}

/** Exactly `count` positionals, named in the message (`<vm>`). */
export function expectPositionals(positionals: readonly string[], names: readonly string[], command: string): string[] {
  if (positionals.length < names.length) throw new UsageError(`missing ${names[positionals.length]}`, command);
  if (positionals.length > names.length) throw new UsageError(`unexpected argument ${quoted(positionals[names.length])}`, command);
  return [...positionals];
}
