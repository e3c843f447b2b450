// Which exit code and one-line message each kind of failure gets.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { LibraryUnavailableError, UsageError, describeFailure } from './cliErrors.ts';

describe('describeFailure', () => {
  it('gives usage errors exit 2 and a pointer to the right help', () => {
    expect(describeFailure(new UsageError('missing --name', 'create'))).toEqual({ code: 2, message: 'missing --name. Run "virtlab create --help" for usage.' });
    expect(describeFailure(new UsageError('unknown command "x".'))).toEqual({ code: 2, message: 'unknown command "x". Run "virtlab --help" for usage.' });
  });

  it('gives failed operations exit 1, argument-shaped backend refusals 2, and an unusable library 3', () => {
    expect(describeFailure(new AppError('NOT_FOUND', 'no machine "x"')).code).toBe(1);
    expect(describeFailure(new AppError('CONFLICT', 'name taken')).code).toBe(1);
    expect(describeFailure(new AppError('INVALID_STATE', 'running')).code).toBe(1);
    expect(describeFailure(new AppError('VALIDATION', 'Memory must be at least 4 MiB')).code).toBe(2);
    expect(describeFailure(new AppError('ENGINE_UNAVAILABLE', 'restarting')).code).toBe(3);
    expect(describeFailure(new LibraryUnavailableError('in use by pid 7'))).toEqual({ code: 3, message: 'in use by pid 7' });
  });

  it('keeps every message on one line', () => {
    expect(describeFailure(new Error('first\n  second\n\n'))).toEqual({ code: 1, message: 'first; second' });
    expect(describeFailure('plain')).toEqual({ code: 1, message: 'plain' });
  });
});
