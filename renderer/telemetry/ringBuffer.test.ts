// Tests for the telemetry ring buffer and the per-machine series built on it.
import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ringBuffer.ts';
import { MachineSeries } from './machineSeries.ts';

describe('RingBuffer', () => {
  it('keeps the newest values in order once full', () => {
    const ring = new RingBuffer(3);
    for (const v of [1, 2, 3, 4, 5]) ring.push(v);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.length).toBe(3);
    expect(ring.last()).toBe(5);
  });

  it('hands out copies that callers may mutate', () => {
    const ring = new RingBuffer(4);
    ring.push(1);
    ring.push(2);
    const copy = ring.toArray();
    copy.push(99);
    copy[0] = 42;
    expect(ring.toArray()).toEqual([1, 2]);
  });

  it('refuses a non-positive capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});

describe('MachineSeries', () => {
  it('clamps percentages and ignores samples that go back in time', () => {
    const series = new MachineSeries(5);
    series.push(1000, 150, 20);
    series.push(1000, 10, 10);
    series.push(2000, -5, Number.NaN);
    expect(series.snapshot()).toEqual({ timesMs: [1000, 2000], cpuPct: [100, 0], memoryPct: [20, 0] });
  });
});
