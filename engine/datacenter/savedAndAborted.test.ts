// Saved and Aborted side by side: a host failure aborts running guests but leaves saved ones Saved; a saved guest stays put.
import { describe, expect, it } from 'vitest';
import { rack } from './testRack.ts';

describe('Saved guests in the data center', () => {
  it('stay Saved when their host fails, while the running ones become Aborted and can start again', () => {
    const r = rack(2);
    for (const name of ['kept', 'lost']) {
      r.world.addGuest({ name, platform: 'esx-r01', vcpus: 1, memoryMiB: 2048, workload: 'web' });
      r.world.start(name);
    }
    r.world.advance(30_000);
    r.world.saveState('kept', 1500);
    expect(r.world.stateOf('kept')).toBe('Saved');
    r.dc.hostAction('r01', 'fail');
    expect(r.world.stateOf('lost')).toBe('Aborted');
    expect(r.world.stateOf('kept')).toBe('Saved');
    expect(r.dc.view().hosts[0]).toMatchObject({ power: 'failed', runningGuests: 0 });
    r.dc.hostAction('r01', 'powerOn');
    r.world.start('lost');
    expect(r.world.stateOf('lost')).toBe('Starting');
  });

  it('are refused a timed migration, saying where the memory state is, and are pinned by consolidation', () => {
    const r = rack(2);
    r.world.addGuest({ name: 'sleeper', platform: 'esx-r01', vcpus: 1, memoryMiB: 2048, workload: 'web' });
    r.world.start('sleeper');
    r.world.advance(30_000);
    r.world.saveState('sleeper', 1500);
    const verdict = r.world.cluster.checkMigration('sleeper', 'esx-r02');
    expect(verdict.verdict).toBe('refused');
    expect(verdict.reasons[0]?.message).toBe('"sleeper" is Saved: its memory state is a file on "r01"; start it (and move it live) or discard its saved state first');
    expect(() => r.world.cluster.startMigration('sleeper', 'esx-r02', { reason: 'user', storageMiB: 0 })).toThrow(/is Saved/);
    expect(r.dc.planConsolidation('rack').pinned).toEqual([{ machineId: 'sleeper', name: 'sleeper', hostId: 'r01', why: 'it is Saved: its memory state is a file on this host' }]);
  });
});
