// Tests for the new-machine specification schema shared by the wizard and the backend.
import { describe, expect, it } from 'vitest';
import { machineNameKey, newMachineSpecSchema } from './machine.ts';

const valid = { name: '  web-01 ', osType: 'debian64', vcpus: 1, memoryMiB: 1024, diskGiB: 20 };

function firstMessage(input: unknown): string | undefined {
  const result = newMachineSpecSchema.safeParse(input);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('newMachineSpecSchema', () => {
  it('accepts a valid spec and trims the name', () => {
    const result = newMachineSpecSchema.parse(valid);
    expect(result.name).toBe('web-01');
  });

  it.each([
    [{ ...valid, name: '   ' }, 'Enter a name for the machine'],
    [{ ...valid, name: 'a/b' }, 'Name cannot contain / \\ : * ? " < > |'],
    [{ ...valid, name: 'web\u000701' }, 'Name cannot contain U+0007 (a control character)'],
    [{ ...valid, name: 'invoice\u202Efdp.exe' }, 'Name cannot contain U+202E (right-to-left override, which makes text display in another order than it is stored)'],
    [{ ...valid, name: 'a\u2067b' }, 'Name cannot contain U+2067 (right-to-left isolate, which makes text display in another order than it is stored)'],
    [{ ...valid, name: 'web\u200B01' }, 'Name cannot contain U+200B (zero-width space, an invisible character)'],
    [{ ...valid, name: 'web\u2060' }, 'Name cannot contain U+2060 (word joiner, an invisible character)'],
    [{ ...valid, name: 'web\uD80001' }, 'Name cannot contain U+D800 (half of a surrogate pair, which is not a character on its own and cannot be saved or exported)'],
    [{ ...valid, name: 'web\uDC00' }, 'Name cannot contain U+DC00 (half of a surrogate pair, which is not a character on its own and cannot be saved or exported)'],
    [{ ...valid, name: 'x'.repeat(65) }, 'Name must be at most 64 characters'],
    [{ ...valid, osType: 'beos' }, 'Choose an OS type from the list'],
    [{ ...valid, vcpus: 1.5 }, 'vCPUs must be a whole number'],
    [{ ...valid, vcpus: 65 }, 'vCPUs must be at most 64'],
    [{ ...valid, memoryMiB: 2 }, 'Memory must be at least 4 MiB'],
    [{ ...valid, diskGiB: '20' }, 'Disk size must be a number'],
  ])('refuses %j with a human message', (input, message) => {
    expect(firstMessage(input)).toBe(message);
  });

  it('accepts names in any script, with emoji (surrogate pairs) and accents', () => {
    for (const name of ['Вебсервер', 'خادم الويب', 'サーバー 1', 'db 😀', 'Ünïcødé']) expect(firstMessage({ ...valid, name })).toBeUndefined();
  });

  it('compares names case- and space-insensitively', () => {
    expect(machineNameKey(' Web-01 ')).toBe(machineNameKey('web-01'));
  });
});
