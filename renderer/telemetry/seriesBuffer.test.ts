// Tests for the multi-metric sample ring.
import { describe, expect, it } from 'vitest';
import { SeriesBuffer } from './seriesBuffer.ts';

describe('SeriesBuffer', () => {
  it('stores the given metrics of each row and NaN for the others', () => {
    const ring = new SeriesBuffer(4);
    ring.push(1000, [0, 4], new Float32Array([9, 12.5, 256]), 1);
    expect(ring.length).toBe(1);
    expect(ring.valueAt(0, 0)).toBe(12.5);
    expect(ring.valueAt(0, 4)).toBe(256);
    expect(ring.valueAt(0, 1)).toBeNaN();
  });

  it('drops the oldest rows once full and keeps time order', () => {
    const ring = new SeriesBuffer(3);
    for (let s = 1; s <= 5; s += 1) ring.push(s * 1000, [0], [s], 0);
    expect([0, 1, 2].map((i) => ring.timeAt(i))).toEqual([3000, 4000, 5000]);
    expect([0, 1, 2].map((i) => ring.valueAt(i, 0))).toEqual([3, 4, 5]);
    expect(ring.firstTime()).toBe(3000);
    expect(ring.lastTime()).toBe(5000);
  });

  it('refuses samples that do not move time forward', () => {
    const ring = new SeriesBuffer(3);
    expect(ring.push(2000, [0], [1], 0)).toBe(true);
    expect(ring.push(2000, [0], [2], 0)).toBe(false);
    expect(ring.push(1000, [0], [3], 0)).toBe(false);
    expect(ring.length).toBe(1);
  });

  it('finds the first sample after a time', () => {
    const ring = new SeriesBuffer(5);
    for (let s = 1; s <= 7; s += 1) ring.push(s * 1000, [0], [s], 0);
    expect(ring.indexAfter(0)).toBe(0);
    expect(ring.indexAfter(4000)).toBe(2);
    expect(ring.indexAfter(4500)).toBe(2);
    expect(ring.indexAfter(7000)).toBe(5);
  });

  it('refuses a non-positive capacity', () => {
    expect(() => new SeriesBuffer(0)).toThrow(RangeError);
  });
});
