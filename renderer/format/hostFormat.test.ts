// Tests for platform titles, overcommit ratios, core counts and ISA labels.
import { describe, expect, it } from 'vitest';
import { formatCores, formatRatio, isaLabel, platformTitle } from './hostFormat.ts';

describe('host formatting', () => {
  it('names platforms with the label of their kind', () => {
    expect(platformTitle({ name: 'Atlas ESX' }, { label: 'Type 1 (bare metal)' })).toBe('Atlas ESX — Type 1 (bare metal)');
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
