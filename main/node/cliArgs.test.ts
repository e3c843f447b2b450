// Web-mode argument parsing: defaults, accepted forms, and clear refusals.
import { describe, expect, it } from 'vitest';
import { CliUsageError, parseWebModeArgs } from './cliArgs.ts';

describe('parseWebModeArgs', () => {
  it('has defaults (port undefined = preferred port with fallback)', () => {
    expect(parseWebModeArgs([])).toEqual({ port: undefined, host: '127.0.0.1', seed: 1, speed: 1, testHooks: false, help: false });
  });

  it('accepts every option in both spellings', () => {
    expect(parseWebModeArgs(['--port', '0', '--host=localhost', '--seed', '42', '--speed=2.5', '--test-hooks'])).toEqual({
      port: 0,
      host: 'localhost',
      seed: 42,
      speed: 2.5,
      testHooks: true,
      help: false,
    });
    expect(parseWebModeArgs(['--help']).help).toBe(true);
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
    expect(() => parseWebModeArgs(argv)).toThrow(CliUsageError);
    expect(() => parseWebModeArgs(argv)).toThrow(message);
  });
});
