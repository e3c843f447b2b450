// The CLI's import overrides applied to a preview: names, sizes, placement, MAC policy, and what is refused.
import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportSystem } from '../../shared/domain/appliance.ts';
import { UsageError } from './cliErrors.ts';
import { importChoices } from './importChoices.ts';
import { sampleHosts } from './testing/sampleHosts.ts';

function system(overrides: Partial<ImportSystem> = {}): ImportSystem {
  return {
    sourceId: 'vm-1',
    name: 'web-01',
    suggestedName: 'web-01_1',
    osType: 'ubuntu64',
    vcpus: 2,
    memoryMiB: 2048,
    diskGiB: 25,
    nics: [],
    optical: null,
    virtlab: null,
    hostId: 'host-1',
    platformId: 'lxc-atlas',
    workload: 'web',
    diskAllocation: 'dynamic',
    warnings: [],
    ...overrides,
  };
}

const preview = (...systems: ImportSystem[]): ImportPreview => ({
  uploadId: '00000000-0000-4000-8000-000000000000',
  fileName: 'pair.ova',
  format: 'ova',
  hasManifest: true,
  manifestVerified: true,
  shippedFiles: [],
  systems,
});

describe('importChoices', () => {
  it('takes the previewed values as they are, with new MACs, when nothing is overridden', () => {
    expect(importChoices(preview(system()), sampleHosts, { keepMacs: false })).toEqual([
      {
        sourceId: 'vm-1',
        include: true,
        name: 'web-01_1',
        osType: 'ubuntu64',
        vcpus: 2,
        memoryMiB: 2048,
        diskGiB: 25,
        hostId: 'host-1',
        platformId: 'lxc-atlas',
        workload: 'web',
        diskAllocation: 'dynamic',
        macPolicy: 'new',
      },
    ]);
  });

  it('applies --name, --cpus, --memory and --keep-macs', () => {
    const [choice] = importChoices(preview(system()), sampleHosts, { name: 'copy', cpus: 4, memory: 4096, keepMacs: true });
    expect(choice).toMatchObject({ name: 'copy', vcpus: 4, memoryMiB: 4096, macPolicy: 'keep' });
  });

  it('with only --host, keeps the kind of platform the machine was going to run on', () => {
    const [choice] = importChoices(preview(system()), sampleHosts, { host: 'Borealis', keepMacs: false });
    expect(choice).toMatchObject({ hostId: 'host-2', platformId: 'lxc-borealis' });
  });

  it('with --platform, moves the machine to that platform and its host', () => {
    const [choice] = importChoices(preview(system()), sampleHosts, { platform: 'Borealis KVM', keepMacs: false });
    expect(choice).toMatchObject({ hostId: 'host-2', platformId: 'kvm-borealis' });
  });

  it('refuses --name for an appliance of several machines', () => {
    const attempt = () => importChoices(preview(system(), system({ sourceId: 'vm-2' })), sampleHosts, { name: 'x', keepMacs: false });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow('--name can only be used when the appliance holds one machine; pair.ova holds 2');
  });

  it('checks overrides against the contract limits and names the option', () => {
    expect(() => importChoices(preview(system()), sampleHosts, { cpus: 65, keepMacs: false })).toThrow('--cpus: vCPUs must be at most 64');
    expect(() => importChoices(preview(system()), sampleHosts, { name: 'a:b', keepMacs: false })).toThrow(/^--name: Name cannot contain/);
  });

  it('refuses an appliance without machines', () => {
    expect(() => importChoices(preview(), sampleHosts, { keepMacs: false })).toThrow('pair.ova holds no machines to import');
  });
});
