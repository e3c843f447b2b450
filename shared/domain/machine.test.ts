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
    [{ ...valid, name: 'a/b' }, 'Name cannot contain / \\ : * ? " < > | or control characters'],
    [{ ...valid, name: 'x'.repeat(65) }, 'Name must be at most 64 characters'],
    [{ ...valid, osType: 'beos' }, 'Choose an OS type from the list'],
    [{ ...valid, vcpus: 1.5 }, 'vCPUs must be a whole number'],
    [{ ...valid, vcpus: 65 }, 'vCPUs must be at most 64'],
    [{ ...valid, memoryMiB: 2 }, 'Memory must be at least 4 MiB'],
    [{ ...valid, diskGiB: '20' }, 'Disk size must be a number'],
  ])('refuses %j with a human message', (input, message) => {
    expect(firstMessage(input)).toBe(message);
  });

  it('compares names case- and space-insensitively', () => {
    expect(machineNameKey(' Web-01 ')).toBe(machineNameKey('web-01'));
  });
});
