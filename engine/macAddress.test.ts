// Tests for VirtualBox-style MAC address generation.
import { describe, expect, it } from 'vitest';
import { generateMac, isVirtualBoxMac } from './macAddress.ts';
import { Rng } from './rng.ts';

describe('generateMac', () => {
  it('uses the 08:00:27 prefix and upper-case hex pairs', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 200; i++) {
      const mac = generateMac(rng, () => false);
      expect(mac).toMatch(/^08:00:27:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2}$/);
      expect(isVirtualBoxMac(mac)).toBe(true);
    }
  });

  it('skips addresses already taken', () => {
    const first = generateMac(new Rng(9), () => false);
    const second = generateMac(new Rng(9), (mac) => mac === first);
    expect(second).not.toBe(first);
    expect(isVirtualBoxMac(second)).toBe(true);
  });

  it('gives up clearly when nothing is free', () => {
    expect(() => generateMac(new Rng(1), () => true)).toThrow(/No free MAC address/);
  });

  it('recognises foreign addresses as such', () => {
    expect(isVirtualBoxMac('52:54:00:12:34:56')).toBe(false);
    expect(isVirtualBoxMac('08:00:27:12:34')).toBe(false);
  });
});

describe('generateMac with a kind prefix', () => {
  it('keeps the stream of the 08:00:27 prefix (existing MACs are reproduced) and fills other prefixes', () => {
    expect(generateMac(new Rng(9), () => false, '08:00:27')).toBe(generateMac(new Rng(9), () => false));
    expect(generateMac(new Rng(9), () => false, '00:16:3e')).toMatch(/^00:16:3E(:[0-9A-F]{2}){3}$/);
    expect(generateMac(new Rng(9), () => false, '02:42')).toMatch(/^02:42(:[0-9A-F]{2}){4}$/);
    expect(generateMac(new Rng(9), () => false, '')).toMatch(/^08:00:27(:[0-9A-F]{2}){3}$/);
    expect(() => generateMac(new Rng(9), () => false, 'zz')).toThrow(/Bad MAC prefix/);
  });
});
