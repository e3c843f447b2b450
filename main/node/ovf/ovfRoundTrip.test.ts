// Export → import gives back the same configuration; foreign descriptors are clamped with warnings; JSON export.
import { describe, expect, it } from 'vitest';
import { buildOvfDescriptor } from './ovfDescriptorWriter.ts';
import { readOvfDescriptor } from './ovfDescriptorReader.ts';
import { exportSettings } from './exportModel.ts';
import type { ExportMachine } from './exportModel.ts';
import { buildConfigurationsJson, configExportFormat } from './configJsonExport.ts';
import { fullMachine, legacyMachine, multiDiskMachine } from './ovfTestData.ts';
import type { ImportPlan } from './importPlan.ts';

function expectSameConfiguration(plan: ImportPlan | undefined, machine: ExportMachine): void {
  const settings = exportSettings(machine);
  expect(plan).toBeDefined();
  if (!plan) return;
  expect(plan.name).toBe(machine.name);
  expect(plan.osType).toBe(machine.osType);
  expect(plan.vcpus).toBe(machine.vcpus);
  expect(plan.memoryMiB).toBe(machine.memoryMiB);
  expect(plan.disks.map((disk) => disk.capacityGiB)).toEqual([machine.diskGiB]);
  expect(plan.nics.map((nic) => ({ attachment: nic.attachment, mac: nic.mac }))).toEqual(settings.nics.map((nic) => ({ attachment: nic.attachment, mac: nic.mac })));
  expect(plan.optical).toEqual(settings.optical);
  expect(plan.virtlab).toEqual(settings.section);
  expect(plan.warnings).toEqual([]);
}

describe('OVF export → import', () => {
  for (const version of ['1.0', '2.0'] as const) {
    it(`restores every setting of a configured machine (OVF ${version})`, () => {
      const plans = readOvfDescriptor(buildOvfDescriptor([fullMachine], { version }));
      expect(plans).toHaveLength(1);
      expectSameConfiguration(plans[0], fullMachine);
      expect(plans[0]?.virtlab?.snapshots.map((s) => s.name)).toEqual(['Fresh install', 'Before upgrade']);
      expect(plans[0]?.virtlab?.kind).toBe('type1');
      expect(plans[0]?.virtlab?.workload).toBe('database');
    });

    it(`restores several machines from a collection in order (OVF ${version})`, () => {
      const plans = readOvfDescriptor(buildOvfDescriptor([fullMachine, legacyMachine], { version }));
      expect(plans.map((plan) => plan.name)).toEqual(['web & db-01', 'bsd-box']);
      expectSameConfiguration(plans[0], fullMachine);
      expectSameConfiguration(plans[1], legacyMachine);
    });
  }

  for (const version of ['1.0', '2.0'] as const) {
    it(`writes every disk of an imported multi-disk machine at its real size, and its group, and reads them back (OVF ${version})`, () => {
      const xml = buildOvfDescriptor([multiDiskMachine], { version });
      expect(xml).toContain(`ovf:capacity="${64 * 2 ** 20}"`);
      expect(xml).toContain(`ovf:capacity="${10 * 2 ** 30}"`);
      const [plan] = readOvfDescriptor(xml);
      expect(plan?.disks.map((disk) => [disk.capacityMiB, disk.capacityGiB])).toEqual([
        [64, 1],
        [10 * 1024, 10],
      ]);
      expect(plan?.group).toBe('lab/vApp');
      expect(plan?.virtlab?.group).toBe('lab/vApp');
    });
  }

  it('carries owner, purpose, tags, expiry date and the clone origin by name in the Virtlab section', () => {
    const [plan] = readOvfDescriptor(buildOvfDescriptor([fullMachine], { version: '2.0' }));
    expect(plan?.virtlab).toMatchObject({
      owner: 'Ana <ops & dev>',
      purpose: 'Course demo "web" tier',
      tags: ['demo', 'web&db'],
      expiresOn: '2030-06-30',
      origin: { machineName: 'ubuntu template', snapshotName: 'clean <base>', mode: 'linked' },
    });
  });

  it('a grown first disk goes out at its simulated size, the others as recorded', () => {
    const [plan] = readOvfDescriptor(buildOvfDescriptor([{ ...multiDiskMachine, diskGiB: 20 }], { version: '1.0' }));
    expect(plan?.disks.map((disk) => disk.capacityMiB)).toEqual([20 * 1024, 10 * 1024]);
  });

  it('a machine without a group does not take the name of the collection every multi-machine export is wrapped in', () => {
    expect(readOvfDescriptor(buildOvfDescriptor([fullMachine, legacyMachine], { version: '1.0' })).map((plan) => plan.group)).toEqual([undefined, undefined]);
    const foreign = buildOvfDescriptor([fullMachine, legacyMachine], { version: '1.0' }).replace(/<vl:VirtlabSection[\s\S]*?<\/vl:VirtlabSection>/g, '');
    expect(readOvfDescriptor(foreign).map((plan) => plan.group)).toEqual(['virtlab-export', 'virtlab-export']);
  });

  it('machines of one group go out as a vApp of that name, which other tools read as the group', () => {
    const xml = buildOvfDescriptor([multiDiskMachine, { ...legacyMachine, group: 'lab/vApp' }], { version: '1.0' });
    expect(xml).toContain('<VirtualSystemCollection ovf:id="lab/vApp">');
    const foreign = xml.replace(/<vl:VirtlabSection[\s\S]*?<\/vl:VirtlabSection>/g, '');
    // A "/" inside one collection's name is not a nesting level; it is kept readable as "-".
    expect(readOvfDescriptor(foreign).map((plan) => plan.group)).toEqual(['lab-vApp', 'lab-vApp']);
  });

  it('writes OVF 2.0 NICs and drives as EthernetPortItem / StorageItem, as VirtualBox does', () => {
    const xml = buildOvfDescriptor([fullMachine], { version: '2.0' });
    expect(xml).toContain('xmlns="http://schemas.dmtf.org/ovf/envelope/2"');
    expect(xml).toContain('<EthernetPortItem>');
    expect(xml).toContain('<StorageItem>');
    expect(xml).toContain('<epasd:Connection>HostOnly</epasd:Connection>');
  });

  it('writes empty disks of the exact capacity and VirtualBox connection names', () => {
    const xml = buildOvfDescriptor([fullMachine], { version: '1.0' });
    expect(xml).toContain('ovf:capacity="42949672960"');
    expect(xml).not.toContain('ovf:fileRef');
    for (const name of ['NAT', 'HostOnly', 'Internal', 'Bridged']) expect(xml).toContain(`<rasd:Connection>${name}</rasd:Connection>`);
    expect(xml).toContain('<vbox:OSType ovf:required="false">Ubuntu_64</vbox:OSType>');
    expect(xml).toMatch(/<vl:VirtlabSection ovf:required="false"/);
  });

  it('without the Virtlab section (as another tool would strip it) still reads the standard hardware', () => {
    const xml = buildOvfDescriptor([fullMachine], { version: '1.0' }).replace(/<vl:VirtlabSection[\s\S]*<\/vl:VirtlabSection>/, '');
    const [plan] = readOvfDescriptor(xml);
    expect(plan?.virtlab).toBeUndefined();
    expect(plan?.osType).toBe('ubuntu64');
    expect(plan?.vcpus).toBe(4);
    expect(plan?.optical).toEqual({ kind: 'empty' });
    expect(plan?.nics.map((nic) => nic.attachment)).toEqual(['nat', 'hostOnly', 'internal', 'bridged']);
  });
});

describe('clamping foreign descriptors', () => {
  const base = buildOvfDescriptor([legacyMachine], { version: '1.0' }).replace(/<vl:VirtlabSection[\s\S]*<\/vl:VirtlabSection>/, '');

  it('clamps vCPUs, memory and disk above the limits with warnings', () => {
    const xml = base
      .replace('<rasd:VirtualQuantity>1</rasd:VirtualQuantity>', '<rasd:VirtualQuantity>128</rasd:VirtualQuantity>')
      .replace('<rasd:VirtualQuantity>1024</rasd:VirtualQuantity>', '<rasd:VirtualQuantity>4096</rasd:VirtualQuantity>')
      .replace('<rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits>', '<rasd:AllocationUnits>byte * 2^30</rasd:AllocationUnits>')
      .replace('ovf:capacity="17179869184" ovf:capacityAllocationUnits="byte"', 'ovf:capacity="100" ovf:capacityAllocationUnits="byte * 2^40"');
    const [plan] = readOvfDescriptor(xml);
    expect(plan?.vcpus).toBe(64);
    expect(plan?.memoryMiB).toBe(1_048_576);
    expect(plan?.disks[0]?.capacityGiB).toBe(65_536);
    expect(plan?.warnings).toEqual([
      '128 vCPUs requested; clamped to 64 (Virtlab allows 1 to 64)',
      '4194304 MiB of memory requested; clamped to 1048576 MiB',
      'Disk "vmdisk1" of 102400 GiB clamped to 65536 GiB',
    ]);
  });

  it('falls back to Other (64-bit) for an unknown OS and NAT for an unknown network, with warnings', () => {
    const xml = base
      .replace('<OperatingSystemSection ovf:id="78">', '<OperatingSystemSection ovf:id="9999">')
      .replace(/<vbox:OSType[^<]*<\/vbox:OSType>/, '<vbox:OSType ovf:required="false">Haiku</vbox:OSType>')
      .replace('<Description>FreeBSD_64</Description>', '<Description>Haiku</Description>')
      .replace('<rasd:Connection>Bridged</rasd:Connection>', '<rasd:Connection>VM Network</rasd:Connection>');
    const [plan] = readOvfDescriptor(xml);
    expect(plan?.osType).toBe('other64');
    expect(plan?.nics[0]?.attachment).toBe('nat');
    expect(plan?.warnings).toContain('OS type "Haiku" is not known to Virtlab; using Other (64-bit)');
    expect(plan?.warnings).toContain('VirtualSystem "bsd-box": network "VM Network" is unknown; adapter 1 is attached to NAT');
  });

  it('refuses an unpaired surrogate (&#xD800;, not an XML character) and cleans a direction override, never decaying to U+FFFD', () => {
    const descriptor = buildOvfDescriptor([{ ...legacyMachine, name: 'bsd-box' }], { version: '1.0' });
    // Only the name element's text: the VirtualSystem id refuses such characters outright.
    const named = (name: string) => descriptor.replaceAll('>bsd-box<', `>${name}<`);
    expect(() => readOvfDescriptor(named('web&#xD800;01'))).toThrow(/not well-formed XML: .*malformed character entity/);
    const [plan] = readOvfDescriptor(named('web&#x202E;10'));
    expect(plan?.name).toBe('web_10');
    expect(plan?.name).not.toContain('\uFFFD');
    expect(plan?.warnings.join('\n')).toMatch(/U\+202E/);
  });

  it('rounds disk capacities up to whole GiB', () => {
    const [plan] = readOvfDescriptor(base.replace('ovf:capacity="17179869184"', 'ovf:capacity="17179869185"'));
    expect(plan?.disks[0]?.capacityGiB).toBe(17);
  });
});

describe('JSON export', () => {
  it('keeps every record field and the normalised settings', () => {
    const parsed = JSON.parse(buildConfigurationsJson([fullMachine, legacyMachine])) as { format: string; version: number; machines: { record: ExportMachine; settings: { nics: unknown[] } }[] };
    expect(parsed.format).toBe(configExportFormat);
    expect(parsed.version).toBe(1);
    expect(parsed.machines[0]?.record).toEqual(fullMachine);
    expect(parsed.machines[1]?.settings.nics).toEqual([{ slot: 1, attachment: 'bridged', networkId: 'bridged', mac: '08:00:27:65:43:21', ipMode: 'dhcp', ip: '' }]);
  });
});
