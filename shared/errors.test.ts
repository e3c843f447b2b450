// Tests for typed errors: wire conversion and zod issue translation.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, toAppErrorData, validationErrorFrom } from './errors.ts';
import { newMachineSpecSchema } from './domain/machine.ts';

describe('AppError', () => {
  it('round-trips through wire data', () => {
    const error = new AppError('CONFLICT', 'A machine named "a" already exists', 'name');
    const back = AppError.fromData(error.toData());
    expect(back).toBeInstanceOf(AppError);
    expect(back.toData()).toEqual({ code: 'CONFLICT', message: 'A machine named "a" already exists', field: 'name' });
  });

  it('hides internals of unexpected errors', () => {
    const data = toAppErrorData(new TypeError('cannot read x of undefined at /secret/path.ts:1'));
    expect(data.code).toBe('INTERNAL');
    expect(data.message).not.toContain('/secret');
  });

  it('passes through already-typed error data', () => {
    expect(toAppErrorData({ code: 'NOT_FOUND', message: 'gone' })).toEqual({ code: 'NOT_FOUND', message: 'gone' });
  });
});

describe('validationErrorFrom', () => {
  const spec = { name: 'web-01', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 20 };

  it('names the field and keeps the schema message', () => {
    const result = newMachineSpecSchema.safeParse({ ...spec, vcpus: 0 });
    expect(result.success).toBe(false);
    if (result.success) return;
    const error = validationErrorFrom(result.error);
    expect(error.toData()).toEqual({ code: 'VALIDATION', message: 'vCPUs must be at least 1', field: 'vcpus' });
  });

  it('reports unknown keys by name', () => {
    const result = newMachineSpecSchema.safeParse({ ...spec, evil: true });
    expect(result.success).toBe(false);
    if (result.success) return;
    const error = validationErrorFrom(result.error);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Unknown field: evil');
  });

  it('prefixes generic messages with the field path', () => {
    const result = z.object({ a: z.object({ b: z.string() }) }).safeParse({ a: { b: 1 } });
    expect(result.success).toBe(false);
    if (result.success) return;
    const error = validationErrorFrom(result.error);
    expect(error.field).toBe('a.b');
    expect(error.message.startsWith('a.b: ')).toBe(true);
  });
});
