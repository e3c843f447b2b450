// Which exit code, kind and one-line message each kind of failure gets.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { ApplianceRefusedError, LibraryUnavailableError, NotSupportedError, UsageError, describeFailure } from './cliErrors.ts';

describe('describeFailure', () => {
  it('gives usage errors exit 2 and a pointer to the right help', () => {
    expect(describeFailure(new UsageError('missing --name', 'create'))).toEqual({ code: 2, kind: 'USAGE', message: 'missing --name. Run "virtlab create --help" for usage.' });
    expect(describeFailure(new UsageError('unknown command "x".'))).toEqual({ code: 2, kind: 'USAGE', message: 'unknown command "x". Run "virtlab --help" for usage.' });
  });

  it('gives failed operations exit 1, argument-shaped backend refusals 2, an unusable library 3 and a refused appliance 4', () => {
    expect(describeFailure(new AppError('NOT_FOUND', 'no machine "x"')).code).toBe(1);
    expect(describeFailure(new AppError('CONFLICT', 'name taken')).code).toBe(1);
    expect(describeFailure(new AppError('INVALID_STATE', 'running')).code).toBe(1);
    expect(describeFailure(new AppError('VALIDATION', 'Memory must be at least 4 MiB')).code).toBe(2);
    expect(describeFailure(new AppError('ENGINE_UNAVAILABLE', 'restarting')).code).toBe(3);
    expect(describeFailure(new LibraryUnavailableError('in use by pid 7'))).toEqual({ code: 3, kind: 'LIBRARY_UNAVAILABLE', message: 'in use by pid 7' });
    expect(describeFailure(new ApplianceRefusedError('x.ova: not a tar archive'))).toEqual({ code: 4, kind: 'APPLIANCE_REFUSED', message: 'x.ova: not a tar archive' });
    expect(describeFailure(new NotSupportedError('reset is not supported yet'))).toEqual({ code: 1, kind: 'NOT_SUPPORTED', message: 'reset is not supported yet' });
  });

  it('keeps every message on one line', () => {
    expect(describeFailure(new Error('first\n  second\n\n'))).toMatchObject({ code: 1, message: 'first; second' });
    expect(describeFailure('plain')).toMatchObject({ code: 1, message: 'plain' });
  });

  it('never passes terminal control sequences through', () => {
    const { message } = describeFailure(new AppError('VALIDATION', 'bad name "\u001b]0;pwned\u0007evil\u001b[2J\u009b31m"'));
    expect(message).toBe('bad name "evil\uFFFD31m"');
  });
});
