// Host power (idle plus a SPECpower-shaped rise, nothing when off) and energy over time ranges.
import { describe, expect, it } from 'vitest';
import { EnergyMeter } from './energyMeter.ts';
import { defaultPowerProfile, hostWatts, loadShare, specPowerWatts } from './powerModel.ts';
import { fill, rack } from './testRack.ts';

describe('power model', () => {
  it('follows the SPECpower_ssj2008 measurements of the reference server at every 10 % step', () => {
    const reference = { idleWatts: specPowerWatts[0], maxWatts: specPowerWatts[10] };
    specPowerWatts.forEach((watts, k) => expect(hostWatts(reference, k / 10)).toBeCloseTo(watts, 6));
    expect(hostWatts(reference, 0.25)).toBeCloseTo((109 + 118) / 2, 6);
    expect(loadShare(-1)).toBe(0);
    expect(loadShare(2)).toBe(1);
  });

  it('scales the reference server by core count', () => {
    expect(defaultPowerProfile(12)).toEqual({ idleWatts: 58.4, maxWatts: 222 });
    expect(defaultPowerProfile(8)).toEqual({ idleWatts: 38.9, maxWatts: 148 });
  });
});

describe('energy', () => {
  it('integrates watts per second and sums any range (exact at 10 s boundaries)', () => {
    const meter = new EnergyMeter(0);
    for (let s = 1; s <= 180; s++) meter.addSecond('h', s <= 60 ? 100 : 200, s * 1000);
    expect(meter.totalKWh('h')).toBeCloseTo((60 * 100 + 120 * 200) / 3.6e6, 9);
    expect(meter.kWhBetween('h', 0, 60_000, 180_000)).toBeCloseTo((60 * 100) / 3.6e6, 9);
    expect(meter.kWhBetween('h', 60_000, 120_000, 180_000)).toBeCloseTo((60 * 200) / 3.6e6, 9);
    expect(meter.kWhBetween('h', 30_000, 90_000, 180_000)).toBeCloseTo((30 * 100 + 30 * 200) / 3.6e6, 9);
  });

  it('draws idle watts from an idle host that is on, more under load, nothing when off or failed', () => {
    const r = rack(3);
    fill(r, 'cpuBatch', 8, ['r02']);
    r.world.advance(30_000);
    r.dc.hostAction('r03', 'powerOff');
    r.world.advance(2000);
    const [idle, busy, off] = r.dc.view().hosts;
    expect(idle!.watts).toBeGreaterThanOrEqual(38.9);
    expect(idle!.watts).toBeLessThan(60);
    expect(busy!.watts).toBeGreaterThan(130);
    expect(off).toMatchObject({ power: 'off', watts: 0, cpuPct: 0 });
    const kWh = r.dc.view().hosts.map((h) => h.energyKWh);
    r.world.advance(60_000);
    expect(r.dc.view().hosts[2]!.energyKWh).toBe(kWh[2]);
    expect(r.dc.view().hosts[0]!.energyKWh).toBeGreaterThan(kWh[0]!);
    const report = r.dc.runReport('rack', 40_000, r.world.nowMs);
    expect(report.energy.hosts[2]).toMatchObject({ kWh: 0, avgWatts: 0 });
    expect(report.energy.totalKWh).toBeCloseTo(report.energy.hosts.reduce((s, h) => s + h.kWh, 0), 3);
  });
});
