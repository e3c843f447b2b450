// OVA round trip: descriptor first, manifest (SHA-1 for OVF 1.0, SHA-256 for 2.0) verified, tampering refused.
import { describe, expect, it } from 'vitest';
import { buildOva, packTar } from './ovaWriter.ts';
import { readOva } from './ovaReader.ts';
import { readAppliance } from './applianceReader.ts';
import { buildOvfDescriptor } from './ovfDescriptorWriter.ts';
import { digestOf } from './manifest.ts';
import { fullMachine, legacyMachine } from './ovfTestData.ts';

describe('OVA export and import', () => {
  it('puts the descriptor first and a SHA-1 manifest second for OVF 1.0, and imports back verified', async () => {
    const descriptor = buildOvfDescriptor([fullMachine, legacyMachine], { version: '1.0' });
    const ova = await buildOva({ baseName: 'lab', descriptor, version: '1.0', manifest: true });
    const contents = await readOva(ova);
    expect(contents.files.map((file) => file.name)).toEqual(['lab.ovf', 'lab.mf']);
    expect(contents.manifestVerified).toBe(true);
    expect(contents.manifest).toEqual([{ algorithm: 'SHA1', fileName: 'lab.ovf', digest: digestOf('SHA1', Buffer.from(descriptor)) }]);
    const result = await readAppliance(ova, 'lab.ova');
    expect(result).toMatchObject({ format: 'ova', manifestVerified: true, shippedFiles: [] });
    expect(result.plans.map((plan) => [plan.name, plan.vcpus, plan.memoryMiB, plan.disks[0]?.capacityGiB])).toEqual([
      ['web & db-01', 4, 6144, 40],
      ['bsd-box', 1, 1024, 16],
    ]);
    expect(result.plans[0]?.virtlab?.workload).toBe('database');
  });

  it('writes a SHA-256 manifest for OVF 2.0', async () => {
    const descriptor = buildOvfDescriptor([legacyMachine], { version: '2.0' });
    const ova = await buildOva({ baseName: 'bsd', descriptor, version: '2.0', manifest: true, files: [{ name: 'notes.txt', data: Buffer.from('hello') }] });
    const contents = await readOva(ova);
    expect(contents.manifestVerified).toBe(true);
    expect(contents.files.map((file) => file.name)).toEqual(['bsd.ovf', 'bsd.mf', 'notes.txt']);
    expect(contents.files[2]?.digests.SHA256).toBe(digestOf('SHA256', Buffer.from('hello')));
  });

  it('imports an OVA without manifest, reporting it unverified', async () => {
    const ova = await buildOva({ baseName: 'bsd', descriptor: buildOvfDescriptor([legacyMachine], { version: '1.0' }), version: '1.0', manifest: false });
    const result = await readAppliance(ova, 'bsd.OVA');
    expect(result.manifestVerified).toBe(false);
    expect(result.plans[0]?.name).toBe('bsd-box');
  });

  it('refuses an OVA whose manifest digest was tampered with', async () => {
    const descriptor = buildOvfDescriptor([legacyMachine], { version: '2.0' });
    const good = Buffer.from(descriptor);
    const forged = `SHA256(bsd.ovf)= ${digestOf('SHA256', Buffer.from(descriptor.replace('bsd-box', 'bsd-bot')))}\n`;
    const ova = await packTar([
      { name: 'bsd.ovf', data: good },
      { name: 'bsd.mf', data: Buffer.from(forged) },
    ]);
    await expect(readAppliance(ova, 'bsd.ova')).rejects.toThrow('Manifest digest mismatch for "bsd.ovf" (SHA256): the file was altered or damaged');
  });
});
