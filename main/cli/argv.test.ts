// Option parsing: value forms, "--", booleans, and the usage errors for unknown, repeated and value-less options.
import { describe, expect, it } from 'vitest';
import { closest, parseArgv } from './argv.ts';
import { UsageError } from './cliErrors.ts';
import type { OptionSpecs } from './argv.ts';

const specs: OptionSpecs = { name: { type: 'string' }, output: { type: 'string', short: 'o' }, linked: { type: 'boolean' } };

describe('parseArgv', () => {
  it('reads --opt value, --opt=value, -o value, booleans and positionals in any order', () => {
    expect(parseArgv(['vm1', '--name', 'a b', '--linked', '-o', 'x.ova', 'vm2'], specs, 'clone')).toEqual({
      values: { name: 'a b', output: 'x.ova', linked: true },
      positionals: ['vm1', 'vm2'],
      sections: [],
    });
    expect(parseArgv(['--name=web=1', '--output='], specs, 'c').values).toEqual({ name: 'web=1', output: '' });
  });

  it('treats everything after -- as positional and lets a value start with one dash', () => {
    expect(parseArgv(['--', '--name', '-x'], specs, 'c')).toEqual({ values: {}, positionals: ['--name', '-x'], sections: [] });
    expect(parseArgv(['--name', '-1'], specs, 'c').values).toEqual({ name: '-1' });
  });

  it.each([
    [['--nmae', 'x'], /"create" has no option --nmae \(did you mean --name\?\)/],
    [['--zzzzzz'], /"create" has no option --zzzzzz$/],
    [['-x'], /has no option -x/],
    [['--name'], /--name needs a value/],
    [['--name', '--linked'], /--name needs a value/],
    [['--linked=yes'], /--linked does not take a value/],
    [['--name', 'a', '--name', 'b'], /--name was given more than once/],
  ])('refuses %j with a usage error', (argv, message) => {
    const attempt = () => parseArgv(argv, specs, 'create');
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });
});

describe('parseArgv sections', () => {
  const sectioned: OptionSpecs = { ...specs, vsys: { type: 'string', startsSection: true } };

  it('puts options after --vsys N into section N, where they may repeat across sections', () => {
    expect(parseArgv(['f.ova', '--linked', '--vsys', '0', '--name', 'a', '--vsys=1', '--name', 'b'], sectioned, 'import')).toEqual({
      values: { linked: true },
      positionals: ['f.ova'],
      sections: [
        { key: '0', values: { name: 'a' } },
        { key: '1', values: { name: 'b' } },
      ],
    });
  });

  it('still refuses a repeat inside one section and a section marker without a number', () => {
    expect(() => parseArgv(['--vsys', '0', '--name', 'a', '--name', 'b'], sectioned, 'import')).toThrow(/--name was given more than once/);
    expect(() => parseArgv(['--vsys'], sectioned, 'import')).toThrow(/--vsys needs a value/);
  });
});

describe('closest', () => {
  it('suggests the single nearest name within two edits, and nothing when far off', () => {
    expect(closest('lsit', ['list', 'show'])).toBe('list');
    expect(closest('creat', ['create', 'clone'])).toBe('create');
    expect(closest('frobnicate', ['list', 'show'])).toBeUndefined();
  });
});
