// Typed errors every layer returns: a code, a human message, and optionally the field it concerns.
import { z } from 'zod';

export const errorCodes = [
  /** Input failed the contract schema; `field` names the offending path. */
  'VALIDATION',
  /** The request frame itself is malformed (not JSON, unknown method, missing id). */
  'BAD_REQUEST',
  /** The per-launch token was missing or wrong. */
  'UNAUTHORIZED',
  'NOT_FOUND',
  /** Would violate uniqueness (e.g. a machine name already in use). */
  'CONFLICT',
  /** The action is not allowed in the machine's current state. */
  'INVALID_STATE',
  /** The host cannot give what the request asks for. */
  'INSUFFICIENT_RESOURCES',
  /** The engine worker is restarting or down. */
  'ENGINE_UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Dotted path of the input field the error concerns, e.g. "memoryMiB". */
  field: z.string().optional(),
});
export type AppErrorData = z.infer<typeof appErrorSchema>;

/** Error thrown inside a layer; crosses transports as plain `AppErrorData`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }

  toData(): AppErrorData {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.field);
  }
}

/** Converts anything thrown into wire data, hiding internals of unexpected errors. */
export function toAppErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  const parsed = appErrorSchema.safeParse(error);
  if (parsed.success) return parsed.data;
  return { code: 'INTERNAL', message: 'Something went wrong inside Virtlab; the operation was not carried out.' };
}

/** Turns the first zod issue into a VALIDATION error naming the field. */
export function validationErrorFrom(error: z.ZodError): AppError {
  const issue = error.issues[0];
  if (!issue) return new AppError('VALIDATION', 'The request is not valid.');
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return new AppError('VALIDATION', `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${keys}`, field || issue.keys[0]);
  }
  const message = field && issue.message.startsWith('Invalid input') ? `${field}: ${issue.message}` : issue.message;
  return new AppError('VALIDATION', message, field || undefined);
}
