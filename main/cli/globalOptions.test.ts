// Global options are found anywhere before "--" and removed from what the command sees.
import { describe, expect, it } from 'vitest';
import { splitGlobalOptions } from './globalOptions.ts';

describe('splitGlobalOptions', () => {
  it('pulls --library, --json, --help and --version out from any position', () => {
    expect(splitGlobalOptions(['--library', '/lib', 'show', 'web', '--json'])).toEqual({
      globals: { library: '/lib', json: true, help: false, version: false },
      rest: ['show', 'web'],
    });
    expect(splitGlobalOptions(['create', '-h', '--library=/x y']).globals).toEqual({ library: '/x y', json: false, help: true, version: false });
    expect(splitGlobalOptions(['-V']).globals.version).toBe(true);
  });

  it('leaves everything from "--" on to the command', () => {
    expect(splitGlobalOptions(['create', '--', '--json']).rest).toEqual(['create', '--', '--json']);
  });

  it.each([
    [['--library'], /--library needs a folder/],
    [['--library', '--json'], /--library needs a folder/],
    [['--library='], /must name a folder/],
    [['--library', 'a', '--library', 'b'], /more than once/],
  ])('refuses %j', (argv, message) => {
    expect(() => splitGlobalOptions(argv)).toThrow(message);
  });
});
