// The envelope every method result travels in over either transport.
import type { AppErrorData } from '../errors.ts';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = (error: AppErrorData): ApiResult<never> => ({ ok: false, error });
