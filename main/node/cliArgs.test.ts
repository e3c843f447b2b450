// Web-mode argument parsing: defaults, accepted forms, and clear refusals.
import { describe, expect, it } from 'vitest';
import { CliUsageError, parseWebModeArgs } from './cliArgs.ts';

/** A fixed Linux user without VIRTLAB_LIBRARY, so the defaults do not depend on who runs the tests. */
const sources = { env: {}, platform: 'linux' as const, homedir: '/home/ada', cwd: '/work' };

describe('parseWebModeArgs', () => {
  it('has defaults (port undefined = preferred port with fallback, library in the app-data folder)', () => {
    expect(parseWebModeArgs([], sources)).toEqual({
      port: undefined,
      host: '127.0.0.1',
      seed: 1,
      speed: 1,
      testHooks: false,
      newToken: false,
      help: false,
      libraryDir: '/home/ada/.local/share/Virtlab',
    });
  });

  it('takes the library from --library, else from VIRTLAB_LIBRARY, relative to the working folder', () => {
    expect(parseWebModeArgs(['--library', 'labs/one'], { ...sources, env: { VIRTLAB_LIBRARY: '/srv/lib' } }).libraryDir).toBe('/work/labs/one');
    expect(parseWebModeArgs(['--library=~/vl'], sources).libraryDir).toBe('/home/ada/vl');
    expect(parseWebModeArgs([], { ...sources, env: { VIRTLAB_LIBRARY: '/srv/lib' } }).libraryDir).toBe('/srv/lib');
  });

  it.each([
    [['--library', ''], /--library must name a folder/],
    [['--library', 'a\u0001b'], /--library contains control characters/],
    [['--library', '~bob/x'], /only your own home folder/],
    [['--library', 'x'.repeat(5000)], /--library is too long/],
  ])('refuses the library %#', (argv, message) => {
    expect(() => parseWebModeArgs(argv, sources)).toThrow(CliUsageError);
    expect(() => parseWebModeArgs(argv, sources)).toThrow(message);
  });

  it('accepts every option in both spellings', () => {
    expect(parseWebModeArgs(['--port', '0', '--host=localhost', '--seed', '42', '--speed=2.5', '--test-hooks', '--library', '/tmp/lab'], sources)).toEqual({
      port: 0,
      host: 'localhost',
      seed: 42,
      speed: 2.5,
      testHooks: true,
      newToken: false,
      help: false,
      libraryDir: '/tmp/lab',
    });
    expect(parseWebModeArgs(['--help'], sources).help).toBe(true);
  });

  it.each([
    [['--port', '70000'], /--port must be between 0 and 65535/],
    [['--port', 'abc'], /--port must be a number/],
    [['--port', '1.5'], /--port must be a whole number/],
    [['--speed', '0'], /--speed must be greater than 0/],
    [['--seed=-3'], /--seed must be at least 0/],
    [['--host', '0.0.0.0'], /Refusing to listen on "0.0.0.0"/],
    [['--host', '192.168.1.5'], /loopback/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['stray'], /positional/],
    [['--port'], /argument missing/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseWebModeArgs(argv, sources)).toThrow(CliUsageError);
    expect(() => parseWebModeArgs(argv, sources)).toThrow(message);
  });
});
