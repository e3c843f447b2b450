// Human output of list and show: columns, state labels, details block and the snapshot tree with its current marker.
import { describe, expect, it } from 'vitest';
import { formatMachineDetails, formatMachineList, formatSimTime, formatSnapshotTree } from './machineText.ts';
import { sampleConfig, sampleMachine, sampleTree } from './testing/sampleMachines.ts';

describe('formatMachineList', () => {
  it('prints one aligned row per machine with readable state and sizes', () => {
    const text = formatMachineList([
      sampleMachine(),
      sampleMachine({ id: '22222222-2222-4222-8222-222222222222', name: 'db', state: 'Running', vcpus: 16, memoryMiB: 1536, kind: 'containers', platformId: 'lxc' }),
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATE\s+OS\s+CPUS\s+MEMORY\s+DISK\s+PLATFORM\s+ID$/);
    expect(lines[1]).toMatch(/^web-01\s+Powered Off\s+ubuntu64\s+2\s+2 GiB\s+25 GiB\s+esx-atlas \(type1\)\s+11111111-/);
    expect(lines[2]).toMatch(/^db\s+Running\s+ubuntu64\s+16\s+1536 MiB\s+25 GiB\s+lxc \(containers\)\s+22222222-/);
    expect(lines[1]!.indexOf('Powered Off')).toBe(lines[2]!.indexOf('Running'));
  });

  it('tells how to create a machine when there is none', () => {
    expect(formatMachineList([])).toMatch(/No machines\. Create one with "virtlab create/);
  });
});

describe('formatMachineDetails', () => {
  it('lists the configuration as aligned fields, then the snapshot tree', () => {
    const machine = sampleMachine();
    const text = formatMachineDetails({ machine, config: sampleConfig(machine), snapshots: sampleTree(machine.id) });
    expect(text).toContain('Name:           web-01');
    expect(text).toMatch(/State:\s+Powered Off \(since 1:02:03 simulated\)/);
    expect(text).toMatch(/Guest OS:\s+Ubuntu \(64-bit\) \[ubuntu64\]/);
    expect(text).toMatch(/Disk:\s+25 GiB, dynamically allocated, 1536 MiB used/);
    expect(text).toMatch(/NIC 1:\s+nat \(natnet\), MAC 08:00:27:00:00:01, DHCP 10\.0\.2\.15/);
    expect(text).toMatch(/Optical drive:\s+ISO image ubuntu-24\.04\.iso/);
    expect(text).toMatch(/Snapshots:\s+3\n {3}Name: Base/);
  });
});

describe('formatSnapshotTree', () => {
  it('indents children under their parent and stars the current snapshot', () => {
    expect(formatSnapshotTree(sampleTree('m'))).toBe(
      [
        '   Name: Base (UUID: s-base)',
        '      Description: fresh install',
        '      Name: Branch A (UUID: s-a)',
        '      Name: Branch B (UUID: s-b) *',
      ].join('\n'),
    );
  });
});

describe('formatSimTime', () => {
  it('prints hours, minutes and seconds of simulated time', () => {
    expect(formatSimTime(0)).toBe('0:00:00 simulated');
    expect(formatSimTime(90_061_999)).toBe('25:01:01 simulated');
  });
});
