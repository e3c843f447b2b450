// Tests for the one percentage rule: whole percents, one decimal below 10, "<0.1 %" for a trace, "–" for no value.
import { describe, expect, it } from 'vitest';
import { formatAvailability, formatFraction, formatPercent, roundPercent } from './quantities.ts';

describe('formatPercent', () => {
  it('prints whole percents from 10 up and one decimal below', () => {
    expect(formatPercent(42.4)).toBe('42 %');
    expect(formatPercent(42.5)).toBe('43 %');
    expect(formatPercent(100)).toBe('100 %');
    expect(formatPercent(4.24)).toBe('4.2 %');
    expect(formatPercent(0.05)).toBe('0.1 %');
  });

  it('does not print "10.0 %" for a value that rounds up to ten, nor "0.0 %" for nothing or a trace', () => {
    expect(formatPercent(9.96)).toBe('10 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(0.04)).toBe('<0.1 %');
  });

  it('rounds halves away from zero, negative values too', () => {
    expect(roundPercent(2.25)).toBe(2.3);
    expect(roundPercent(12.5)).toBe(13);
    expect(formatPercent(-3.25)).toBe('-3.3 %');
  });

  it('shows a dash when there is no value, and takes fractions under the same rule', () => {
    expect(formatPercent(null)).toBe('–');
    expect(formatPercent(Number.NaN)).toBe('–');
    expect(formatFraction(0.4567)).toBe('46 %');
    expect(formatFraction(0.0123)).toBe('1.2 %');
    expect(formatFraction(undefined)).toBe('–');
  });

  it('keeps the nines of an availability and never rounds it up to 100 %', () => {
    expect(formatAvailability(1)).toBe('100 %');
    expect(formatAvailability(0.99999)).toBe('99.999 %');
    expect(formatAvailability(0.999999)).toBe('99.999 %');
    expect(formatAvailability(0.995)).toBe('99.5 %');
    expect(formatAvailability(0.5)).toBe('50 %');
  });
});
