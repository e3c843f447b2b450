// Tests for the Import wizard's model: prefilled choices, schema and uniqueness checks, excluded systems, and placing server errors.
import { describe, expect, it } from 'vitest';
import type { ImportSystem } from '../../shared/domain/appliance.ts';
import { choiceFromSystem, locateImportError, validateChoices } from './importChoiceForm.ts';

function system(overrides: Partial<ImportSystem> = {}): ImportSystem {
  return {
    sourceId: 'vm-1',
    name: 'web-01',
    suggestedName: 'web-01_1',
    osType: 'debian64',
    vcpus: 2,
    memoryMiB: 2048,
    diskGiB: 20,
    nics: [],
    optical: null,
    virtlab: null,
    hostId: 'host-1',
    platformId: 'esx-atlas',
    workload: 'database',
    diskAllocation: 'fixed',
    warnings: [],
    ...overrides,
  };
}

const noNames = new Set<string>();

describe('importChoiceForm', () => {
  it('prefills the suggested name and the file values, with new MAC addresses', () => {
    expect(choiceFromSystem(system())).toEqual({
      sourceId: 'vm-1',
      include: true,
      name: 'web-01_1',
      osType: 'debian64',
      vcpus: '2',
      memoryMiB: '2048',
      diskGiB: '20',
      hostId: 'host-1',
      platformId: 'esx-atlas',
      workload: 'database',
      diskAllocation: 'fixed',
      macPolicy: 'new',
    });
  });

  it('turns valid values into commitImport choices', () => {
    const systems = [system()];
    const result = validateChoices(systems.map(choiceFromSystem), systems, noNames);
    expect(result.errors).toEqual([{}]);
    expect(result.choices).toEqual([expect.objectContaining({ name: 'web-01_1', vcpus: 2, memoryMiB: 2048, diskGiB: 20, include: true, macPolicy: 'new' })]);
  });

  it('reports field messages from the schema and names already taken, case-insensitively', () => {
    const systems = [system()];
    const values = [{ ...choiceFromSystem(system()), name: 'WEB-01', vcpus: '0', memoryMiB: '1.5', diskGiB: '' }];
    const result = validateChoices(values, systems, new Set(['web-01']));
    expect(result.choices).toBeNull();
    expect(result.errors[0]).toEqual({
      name: 'A machine named "WEB-01" already exists',
      vcpus: 'vCPUs must be at least 1',
      memoryMiB: 'Memory must be a whole number',
      diskGiB: 'Disk size must be a number',
    });
  });

  it('refuses the same name chosen for two systems', () => {
    const systems = [system(), system({ sourceId: 'vm-2', name: 'web-02', suggestedName: 'web-02' })];
    const values = systems.map(choiceFromSystem);
    values[1]!.name = 'Web-01_1';
    const result = validateChoices(values, systems, noNames);
    expect(result.errors[1]?.name).toBe('"Web-01_1" is chosen for two machines in this import');
    expect(result.choices).toBeNull();
  });

  it('sends an excluded system as previewed, whatever was typed into it, and needs one included', () => {
    const systems = [system(), system({ sourceId: 'vm-2', suggestedName: 'web-02' })];
    const values = systems.map(choiceFromSystem);
    values[1] = { ...values[1]!, include: false, name: '', vcpus: 'x' };
    const result = validateChoices(values, systems, noNames);
    expect(result.errors).toEqual([{}, {}]);
    expect(result.choices?.map((c) => [c.name, c.include])).toEqual([
      ['web-01_1', true],
      ['web-02', false],
    ]);
    values[0]!.include = false;
    expect(validateChoices(values, systems, noNames).choices).toBeNull();
  });

  it('places "systems.N.field" errors, and bare field names on the only included system', () => {
    const values = [system(), system({ sourceId: 'vm-2' })].map(choiceFromSystem);
    expect(locateImportError('systems.1.memoryMiB', values)).toEqual({ index: 1, field: 'memoryMiB' });
    expect(locateImportError('systems.7.name', values)).toBeNull();
    expect(locateImportError('systems.1', values)).toEqual({ index: 1, field: null });
    expect(locateImportError('systems.0.sourceId', values)).toEqual({ index: 0, field: null });
    expect(locateImportError('name', values)).toBeNull();
    values[0]!.include = false;
    expect(locateImportError('name', values)).toEqual({ index: 1, field: 'name' });
    expect(locateImportError('uploadId', values)).toBeNull();
    expect(locateImportError(undefined, values)).toBeNull();
  });
});
