// Tests for kind labels, platform titles and overcommit ratio formatting.
import { describe, expect, it } from 'vitest';
import { formatCores, formatRatio, isaLabel, kindStyle, platformTitle } from './kindStyle.ts';

describe('kind style', () => {
  it('names platforms with their kind label from the contract', () => {
    expect(platformTitle({ name: 'Atlas ESX', kind: 'type1' })).toBe('Atlas ESX — Type 1 (bare metal)');
    expect(kindStyle('type0').label).toBe('Type 0 (firmware partitions)');
    expect(isaLabel('mips')).toBe('MIPS');
  });

  it('formats overcommit ratios and core counts', () => {
    expect(formatRatio(2.5)).toBe('2.5 : 1');
    expect(formatRatio(0.8125)).toBe('0.8 : 1');
    expect(formatRatio(12.4)).toBe('12 : 1');
    expect(formatCores(1.256)).toBe('1.26');
    expect(formatCores(2)).toBe('2');
  });
});
