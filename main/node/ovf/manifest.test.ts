// Manifests as VirtualBox (IPRT), ovftool and DSP0243 write them are read and checked, in an OVA and beside an .ovf.
import { describe, expect, it } from 'vitest';
import { readAppliance } from './applianceReader.ts';
import { digestOf, parseManifest } from './manifest.ts';
import { buildOvfDescriptor } from './ovfDescriptorWriter.ts';
import { packTar } from './ovaWriter.ts';
import { legacyMachine } from './ovfTestData.ts';

const descriptor = Buffer.from(buildOvfDescriptor([legacyMachine], { version: '1.0' }));
const disk = Buffer.from('not really a vmdk, but bytes all the same');
const sha1 = digestOf('SHA1', descriptor);
const sha256 = digestOf('SHA256', descriptor);
const sha512 = digestOf('SHA512', descriptor);

describe('reading manifest lines', () => {
  it.each([
    ['VirtualBox (IPRT RTManifestWriteStandard)', `SHA1 (box.ovf) = ${sha1}\n`, 'SHA1', sha1],
    ['VirtualBox with SHA-256', `SHA256 (box.ovf) = ${sha256}\n`, 'SHA256', sha256],
    ['VirtualBox with SHA-512', `SHA512 (box.ovf) = ${sha512}\n`, 'SHA512', sha512],
    ['ovftool / DSP0243', `SHA1(box.ovf)= ${sha1}\n`, 'SHA1', sha1],
    ['DSP0243 with SHA-256 and CRLF', `SHA256(box.ovf)= ${sha256}\r\n`, 'SHA256', sha256],
    ['upper-case hex and extra blanks', `  SHA256  ( box.ovf )  =   ${sha256.toUpperCase()}  \n`, 'SHA256', sha256],
  ])('%s', (_label, text, algorithm, digest) => {
    expect(parseManifest(text)).toEqual([{ algorithm, fileName: 'box.ovf', digest }]);
  });

  it('reads MD5 and SIZE attributes (IPRT can write both) and file names with parentheses', () => {
    expect(parseManifest(`MD5 (a (1).ovf) = ${digestOf('MD5', descriptor)}\nSIZE (a (1).ovf) = 123\n`)).toEqual([
      { algorithm: 'MD5', fileName: 'a (1).ovf', digest: digestOf('MD5', descriptor) },
      { algorithm: 'SIZE', fileName: 'a (1).ovf', size: 123 },
    ]);
  });

  it.each([
    ['a line without parentheses', `SHA1 box.ovf = ${sha1}`, /Manifest line 1 is not of the form/],
    ['a digest of the wrong length', `SHA1(box.ovf)= ${sha1}00`, /Manifest line 1: a SHA1 digest has 40 hex digits/],
    ['an unknown digest', `CRC32(box.ovf)= 1234abcd`, /Manifest line 1 uses the digest "CRC32", which Virtlab cannot check/],
    ['two different digests for one file', `SHA1(box.ovf)= ${sha1}\nSHA1(box.ovf)= ${'0'.repeat(40)}`, /two different SHA1 values for "box\.ovf"/],
    ['an empty manifest', '\n\n', /The manifest lists no files/],
  ])('refuses %s', (_label, text, message) => {
    expect(() => parseManifest(text)).toThrow(message);
  });
});

describe('OVA manifests', () => {
  const vboxManifest = `SHA256 (box.ovf) = ${sha256}\nSHA256 (box-disk001.vmdk) = ${digestOf('SHA256', disk)}\n`;

  it('verifies an OVA laid out as VirtualBox writes it (IPRT manifest, disk image)', async () => {
    const ova = await packTar([
      { name: 'box.ovf', data: descriptor },
      { name: 'box.mf', data: Buffer.from(vboxManifest) },
      { name: 'box-disk001.vmdk', data: disk },
    ]);
    const result = await readAppliance(ova, 'box.ova');
    expect(result).toMatchObject({ hasManifest: true, manifestVerified: true, shippedFiles: ['box-disk001.vmdk'] });
    expect(result.plans[0]?.name).toBe('bsd-box');
  });

  it('refuses a VirtualBox OVA whose disk image was altered', async () => {
    const ova = await packTar([
      { name: 'box.ovf', data: descriptor },
      { name: 'box.mf', data: Buffer.from(vboxManifest) },
      { name: 'box-disk001.vmdk', data: Buffer.from('tampered') },
    ]);
    await expect(readAppliance(ova, 'box.ova')).rejects.toThrow('Manifest digest mismatch for "box-disk001.vmdk" (SHA256): the file was altered or damaged');
  });

  it('accepts a signing certificate that the manifest does not list (DSP0243) and checks SIZE lines', async () => {
    const good = await packTar([
      { name: 'box.ovf', data: descriptor },
      { name: 'box.mf', data: Buffer.from(`SHA1(box.ovf)= ${sha1}\nSIZE (box.ovf) = ${descriptor.byteLength}\n`) },
      { name: 'box.cert', data: Buffer.from(`SHA1(box.mf)= ${'0'.repeat(40)}\n-----BEGIN CERTIFICATE-----\n`) },
    ]);
    expect((await readAppliance(good, 'box.ova')).manifestVerified).toBe(true);
    const wrongSize = await packTar([
      { name: 'box.ovf', data: descriptor },
      { name: 'box.mf', data: Buffer.from(`SIZE (box.ovf) = 12\n`) },
    ]);
    await expect(readAppliance(wrongSize, 'box.ova')).rejects.toThrow(`Manifest size mismatch for "box.ovf": the manifest says 12 bytes, the file has ${descriptor.byteLength}`);
  });
});

describe('a manifest beside an .ovf', () => {
  it('verifies the descriptor (VirtualBox format, disk lines left for the images that are not uploaded)', async () => {
    const result = await readAppliance(descriptor, 'box.ovf', undefined, { fileName: 'box.mf', text: `SHA1 (box.ovf) = ${sha1}\nSHA1 (box-disk001.vmdk) = ${'a'.repeat(40)}\n` });
    expect(result).toMatchObject({ format: 'ovf', hasManifest: true, manifestVerified: true });
  });

  it('refuses a descriptor altered after the manifest was written', async () => {
    const tampered = Buffer.from(descriptor.toString().replace('<rasd:VirtualQuantity>1024</rasd:VirtualQuantity>', '<rasd:VirtualQuantity>9999</rasd:VirtualQuantity>'));
    await expect(readAppliance(tampered, 'box.ovf', undefined, { fileName: 'box.mf', text: `SHA1(box.ovf)= ${sha1}\n` })).rejects.toThrow(
      'Manifest digest mismatch for "box.ovf" (SHA1): the file was altered or damaged',
    );
  });

  it('refuses a manifest that does not list the descriptor, and a separate manifest for an OVA', async () => {
    await expect(readAppliance(descriptor, 'box.ovf', undefined, { fileName: 'other.mf', text: `SHA1(other.ovf)= ${sha1}\n` })).rejects.toThrow(
      'The manifest "other.mf" has no digest for "box.ovf"',
    );
    await expect(readAppliance(await packTar([{ name: 'box.ovf', data: descriptor }]), 'box.ova', undefined, { fileName: 'box.mf', text: `SHA1(box.ovf)= ${sha1}\n` })).rejects.toThrow(
      'An OVA carries its own manifest; "box.mf" only goes with an .ovf file',
    );
  });

  it('without a manifest, reports the .ovf as not verified', async () => {
    expect(await readAppliance(descriptor, 'box.ovf')).toMatchObject({ hasManifest: false, manifestVerified: false });
  });
});
