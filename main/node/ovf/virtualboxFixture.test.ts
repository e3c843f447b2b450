// A descriptor written by VirtualBox (Vagrant FreeBSD box) imports with the right CPU, memory, disk, NIC and OS type.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOvfDescriptor } from './ovfDescriptorReader.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const fixture = path.resolve(repoRoot, '../shared/fixtures/ovf/virtualbox-vagrant-freebsd.ovf');
const reason = existsSync(fixture) ? undefined : `VirtualBox fixture not found at ${fixture}`;
if (reason) console.warn(`[virtualboxFixture.test] skipping: ${reason}`);

describe.skipIf(reason !== undefined)(`VirtualBox-written OVF${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it('imports CPU, memory, disk capacity, NIC, optical drive and OS type', () => {
    const plans = readOvfDescriptor(readFileSync(fixture));
    expect(plans).toHaveLength(1);
    const [plan] = plans;
    expect(plan).toMatchObject({
      sourceId: 'vagrant-freebsd',
      name: 'vagrant-freebsd',
      osType: 'freebsd64',
      vcpus: 1,
      memoryMiB: 512,
      disks: [{ diskId: 'vmdisk1', capacityGiB: 40, fileRef: 'file1' }],
      nics: [{ slot: 1, attachment: 'nat', connection: 'NAT' }],
      optical: { kind: 'empty' },
      warnings: [],
    });
    expect(plan?.virtlab).toBeUndefined();
  });
});
