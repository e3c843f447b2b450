// Virtlab reads back whatever it writes: the import limits are never smaller than the largest export (limits only stop hostile files).
import { describe, expect, it } from 'vitest';
import { applianceLimits } from '../../../shared/domain/appliance.ts';
import { readAppliance } from './applianceReader.ts';
import { buildOva } from './ovaWriter.ts';
import { buildOvfDescriptor } from './ovfDescriptorWriter.ts';
import { largestMachine, legacyMachine } from './ovfTestData.ts';
import { virtlabSectionLimits } from './virtlabSection.ts';
import { xmlLimits } from './xmlTree.ts';

describe('import limits against what Virtlab exports', () => {
  it(`an OVA of ${applianceLimits.maxExportMachines} machines, each as large as a record can be, imports back`, async () => {
    const machines = Array.from({ length: applianceLimits.maxExportMachines }, (_, index) => largestMachine(index));
    const descriptor = buildOvfDescriptor(machines, { version: '2.0' });
    // Headroom for the writer to grow: the worst case (about 23 MB today) uses at most 80% of what is accepted.
    expect(Buffer.byteLength(descriptor)).toBeLessThan(xmlLimits.maxBytes * 0.8);
    const ova = await buildOva({ baseName: 'largest', descriptor, version: '2.0', manifest: true });
    const result = await readAppliance(ova, 'largest.ova');
    expect(result.manifestVerified).toBe(true);
    expect(result.plans).toHaveLength(applianceLimits.maxExportMachines);
    const last = result.plans.at(-1)!;
    expect(last.disks).toHaveLength(30);
    expect(last.nics).toHaveLength(4);
    expect(last.virtlab?.snapshotCount).toBe(60);
    expect(last.virtlab?.snapshots).toHaveLength(virtlabSectionLimits.listedSnapshots);
    expect(last.virtlab?.snapshots.filter((s) => s.current)).toHaveLength(1);
    expect(last.group).toBe('&'.repeat(200));
  }, 120_000);

  it('100 plain machines (the size that was refused with "at most 64 disks") import back', async () => {
    const machines = Array.from({ length: 100 }, (_, index) => ({ ...legacyMachine, id: `m-${index}`, name: `vm-${index}` }));
    const ova = await buildOva({ baseName: 'hundred', descriptor: buildOvfDescriptor(machines, { version: '1.0' }), version: '1.0', manifest: true });
    expect((await readAppliance(ova, 'hundred.ova')).plans.map((plan) => plan.name)).toEqual(machines.map((machine) => machine.name));
  });
});
