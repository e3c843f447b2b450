// Tests for the Export wizard's model: default file names, name validation, digests per format and the request sent.
import { describe, expect, it } from 'vitest';
import { baseNameError, defaultBaseName, exportRequest, manifestDigest, sanitizeBaseName } from './exportForm.ts';

describe('exportForm', () => {
  it('names the file after a single machine, replacing characters a file name cannot hold', () => {
    expect(defaultBaseName(['web-01'])).toBe('web-01');
    expect(defaultBaseName(['db: primary/eu'])).toBe('db- primary-eu');
    expect(sanitizeBaseName('...hidden')).toBe('hidden');
    expect(sanitizeBaseName('///')).toBe('-');
    expect(defaultBaseName(['a', 'b', 'c'])).toBe('virtlab-appliance-3-machines');
    expect(defaultBaseName([])).toBe('appliance');
  });

  it('reports the contract messages for bad names', () => {
    expect(baseNameError('web-01')).toBeNull();
    expect(baseNameError('  ')).toBe('Enter a file name');
    expect(baseNameError('a/b')).toBe('File name may contain letters, digits, spaces, dots, dashes, underscores and parentheses');
    expect(baseNameError('.profile')).toBe('File name must not start with a dot');
  });

  it('uses SHA-1 for OVF 1.0 manifests, SHA-256 for 2.0, and none for JSON', () => {
    expect(manifestDigest('ova', '1.0')).toBe('SHA-1');
    expect(manifestDigest('ova', '2.0')).toBe('SHA-256');
    expect(manifestDigest('ovf1', '2.0')).toBe('SHA-1');
    expect(manifestDigest('ovf2', '1.0')).toBe('SHA-256');
    expect(manifestDigest('json', '1.0')).toBeNull();
  });

  it('maps each choice to the contract format and OVF version', () => {
    const base = { machineIds: ['m1'], ovaVersion: '2.0' as const, manifest: true, baseName: ' web-01 ' };
    expect(exportRequest({ ...base, choice: 'ova' }, 'op')).toEqual({ machineIds: ['m1'], format: 'ova', ovfVersion: '2.0', manifest: true, fileBaseName: 'web-01', operationId: 'op' });
    expect(exportRequest({ ...base, choice: 'ovf1' }, 'op')).toMatchObject({ format: 'ovf', ovfVersion: '1.0' });
    expect(exportRequest({ ...base, choice: 'ovf2' }, 'op')).toMatchObject({ format: 'ovf', ovfVersion: '2.0' });
    expect(exportRequest({ ...base, choice: 'json' }, 'op')).toMatchObject({ format: 'json', manifest: false });
  });
});
