// Tests for turning substep readings into per-second columnar batches.
import { describe, expect, it } from 'vitest';
import { TelemetrySampler } from './telemetrySampler.ts';

describe('TelemetrySampler', () => {
  it('reports the mean CPU over the second and the current memory, rounded', () => {
    const sampler = new TelemetrySampler();
    for (const cpu of [10, 20, 30.04]) sampler.record('a', cpu);
    sampler.record('b', 50);
    const batch = sampler.flush(1000, [
      { id: 'a', cpuPct: 99, memoryUsedMiB: 100.6 },
      { id: 'b', cpuPct: 0, memoryUsedMiB: 7 },
    ]);
    expect(batch).toEqual({ simTimeMs: 1000, machineIds: ['a', 'b'], cpuPct: [20, 50], memoryUsedMiB: [101, 7] });
  });

  it('starts each second afresh and falls back to the current reading without history', () => {
    const sampler = new TelemetrySampler();
    sampler.record('a', 80);
    sampler.flush(1000, []);
    const batch = sampler.flush(2000, [{ id: 'a', cpuPct: 12.34, memoryUsedMiB: 1 }]);
    expect(batch.cpuPct).toEqual([12.3]);
  });
});
