// Tests for reading the engine's green/amber zones into colours, texts and bar positions.
import { describe, expect, it } from 'vitest';
import { readZone, zoneBar, zoneOf } from './fitZones.ts';

describe('fit zones', () => {
  const shared = { green: 3, amber: 16 };
  it('classifies values against the green and amber limits', () => {
    expect(zoneOf(3, shared)).toBe('green');
    expect(zoneOf(4, shared)).toBe('amber');
    expect(zoneOf(16, shared)).toBe('amber');
    expect(zoneOf(17, shared)).toBe('red');
  });

  it('says what each zone means', () => {
    expect(readZone('vcpus', 2, { green: 15, amber: 15 }, 'Mainframe partitions')).toMatchObject({ themeColor: 'success', text: 'Fits (≤ 15 free cores)' });
    expect(readZone('vcpus', 8, shared, 'Atlas ESX')).toMatchObject({ themeColor: 'warning', text: 'Overcommitted (more than 3 free cores; allowed up to 16 vCPUs)' });
    expect(readZone('vcpus', 2, { green: 1, amber: 1 }, 'Mainframe partitions')).toMatchObject({
      themeColor: 'error',
      text: 'Exceeds what Mainframe partitions can give (1 core at most)',
    });
    expect(readZone('memoryMiB', 1024, { green: 4096, amber: 8192 }, 'Atlas ESX').text).toBe('Fits (≤ 4096 MiB free)');
    expect(readZone('vcpus', 12, { green: 0, amber: 15 }, 'Atlas ESX').text).toBe('Overcommitted (no core is free; allowed up to 15 vCPUs)');
  });

  it('places value and limits on one scale with room to spare', () => {
    const bar = zoneBar(8, shared);
    expect(bar.amberPct).toBeCloseTo(100 / 1.1);
    expect(bar.greenPct).toBeCloseTo((3 / 16 / 1.1) * 100);
    expect(bar.valuePct).toBeCloseTo((8 / 16 / 1.1) * 100);
  });
});
