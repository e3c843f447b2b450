// Tests for the wizard's form validation (shared schema messages plus name uniqueness).
import { describe, expect, it } from 'vitest';
import { formFieldOf, toFitCheckInput, validateMachineForm } from './machineForm.ts';
import type { MachineFormValues } from './machineForm.ts';

const good: MachineFormValues = { name: 'web-01', osType: 'ubuntu64', vcpus: '2', memoryMiB: '2048', diskGiB: '25' };

describe('validateMachineForm', () => {
  it('turns valid text into a spec', () => {
    const { errors, spec } = validateMachineForm({ ...good, name: ' web-01 ' }, new Set());
    expect(errors).toEqual({});
    expect(spec).toEqual({ name: 'web-01', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25 });
  });

  it('reports one message per field from the shared schema', () => {
    const { errors, spec } = validateMachineForm({ name: '', osType: '', vcpus: '0', memoryMiB: '', diskGiB: '1.5' }, new Set());
    expect(spec).toBeNull();
    expect(errors).toEqual({
      name: 'Enter a name for the machine',
      osType: 'Choose an OS type from the list',
      vcpus: 'vCPUs must be at least 1',
      memoryMiB: 'Memory must be a number',
      diskGiB: 'Disk size must be a whole number',
    });
  });

  it('refuses a name already in use, ignoring case and spaces', () => {
    const { errors, spec } = validateMachineForm({ ...good, name: ' WEB-01 ' }, new Set(['web-01']));
    expect(errors.name).toBe('A machine named "WEB-01" already exists');
    expect(spec).toBeNull();
  });
});

describe('toFitCheckInput', () => {
  it('asks about the placement and sizes, naming the machine only when the name is valid and free', () => {
    const placed: MachineFormValues = { ...good, hostId: 'host-2', platformId: 'lpar-fw', workload: 'database' };
    expect(toFitCheckInput(placed)).toEqual({ name: 'web-01', osType: 'ubuntu64', vcpus: 2, memoryMiB: 2048, diskGiB: 25, hostId: 'host-2', platformId: 'lpar-fw', workload: 'database' });
    expect(toFitCheckInput({ ...placed, name: '' })).not.toHaveProperty('name');
    expect(toFitCheckInput(placed, new Set(['web-01']))).not.toHaveProperty('name');
    expect(toFitCheckInput({ ...placed, vcpus: '0' })).toBeNull();
  });

  it('maps the engine\'s field names onto the form\'s', () => {
    expect(formFieldOf('os')).toBe('osType');
    expect(formFieldOf('platform')).toBe('platformId');
    expect(formFieldOf('vcpus')).toBe('vcpus');
    expect(formFieldOf('ringSize')).toBeUndefined();
  });
});
