// The sprawl ledger from usage, records and media: idle, unused, expired and expiring machines, the largest consumers, clone families, orphaned media.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../../shared/domain/machine.ts';
import type { MachineRecord } from '../../../shared/domain/machineRecord.ts';
import { dayMs } from '../../../shared/format/quantities.ts';
import { UsageLedger } from '../ledger/usageLedger.ts';
import { batchOf } from '../telemetry/testBatches.ts';
import { sprawlReport } from './sprawlReport.ts';
import type { MediaList, VirtualDisk } from '../../../shared/domain/media.ts';

const noMedia: MediaList = { disks: [], isoImages: [], hostDrives: [] };

const machine = (n: number, overrides: Partial<Machine> = {}): Machine => ({
  id: `m${n}`,
  name: `vm-${n}`,
  osType: 'debian64',
  hostId: 'host-1',
  platformId: 'esx-atlas',
  kind: 'type1',
  workload: 'web',
  chain: [],
  vcpus: 1,
  memoryMiB: 1024 * n,
  diskGiB: 8,
  nic: { mac: '08:00:27:00:00:01', network: 'nat' },
  state: 'PoweredOff',
  stateSinceMs: 0,
  createdAtMs: 0,
  ...overrides,
});

const image = (id: string, owner: string, allocatedMiB: number, parentId?: string) => ({ id, hostId: 'host-1', kind: parentId ? ('differencing' as const) : ('base' as const), allocation: 'dynamic' as const, capacityMiB: 8192, allocatedMiB, ownerMachineId: owner, ...(parentId ? { parentId } : {}) });

function record(m: Machine, images: ReturnType<typeof image>[], origin?: { machineId: string; mode: 'full' | 'linked'; machineName?: string }): MachineRecord {
  const { state: _s, stateSinceMs: _t, chain: _c, kind: _k, ...rest } = m;
  return { ...rest, config: { diskAllocation: 'dynamic', images, currentImageId: images.at(-1)!.id, snapshots: [], nics: [], optical: { kind: 'empty' }, ...(origin ? { origin } : {}) } };
}

describe('sprawlReport', () => {
  it('lists idle, unused, expired and expiring machines with a suggested action and what it frees', () => {
    const usage = new UsageLedger();
    const busy = machine(1, { state: 'Running', stateSinceMs: 0 });
    const idle = machine(2, { state: 'Running', stateSinceMs: 0, owner: 'ana' });
    const nowMs = 10 * dayMs;
    // Both run from the start; vm-1 is busy at the start and now, vm-2 only in its first second.
    for (const t of [1000, nowMs - 1000, nowMs]) usage.record(batchOf(t, [busy.id, idle.id], (m, k) => (k === 0 ? (m === 0 || t === 1000 ? 40 : 1) : 0)));
    const unused = machine(3, { createdAtMs: 0 });
    const expired = machine(4, { expiresOn: '2026-01-10' });
    const expiring = machine(5, { expiresOn: '2026-01-20', owner: 'bo' });
    const machines = [busy, idle, unused, expired, expiring];
    const records = machines.map((m) => record(m, [image(`${m.id}-base`, m.id, 1000 * Number(m.id.slice(1)))]));
    const report = sprawlReport({ machines, records, usage: (id) => usage.of(id), nowMs, today: '2026-01-15', media: noMedia }, { idleDays: 5, unusedDays: 5, expiringDays: 7 });
    expect(report.categories.idle.map((f) => [f.name, f.action, f.freesMemoryMiB])).toEqual([['vm-2', 'stop', 2048]]);
    expect(report.categories.idle[0]!.reason).toBe('running at under 10 % CPU for 10 days');
    expect(report.categories.idle[0]!.suggestion).toBe('Shut it down: frees 2 GiB of memory');
    expect(report.categories.unused.map((f) => f.name)).toEqual(['vm-3', 'vm-4', 'vm-5']);
    expect(report.categories.unused[0]).toMatchObject({ action: 'delete', freesDiskMiB: 3000, reason: 'never started in the 10 days since it was created', suggestion: 'Delete it: frees 2.9 GiB of disk' });
    expect(report.categories.expired.map((f) => [f.name, f.reason, f.action])).toEqual([['vm-4', 'expired on 2026-01-10 (5 days ago)', 'delete']]);
    expect(report.categories.expiring.map((f) => [f.name, f.reason, f.action])).toEqual([['vm-5', 'expires on 2026-01-20 (in 5 days)', 'extend']]);
    expect(report.categories.largestDisk.map((f) => f.name)).toEqual(['vm-5', 'vm-4', 'vm-3', 'vm-2', 'vm-1']);
    // Powered-on machines hold their memory now, so they come first.
    expect(report.categories.largestMemory.map((f) => f.name).slice(0, 2)).toEqual(['vm-2', 'vm-1']);
    // vm-3, 4 and 5 deleted (each once), vm-2 stopped.
    expect(report.reclaimable).toEqual({ diskMiB: 3000 + 4000 + 5000, memoryMiB: 2048 });
  });

  it('groups clones into families under their oldest ancestor, also a deleted one, and points at clones never started', () => {
    const base = machine(1);
    const linked = machine(2);
    const grandchild = machine(3);
    const orphan = machine(4);
    const records = [
      record(base, [image('b', 'm1', 5000)]),
      record(linked, [image('b', 'm1', 5000), image('l', 'm2', 100, 'b')], { machineId: 'm1', mode: 'linked', machineName: 'vm-1' }),
      record(grandchild, [image('g', 'm3', 300)], { machineId: 'm2', mode: 'full', machineName: 'vm-2' }),
      record(orphan, [image('o', 'm4', 700)], { machineId: 'gone', mode: 'full', machineName: 'old-template' }),
    ];
    const usage = new UsageLedger();
    usage.record(batchOf(1000, ['m3'], () => 50));
    const report = sprawlReport({ machines: [base, linked, grandchild, orphan], records, usage: (id) => usage.of(id), nowMs: 2000, today: '2026-01-01', media: noMedia }, {});
    expect(report.families.map((f) => [f.rootName, f.members.map((m) => `${'  '.repeat(m.depth)}${m.name}${m.exists ? '' : ' (deleted)'}`)])).toEqual([
      ['vm-1', ['vm-1', '  vm-2', '    vm-3']],
      ['old-template', ['old-template (deleted)', '  vm-4']],
    ]);
    expect(report.families[0]!.suggestion).toBe('1 clone was never started: deleting it frees up to 100 MiB');
    // The linked clone's base stays while the clone lives: deleting vm-1 frees none of it.
    expect(report.categories.unused).toEqual([]);
  });

  it('lists each orphaned disk chain once with all it frees, and ISO images no drive names; their space counts as reclaimable', () => {
    const disk = (id: string, allocatedMiB: number, extra: Partial<VirtualDisk> = {}): VirtualDisk => ({
      id,
      hostId: 'host-1',
      fileName: `${id}.vdi`,
      role: `Disk of removed machine ${id}`,
      kind: extra.parentId ? 'differencing' : 'base',
      allocation: 'dynamic',
      capacityMiB: 8192,
      allocatedMiB,
      attachedTo: [],
      linkedClones: [],
      orphaned: true,
      compactableMiB: 0,
      ...extra,
    });
    const media: MediaList = {
      disks: [
        disk('old-lab', 2000),
        disk('old-lab-snap', 300, { parentId: 'old-lab', role: 'Snapshot of removed machine old-lab' }),
        disk('in-use', 900, { orphaned: false, attachedTo: [{ machineId: 'm1', name: 'vm-1' }] }),
        disk('base-of-clone', 500, { removeRefusal: 'vm-1 is a linked clone of it' }),
      ],
      isoImages: [
        { id: 'iso-1', name: 'debian.iso', sizeMiB: 631, attachedTo: [] },
        { id: 'iso-2', name: 'alpine.iso', sizeMiB: 61, attachedTo: [{ machineId: 'm1', name: 'vm-1', running: false }] },
      ],
      hostDrives: [],
    };
    const report = sprawlReport({ machines: [machine(1)], records: [], usage: () => undefined, nowMs: 0, today: '2026-01-01', media }, {});
    expect(report.orphans.map((o) => [o.kind, o.name, o.freesDiskMiB, o.suggestion])).toEqual([
      ['disk', 'base-of-clone.vdi', 500, 'Remove it: frees 500 MiB'],
      ['disk', 'old-lab.vdi', 2300, 'Remove it: frees 2.2 GiB'],
      ['iso', 'debian.iso', 0, 'Remove it from the library if no one installs from it'],
    ]);
    expect(report.orphans[1]!.reason).toBe('Disk of removed machine old-lab (with 1 orphaned image built on it); no machine reads it');
    expect(report.orphans[0]!.removeRefusal).toBe('vm-1 is a linked clone of it');
    // Only what can be removed now counts.
    expect(report.reclaimable.diskMiB).toBe(2300);
  });
});
