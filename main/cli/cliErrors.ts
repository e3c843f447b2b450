// Errors the CLI tells apart, and the exit code and one-line message each one gets.
import { AppError } from '../../shared/errors.ts';

/** Exit codes, documented in `virtlab --help`. */
export const exitCodes = { ok: 0, failed: 1, usage: 2, unavailable: 3 } as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** Bad or missing arguments; nothing was done. `command` names the command whose help to point at. */
export class UsageError extends Error {
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** The library cannot be opened (another Virtlab holds it, or the folder is unusable). */
export class LibraryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibraryUnavailableError';
  }
}

export interface CliFailure {
  readonly code: ExitCode;
  readonly message: string;
}

/** Keeps the error one line: a multi-line message (zod, stack-less engine text) is joined with "; ". */
const oneLine = (text: string): string =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('; ');

/** Maps anything thrown to an exit code and the text after "virtlab: ". */
export function describeFailure(error: unknown): CliFailure {
  if (error instanceof UsageError) {
    const hint = error.command === undefined ? 'Run "virtlab --help" for usage.' : `Run "virtlab ${error.command} --help" for usage.`;
    return { code: exitCodes.usage, message: `${oneLine(error.message).replace(/\.$/, '')}. ${hint}` };
  }
  if (error instanceof LibraryUnavailableError) return { code: exitCodes.unavailable, message: oneLine(error.message) };
  if (error instanceof AppError) {
    // The backend validates with the same schemas as the CLI; a VALIDATION answer means the arguments were wrong.
    const code = error.code === 'VALIDATION' ? exitCodes.usage : error.code === 'ENGINE_UNAVAILABLE' ? exitCodes.unavailable : exitCodes.failed;
    return { code, message: oneLine(error.message) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: exitCodes.failed, message: oneLine(message) || 'the operation failed for an unknown reason' };
}
