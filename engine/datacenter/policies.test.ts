// Balancing decisions, maintenance evacuation, host failure with HA restarts by priority, admission control.
import { describe, expect, it } from 'vitest';
import { haDetectionMs } from './highAvailability.ts';
import { fill, rack, until } from './testRack.ts';

const datacenterEvents = (r: ReturnType<typeof rack>) => r.world.events().filter((e) => e.kind === 'datacenter').map((e) => e.message);

describe('balancing (DRS-like)', () => {
  it('is off by default, then moves a guest off a host that stayed above the threshold, saying why', () => {
    const r = rack(3, {}, 1, 4);
    for (const name of ['busy-1', 'busy-2']) {
      r.world.addGuest({ name, platform: 'esx-r01', vcpus: 2, memoryMiB: 2048, workload: 'cpuBatch' });
      r.world.start(name);
    }
    r.world.advance(120_000);
    expect(r.dc.migrations()).toHaveLength(0);
    r.dc.updateCluster('rack', { balancing: { enabled: true, thresholdPct: 80, sustainS: 30 } });
    r.world.advance(20_000);
    expect(r.dc.migrations()).toHaveLength(0);
    r.world.advance(15_000);
    const [move] = r.dc.migrations();
    expect(move).toMatchObject({ reason: 'balancing', fromHostId: 'r01' });
    expect(datacenterEvents(r).find((m) => m.startsWith('Balancing:'))).toMatch(/"r01" has been above 80 % CPU for 3\d s \(now \d+ %\); moving "busy-[12]" \(\d\.\d\d cores\) to "r0[23]" \(\d+ % → \d+ %\)/);
  });

  it('says so when nothing can move, and Balance now reports hosts below the threshold', () => {
    const r = rack(2, {}, 2, 4);
    fill(r, 'cpuBatch', 4, ['r01']);
    r.world.advance(60_000);
    expect(r.dc.balanceNow('rack')).toEqual([expect.stringMatching(/"r01" is above 80 % CPU \(now \d+ %\), but no guest can move to a host that would stay below 80 %/)]);
    const calm = rack(2, {}, 3);
    fill(calm, 'idle');
    calm.world.advance(10_000);
    expect(calm.dc.balanceNow('rack')).toEqual(['Every host of Rack is below 80 % CPU: nothing to balance']);
  });
});

describe('maintenance mode', () => {
  it('evacuates every guest, then takes no new guests until it leaves maintenance', () => {
    const r = rack(3);
    const [a, b] = ['web-1', 'web-2'];
    for (const name of [a!, b!]) {
      r.world.addGuest({ name, platform: 'esx-r01', vcpus: 1, memoryMiB: 2048, workload: 'web' });
      r.world.start(name);
    }
    r.world.addGuest({ name: 'parked', platform: 'esx-r01', vcpus: 1, memoryMiB: 1024, workload: 'idle' });
    r.world.advance(20_000);
    const op = r.dc.hostAction('r01', 'maintenance')!;
    expect(op).toMatchObject({ kind: 'maintenance', hostId: 'r01', total: 3 });
    until(r, () => r.dc.operations().every((o) => o.state !== 'running'));
    expect(r.world.cluster.guestsOn('r01')).toEqual([]);
    expect([a, b].every((n) => r.world.stateOf(n!) === 'Running')).toBe(true);
    expect(r.world.guest('parked').state).toBe('PoweredOff');
    expect(() => r.world.addGuest({ name: 'new', platform: 'esx-r01', workload: 'idle' })).toThrow(/maintenance mode/);
    r.dc.hostAction('r01', 'exitMaintenance');
    r.world.addGuest({ name: 'new', platform: 'esx-r01', workload: 'idle' });
    expect(r.dc.view().hosts.find((h) => h.hostId === 'r01')!.power).toBe('on');
  });

  it('says which guests cannot go and why', () => {
    const r = rack(2);
    r.world.addGuest({ name: 'dev', platform: 'esx-r01', vcpus: 1, memoryMiB: 1024, workload: 'idle', io: 'passthrough' });
    r.world.start('dev');
    r.world.advance(10_000);
    const op = r.dc.hostAction('r01', 'maintenance')!;
    expect(op.problems).toEqual([{ machineId: 'dev', name: 'dev', why: 'cannot leave: it uses a passed-through device' }]);
    expect(op.state).toBe('done');
  });
});

describe('host failure and HA', () => {
  it('aborts the guests at once; with HA off they stay aborted', () => {
    const r = rack(2);
    const [one] = fill(r, 'web', 1, ['r01']);
    r.world.advance(10_000);
    r.dc.hostAction('r01', 'fail');
    expect(r.world.stateOf(one!)).toBe('Aborted');
    expect(r.dc.view().hosts[0]).toMatchObject({ power: 'failed', watts: 0 });
    r.world.advance(60_000);
    expect(r.world.stateOf(one!)).toBe('Aborted');
    expect(datacenterEvents(r)).toContain('HA is off for Rack: 1 guest stays aborted until started again');
  });

  it('restarts them elsewhere by priority while capacity lasts, and reports what could not restart', () => {
    const r = rack(2, { ha: { enabled: true } });
    // r02 has room for two more 12 GiB guests, not three.
    r.world.addGuest({ name: 'resident', platform: 'esx-r02', vcpus: 1, memoryMiB: 4096, workload: 'idle' });
    for (const name of ['low', 'medium', 'high']) r.world.addGuest({ name, platform: 'esx-r01', vcpus: 1, memoryMiB: 12_288, workload: 'idle' });
    for (const name of ['resident', 'low', 'medium', 'high']) r.world.start(name);
    r.dc.setRestartPriority('low', 'low');
    r.dc.setRestartPriority('high', 'high');
    r.world.advance(20_000);
    const failedAt = r.world.nowMs;
    r.dc.hostAction('r01', 'fail');
    r.world.advance(haDetectionMs - 1000);
    expect(r.world.stateOf('high')).toBe('Aborted');
    r.world.advance(1000);
    const op = r.dc.operations().find((o) => o.kind === 'haRestart')!;
    expect(op.log.slice(0, 3)).toEqual([
      'HA: "r01" declared failed; restarting 3 guests by priority',
      'HA restarted "high" (high priority) on "r02"',
      'HA restarted "medium" (medium priority) on "r02"',
    ]);
    expect(op.problems).toEqual([{ machineId: 'low', name: 'low', why: expect.stringMatching(/no working host has 12.0 GiB of memory free/) }]);
    expect(r.world.stateOf('low')).toBe('Aborted');
    r.world.advance(15_000);
    expect(r.world.stateOf('high')).toBe('Running');
    const report = r.dc.runReport('rack', 0, r.world.nowMs);
    const high = report.guests.find((g) => g.name === 'high')!;
    expect(high.restarts).toEqual([{ abortedAtMs: failedAt, restartedAtMs: expect.any(Number), tookMs: expect.any(Number), hostId: 'r02' }]);
    expect(high.restarts[0]!.tookMs!).toBeGreaterThanOrEqual(haDetectionMs);
    expect(high.availabilityPct).toBeLessThan(100);
    expect(report.guests.find((g) => g.name === 'resident')!.availabilityPct).toBe(100);
  });

  it('cannot restart guests whose disks were on the failed host (local storage)', () => {
    const r = rack(2, { storage: 'local', ha: { enabled: true } });
    fill(r, 'idle', 1, ['r01']);
    r.world.advance(10_000);
    r.dc.hostAction('r01', 'fail');
    r.world.advance(haDetectionMs + 1000);
    const op = r.dc.operations().find((o) => o.kind === 'haRestart')!;
    expect(op.problems[0]!.why).toMatch(/local storage/);
  });

  it('admission control refuses a power-on that would leave no room to restart after a host failure', () => {
    const r = rack(2, { ha: { enabled: true, admissionControl: true, hostFailuresToTolerate: 1 } });
    r.world.addGuest({ name: 'a', platform: 'esx-r01', vcpus: 1, memoryMiB: 20_480, workload: 'idle' });
    r.world.addGuest({ name: 'b', platform: 'esx-r02', vcpus: 1, memoryMiB: 20_480, workload: 'idle' });
    r.dc.checkPowerOn('a');
    r.world.start('a');
    expect(() => r.dc.checkPowerOn('b')).toThrow(/HA admission control keeps 31\.\d GiB of Rack free to restart guests if 1 host fails: powering on "b" would need 40\.0 GiB/);
  });
});
