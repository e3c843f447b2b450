// Errors the CLI tells apart, and the exit code and one-line message each one gets.
import { AppError } from '../../shared/errors.ts';
import { terminalSafeLine } from './terminalText.ts';

/** Exit codes, documented in `virtlab --help`. */
export const exitCodes = { ok: 0, failed: 1, usage: 2, unavailable: 3, refused: 4 } as const;
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

/** The appliance file itself was refused (damaged, hostile, not an appliance): not a usage error, and not the CLI's fault. */
export class ApplianceRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApplianceRefusedError';
  }
}

/** A verb VBoxManage users expect that needs engine states Virtlab does not simulate yet. */
export class NotSupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotSupportedError';
  }
}

export interface CliFailure {
  readonly code: ExitCode;
  /** One line, already safe to print on a terminal. */
  readonly message: string;
  /** For --json: the API error code, or the CLI's own kind of failure. */
  readonly kind: string;
}

/** Keeps the error one line: a multi-line message (zod, stack-less engine text) is joined with "; ". */
const oneLine = (text: string): string =>
  terminalSafeLine(
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('; '),
  ).trim();

/** Maps anything thrown to an exit code and the text after "virtlab: ". */
export function describeFailure(error: unknown): CliFailure {
  if (error instanceof UsageError) {
    const hint = error.command === undefined ? 'Run "virtlab --help" for usage.' : `Run "virtlab ${error.command} --help" for usage.`;
    return { code: exitCodes.usage, kind: 'USAGE', message: `${oneLine(error.message).replace(/\.$/, '')}. ${hint}` };
  }
  if (error instanceof LibraryUnavailableError) return { code: exitCodes.unavailable, kind: 'LIBRARY_UNAVAILABLE', message: oneLine(error.message) };
  if (error instanceof ApplianceRefusedError) return { code: exitCodes.refused, kind: 'APPLIANCE_REFUSED', message: oneLine(error.message) };
  if (error instanceof NotSupportedError) return { code: exitCodes.failed, kind: 'NOT_SUPPORTED', message: oneLine(error.message) };
  if (error instanceof AppError) {
    // The backend validates with the same schemas as the CLI; a VALIDATION answer means the arguments were wrong.
    const code = error.code === 'VALIDATION' ? exitCodes.usage : error.code === 'ENGINE_UNAVAILABLE' ? exitCodes.unavailable : exitCodes.failed;
    return { code, kind: error.code, message: oneLine(error.message) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: exitCodes.failed, kind: 'FAILED', message: oneLine(message) || 'the operation failed for an unknown reason' };
}
