// Hardening of import (issue 11): bad MAC addresses refuse one machine, ids are checked at preview, control characters never reach a screen.
import { describe, expect, it } from 'vitest';
import { importSourceIdMaxLength } from '../../../shared/domain/appliance.ts';
import { readOvfDescriptor } from './ovfDescriptorReader.ts';
import { buildOvfDescriptor } from './ovfDescriptorWriter.ts';
import { readMac } from './nicAddress.ts';
import { fullMachine, legacyMachine } from './ovfTestData.ts';

/** Two machines, as another tool would write them (no Virtlab section). */
const foreign = (xml: string): string => xml.replace(/<vl:VirtlabSection[\s\S]*?<\/vl:VirtlabSection>/g, '');
const pair = foreign(buildOvfDescriptor([fullMachine, legacyMachine], { version: '1.0' }));

describe('MAC addresses from the file', () => {
  it.each([
    ['08:00:27:12:34:56', '08:00:27:12:34:56'],
    ['08-00-27-ab-cd-ef', '08:00:27:AB:CD:EF'],
    ['080027ABCDEF', '08:00:27:AB:CD:EF'],
  ])('reads %s as %s', (raw, mac) => {
    expect(readMac(raw, 1)).toEqual({ kind: 'ok', mac });
  });

  it.each([
    ['00:00:00:00:00:00', 'network adapter 2 has the all-zero MAC address 00:00:00:00:00:00, which no adapter can use'],
    ['FF:FF:FF:FF:FF:FF', 'network adapter 2 has the broadcast MAC address FF:FF:FF:FF:FF:FF, which no adapter can use'],
    ['01:00:5E:00:00:FB', 'network adapter 2 has the multicast MAC address 01:00:5E:00:00:FB (odd first byte); an adapter needs a unicast address'],
    ['not-a-mac', 'network adapter 2 has the address "not-a-mac", which is not a MAC address'],
  ])('refuses %s', (raw, reason) => {
    expect(readMac(raw, 2)).toEqual({ kind: 'refused', reason });
  });

  it('refuses only the machine with the bad address; the other machine of the file is still importable', () => {
    const xml = pair.replace('<rasd:Address>08:00:27:AB:CD:EF</rasd:Address>', '<rasd:Address>FF:FF:FF:FF:FF:FF</rasd:Address>');
    const plans = readOvfDescriptor(xml);
    expect(plans.map((plan) => plan.refusal)).toEqual([
      '"web & db-01" cannot be imported: network adapter 2 has the broadcast MAC address FF:FF:FF:FF:FF:FF, which no adapter can use',
      undefined,
    ]);
  });

  it('checks the addresses a Virtlab section carries as well', () => {
    const xml = buildOvfDescriptor([legacyMachine], { version: '1.0' }).replace('mac="08:00:27:65:43:21"', 'mac="00:00:00:00:00:00"');
    expect(readOvfDescriptor(xml)[0]?.refusal).toBe('"bsd-box" cannot be imported: network adapter 1 has the all-zero MAC address 00:00:00:00:00:00, which no adapter can use');
  });
});

describe('VirtualSystem ids', () => {
  it(`refuses an id longer than ${importSourceIdMaxLength} characters when reading, naming the limit`, () => {
    const long = 'x'.repeat(importSourceIdMaxLength + 1);
    expect(() => readOvfDescriptor(pair.replace('ovf:id="bsd-box"', `ovf:id="${long}"`))).toThrow(
      `VirtualSystem id "${'x'.repeat(40)}…" is ${importSourceIdMaxLength + 1} characters long; at most ${importSourceIdMaxLength} are accepted`,
    );
    expect(readOvfDescriptor(pair.replace('ovf:id="bsd-box"', `ovf:id="${'x'.repeat(importSourceIdMaxLength)}"`))).toHaveLength(2);
  });

  it('says so when two systems share an id', () => {
    expect(() => readOvfDescriptor(pair.replace('ovf:id="bsd-box"', 'ovf:id="web &amp; db-01"'))).toThrow(
      'Two VirtualSystems have the id "web & db-01"; each needs its own ovf:id, so the file cannot be imported',
    );
  });
});

/** XML 1.1 allows references to C0 controls (&#x1b;), so a hostile file declares it; XML 1.0 refuses them outright. */
const xml11 = (xml: string): string => xml.replace('<?xml version="1.0"', '<?xml version="1.1"');

describe('control characters in names and descriptions', () => {
  it('an XML 1.0 file cannot even carry ESC (not well-formed)', () => {
    expect(() => readOvfDescriptor(pair.replace('<Name>bsd-box</Name>', '<Name>a&#x1b;b</Name>'))).toThrow(/not well-formed XML/);
  });

  it('names the character in the warning and replaces it in the machine name', () => {
    const [plan] = readOvfDescriptor(xml11(foreign(buildOvfDescriptor([legacyMachine], { version: '1.0' }))).replace('<Name>bsd-box</Name>', '<Name>bsd&#x1b;[31m-box&#x9b;</Name>'));
    expect(plan?.name).toBe('bsd_[31m-box_');
    expect(plan?.warnings).toContain('Name "bsd\\x1B[31m-box\\x9B" contains U+001B (ESC), U+009B (CSI); each is replaced by "_"');
    // eslint-disable-next-line no-control-regex -- checking that none is left
    expect(JSON.stringify(plan)).not.toMatch(/[\u001b\u009b]/);
  });

  it('makes them visible in everything else shown: network names, OS descriptions, the vApp name', () => {
    const xml = xml11(foreign(buildOvfDescriptor([fullMachine, legacyMachine], { version: '1.0' })))
      .replace('<rasd:Connection>Bridged</rasd:Connection>', '<rasd:Connection>evil&#x1b;]0;pwned&#x7;</rasd:Connection>')
      .replace('<Description>FreeBSD_64</Description>', '<Description>Free&#x202e;DSB</Description>')
      .replace(/<vbox:OSType[^>]*>FreeBSD_64<\/vbox:OSType>/, '')
      .replace('<OperatingSystemSection ovf:id="78">', '<OperatingSystemSection ovf:id="1">')
      .replace('<VirtualSystemCollection ovf:id="virtlab-export">', '<VirtualSystemCollection ovf:id="lab&#x1b;[2J">');
    const plans = readOvfDescriptor(xml);
    const bsd = plans[1];
    expect(plans[0]?.nics[3]?.connection).toBe('evil\\x1B]0;pwned\\x07');
    expect(bsd?.warnings).toContain('OS type "Free\\u202EDSB" is not known to Virtlab; using Other (64-bit)');
    expect(plans.map((plan) => plan.group)).toEqual(['lab\\x1B[2J', 'lab\\x1B[2J']);
    // eslint-disable-next-line no-control-regex -- checking that none is left
    expect(JSON.stringify(plans)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('refuses a VirtualSystem id with control characters, naming them', () => {
    expect(() => readOvfDescriptor(xml11(pair).replace('ovf:id="bsd-box"', 'ovf:id="bsd&#x1b;box"'))).toThrow('VirtualSystem id "bsd\\x1Bbox" contains U+001B (ESC); refused');
  });
});
