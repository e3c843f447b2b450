// Hostile and broken appliances are refused with specific messages, and the commit step never runs (nothing written).
import { describe, expect, it } from 'vitest';
import { importAppliance } from './applianceReader.ts';
import type { ApplianceReadResult } from './applianceReader.ts';
import { buildOvfDescriptor } from './ovfDescriptorWriter.ts';
import { packTar } from './ovaWriter.ts';
import type { TarEntryInput } from './ovaWriter.ts';
import { buildManifest } from './manifest.ts';
import { defaultOvaLimits } from './ovaReader.ts';
import { legacyMachine } from './ovfTestData.ts';
import { xmlLimits } from './xmlTree.ts';

const valid = buildOvfDescriptor([legacyMachine], { version: '1.0' });
const validBytes = Buffer.from(valid);

interface HostileCase {
  name: string;
  file: () => Promise<{ bytes: Buffer; fileName: string }>;
  message: RegExp;
}

const ovf = (xml: string) => async () => ({ bytes: Buffer.from(xml), fileName: 'evil.ovf' });
const ova = (entries: TarEntryInput[]) => async () => ({ bytes: await packTar(entries), fileName: 'evil.ova' });

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"><VirtualSystem>&lol3;</VirtualSystem></Envelope>`;

const cases: HostileCase[] = [
  {
    name: 'XXE through a DOCTYPE with an external entity',
    file: ovf(valid.replace('<Envelope', '<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Envelope').replace('<Name>bsd-box</Name>', '<Name>&xxe;</Name>')),
    message: /contains a DOCTYPE declaration; DOCTYPEs and entity declarations are refused/,
  },
  { name: 'billion laughs entity expansion', file: ovf(billionLaughs), message: /DOCTYPE declaration/ },
  { name: 'reference to an undeclared entity', file: ovf(valid.replace('<Name>bsd-box</Name>', '<Name>&lol9;</Name>')), message: /undeclared entity "&lol9;"; entities are not expanded/ },
  { name: 'tar entry climbing out with ../', file: ova([{ name: '../evil.ovf', data: validBytes }]), message: /OVA entry "\.\.\/evil\.ovf" climbs out of the package/ },
  { name: 'tar entry with an absolute path', file: ova([{ name: '/etc/cron.d/evil.ovf', data: validBytes }]), message: /OVA entry "\/etc\/cron\.d\/evil\.ovf" has an absolute path/ },
  { name: 'symlink entry', file: ova([{ name: 'box.ovf', data: validBytes }, { name: 'disk.vmdk', data: Buffer.alloc(0), type: 'symlink', linkname: '/etc/shadow' }]), message: /OVA entry "disk\.vmdk" is a symlink; only regular files are accepted/ },
  {
    name: 'oversized .ovf descriptor',
    file: ovf(valid.replace('<References/>', `<References/><!--${'x'.repeat(xmlLimits.maxBytes)}-->`)),
    message: new RegExp(`The OVF descriptor is \\d+ bytes; at most ${xmlLimits.maxBytes} bytes are accepted`),
  },
  {
    name: 'elements nested deeper than the limit',
    file: ovf(valid.replace('<References/>', `<References/>${'<x>'.repeat(xmlLimits.maxDepth)}${'</x>'.repeat(xmlLimits.maxDepth)}`)),
    message: new RegExp(`nests elements more than ${xmlLimits.maxDepth} levels deep`),
  },
  {
    name: 'more elements than the limit',
    file: ovf(valid.replace('<References/>', `<References/>${'<x/>'.repeat(xmlLimits.maxElements)}`)),
    message: new RegExp(`more than ${xmlLimits.maxElements} elements; refused`),
  },
  {
    name: 'an element with too many attributes',
    file: ovf(valid.replace('<References/>', `<References ${Array.from({ length: xmlLimits.maxAttributes + 1 }, (_, i) => `a${i}="x"`).join(' ')}/>`)),
    message: new RegExp(`Element <References> has ${xmlLimits.maxAttributes + 1} attributes; at most ${xmlLimits.maxAttributes} are accepted`),
  },
  { name: 'an undeclared namespace prefix', file: ovf(valid.replace('<References/>', '<evil:References/>')), message: /undeclared namespace prefix "evil"/ },
  {
    name: 'oversized descriptor inside an OVA',
    file: ova([{ name: 'big.ovf', data: Buffer.alloc(defaultOvaLimits.maxDescriptorBytes + 1, 32) }]),
    message: new RegExp(`OVA entry "big\\.ovf" is ${defaultOvaLimits.maxDescriptorBytes + 1} bytes; at most ${defaultOvaLimits.maxDescriptorBytes} bytes are accepted`),
  },
  {
    name: 'too many tar entries',
    file: ova([{ name: 'box.ovf', data: validBytes }, ...Array.from({ length: defaultOvaLimits.maxEntries }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') }))]),
    message: new RegExp(`The OVA has more than ${defaultOvaLimits.maxEntries} entries; refused`),
  },
  { name: 'descriptor not the first entry', file: ova([{ name: 'disk.vmdk', data: Buffer.from('x') }, { name: 'box.ovf', data: validBytes }]), message: /The first entry of an OVA must be the \.ovf descriptor; found "disk\.vmdk"/ },
  {
    name: 'wrong Envelope namespace',
    file: ovf(valid.replace('xmlns="http://schemas.dmtf.org/ovf/envelope/1"', 'xmlns="http://example.com/not-ovf"')),
    message: /The Envelope is in namespace "http:\/\/example\.com\/not-ovf"; expected http:\/\/schemas\.dmtf\.org\/ovf\/envelope\/1 \(OVF 1\.x\)/,
  },
  { name: 'root element is not Envelope', file: ovf('<?xml version="1.0"?><Machine/>'), message: /root element is <Machine>, not an OVF <Envelope>/ },
  { name: 'missing VirtualSystem', file: ovf(valid.replace(/<VirtualSystem [\s\S]*<\/VirtualSystem>/, '')), message: /The descriptor contains no VirtualSystem/ },
  { name: 'missing VirtualHardwareSection', file: ovf(valid.replace(/<VirtualHardwareSection>[\s\S]*<\/VirtualHardwareSection>/, '')), message: /VirtualSystem "bsd-box" has no VirtualHardwareSection/ },
  { name: 'non-numeric memory', file: ovf(valid.replace('<rasd:VirtualQuantity>1024</rasd:VirtualQuantity>', '<rasd:VirtualQuantity>lots</rasd:VirtualQuantity>')), message: /VirtualSystem "bsd-box": memory size "lots" is not a number/ },
  { name: 'disk referring to a missing DiskSection entry', file: ovf(valid.replace('ovf:/disk/vmdisk1', 'ovf:/disk/ghost')), message: /refers to "ghost", which is not in the DiskSection/ },
  { name: 'not well-formed XML', file: ovf(valid.replace('</Envelope>', '')), message: /not well-formed XML/ },
  {
    name: 'manifest digest mismatch',
    file: ova([
      { name: 'box.ovf', data: validBytes },
      { name: 'box.mf', data: Buffer.from(buildManifest('SHA1', [{ name: 'box.ovf', data: Buffer.from(valid.replace('bsd-box', 'bsd-bot')) }])) },
    ]),
    message: /Manifest digest mismatch for "box\.ovf" \(SHA1\)/,
  },
  {
    name: 'manifest listing a file that is not shipped',
    file: ova([
      { name: 'box.ovf', data: validBytes },
      { name: 'box.mf', data: Buffer.from(buildManifest('SHA256', [{ name: 'box.ovf', data: validBytes }, { name: 'disk1.vmdk', data: Buffer.from('x') }])) },
    ]),
    message: /The manifest lists "disk1\.vmdk", which is not in the OVA/,
  },
  { name: 'garbage instead of a tar', file: async () => ({ bytes: Buffer.from('this is not a tar archive at all'.repeat(40)), fileName: 'evil.ova' }), message: /The file is not a readable OVA \(tar\) package: Invalid tar header/ },
];

describe('hostile and broken appliances', () => {
  for (const hostile of cases) {
    it(`refuses ${hostile.name}`, async () => {
      const { bytes, fileName } = await hostile.file();
      const committed: ApplianceReadResult[] = [];
      await expect(importAppliance(bytes, fileName, (result) => void committed.push(result))).rejects.toThrow(hostile.message);
      expect(committed).toEqual([]);
    });
  }

  it('commits a valid appliance exactly once (control case)', async () => {
    const committed: ApplianceReadResult[] = [];
    await importAppliance(validBytes, 'box.ovf', (result) => void committed.push(result));
    expect(committed.map((result) => result.plans[0]?.name)).toEqual(['bsd-box']);
  });
});
