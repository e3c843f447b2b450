// Tests for the seeded random streams and string hashing.
import { describe, expect, it } from 'vitest';
import { deriveSeed, hashString, Rng } from './rng.ts';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(draw(new Rng(42), 50)).toEqual(draw(new Rng(42), 50));
  });

  it('gives different sequences for different seeds, including 0', () => {
    const a = draw(new Rng(0), 20);
    const b = draw(new Rng(1), 20);
    expect(a).not.toEqual(b);
    expect(new Set(a).size).toBe(20);
  });

  it('keeps next() in [0, 1) with a mean near one half', () => {
    const rng = new Rng(7);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });

  it('draws inclusive integers covering the whole range', () => {
    const rng = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(2, 5));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('draws bounded, zero-centred normals', () => {
    const rng = new Rng(11);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = rng.normal();
      expect(Math.abs(x)).toBeLessThanOrEqual(2 * Math.sqrt(3));
      sum += x;
    }
    expect(Math.abs(sum / 10_000)).toBeLessThan(0.05);
  });
});

describe('hashString and deriveSeed', () => {
  it('are stable and sensitive to every input', () => {
    expect(hashString('web-01')).toBe(hashString('web-01'));
    expect(hashString('web-01')).not.toBe(hashString('web-02'));
    expect(deriveSeed(1, 'workload:a')).not.toBe(deriveSeed(2, 'workload:a'));
    expect(deriveSeed(1, 'workload:a')).not.toBe(deriveSeed(1, 'workload:b'));
    expect(deriveSeed(1, 'x')).toBeGreaterThanOrEqual(0);
  });
});
