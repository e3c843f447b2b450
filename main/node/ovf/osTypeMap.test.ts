// OS ids VirtualBox, VMware and CIM write land on the matching Virtlab type instead of Other (64-bit).
import { describe, expect, it } from 'vitest';
import { osTypeIds } from '../../../shared/domain/osTypes.ts';
import { osTypeMappings, resolveOsType } from './osTypeMap.ts';

describe('resolving OS types', () => {
  it.each([
    ['Linux26_64', 'linux64'],
    ['Linux26', 'linux64'],
    ['RedHat_64', 'rhel64'],
    ['RedHat9_64', 'rhel64'],
    ['Oracle_64', 'rhel64'],
    ['OpenSUSE_64', 'linux64'],
    ['Debian12_64', 'debian64'],
    ['Ubuntu24_LTS_64', 'ubuntu64'],
    ['Windows2003', 'windows2003'],
    ['Windows2003_64', 'windows2003'],
    ['Windows2008_64', 'windows2008'],
    ['Windows2012_64', 'windows2012'],
    ['Windows2016_64', 'windows2016'],
    ['Windows2019_64', 'windows2019'],
    ['Windows2022_64', 'windows2022'],
    ['Windows10_64', 'windows10'],
    ['Windows7', 'windows7'],
  ])('VirtualBox %s → %s', (vboxType, osType) => {
    expect(resolveOsType({ vboxType })).toEqual({ osType });
  });

  it.each([
    ['centosGuest', 'centos64'],
    ['centos64Guest', 'centos64'],
    ['centos7_64Guest', 'centos64'],
    ['rhel6_64Guest', 'rhel64'],
    ['rhel9_64Guest', 'rhel64'],
    ['oracleLinux64Guest', 'rhel64'],
    ['otherLinux64Guest', 'linux64'],
    ['other26xLinux64Guest', 'linux64'],
    ['other5xLinux64Guest', 'linux64'],
    ['sles15_64Guest', 'linux64'],
    ['winNetStandardGuest', 'windows2003'],
    ['winNetEnterprise64Guest', 'windows2003'],
    ['winLonghorn64Guest', 'windows2008'],
    ['windows7Server64Guest', 'windows2008'],
    ['windows8Server64Guest', 'windows2012'],
    ['windows9Server64Guest', 'windows2016'],
    ['windows2019srv_64Guest', 'windows2019'],
    ['windows2019srvNext_64Guest', 'windows2022'],
    ['windows9_64Guest', 'windows10'],
    ['windows11_64Guest', 'windows11'],
    ['debian10_64Guest', 'debian64'],
    ['ubuntu64Guest', 'ubuntu64'],
    ['freebsd12_64Guest', 'freebsd64'],
    ['otherGuest64', 'other64'],
  ])('VMware %s → %s', (vmwareType, osType) => {
    expect(resolveOsType({ vmwareType })).toEqual({ osType });
  });

  it.each([
    ['36', 'linux64'],
    ['69', 'windows2003'],
    ['77', 'windows2008'],
    ['80', 'rhel64'],
    ['100', 'linux64'],
    ['107', 'centos64'],
    ['112', 'windows2012'],
    ['118', 'windows2016'],
  ])('CIM %s → %s', (cimId, osType) => {
    expect(resolveOsType({ cimId })).toEqual({ osType });
  });

  it("reads VirtualBox's OS id from the Description when vbox:OSType is missing (OVF 2.0 files), most specific hint first", () => {
    expect(resolveOsType({ cimId: '1', description: 'Linux26_64' })).toEqual({ osType: 'linux64' });
    expect(resolveOsType({ cimId: '94', vmwareType: 'centos64Guest' })).toEqual({ osType: 'centos64' });
    expect(resolveOsType({ description: 'Microsoft Windows Server 2003 Standard (32-bit)' })).toMatchObject({ osType: 'other64', warning: expect.stringContaining('not known') });
  });

  it('exports every Virtlab type with a CIM id and a VirtualBox type that read back as the same type', () => {
    for (const id of osTypeIds) {
      const { vbox } = osTypeMappings[id];
      if (vbox === 'Other') continue;
      const back = resolveOsType({ vboxType: vbox }).osType;
      // Types VirtualBox has no own id for share one (CentOS → RedHat_64, Alpine → Linux26_64).
      expect([id, { centos64: 'rhel64', alpine64: 'linux64' }[id as string]]).toContain(back);
    }
  });
});
