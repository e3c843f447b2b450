// Tests for the seeded guest workload model: bounds, phases and reproducibility.
import { describe, expect, it } from 'vitest';
import type { MachineState } from '../shared/domain/machineState.ts';
import { MachineWorkload } from './workload.ts';

function run(workload: MachineWorkload, state: MachineState, steps: number): Array<[number, number]> {
  const samples: Array<[number, number]> = [];
  for (let i = 0; i < steps; i++) {
    workload.step(100, state);
    samples.push([workload.cpuPct, workload.memoryUsedMiB]);
  }
  return samples;
}

describe('MachineWorkload', () => {
  it('stays within 0–100 % CPU and 0–configured memory over a long run', () => {
    for (const id of ['a', 'b', 'c']) {
      const w = new MachineWorkload(123, id, 512);
      const samples = [...run(w, 'Starting', 30), ...run(w, 'Running', 10_000), ...run(w, 'Stopping', 20)];
      for (const [cpu, mem] of samples) {
        expect(cpu).toBeGreaterThanOrEqual(0);
        expect(cpu).toBeLessThanOrEqual(100);
        expect(mem).toBeGreaterThanOrEqual(0);
        expect(mem).toBeLessThanOrEqual(512);
      }
    }
  });

  it('ramps memory up during boot and settles near the working set', () => {
    const w = new MachineWorkload(1, 'vm', 4096);
    const boot = run(w, 'Starting', 30).map(([, mem]) => mem);
    for (let i = 1; i < boot.length; i++) expect(boot[i]!).toBeGreaterThan(boot[i - 1]!);
    run(w, 'Running', 600);
    const workingSet = 4096 * w.profile.workingSetFraction;
    expect(w.memoryUsedMiB).toBeGreaterThan(workingSet * 0.8);
    expect(w.memoryUsedMiB).toBeLessThan(workingSet * 1.3);
  });

  it('varies CPU around the baseline and has bursts over a long run', () => {
    const w = new MachineWorkload(2, 'vm', 2048);
    run(w, 'Starting', 30);
    const cpu = run(w, 'Running', 36_000).map(([c]) => c);
    const mean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
    expect(Math.abs(mean - w.profile.baselineCpuPct)).toBeLessThan(10);
    expect(new Set(cpu.map((c) => Math.round(c))).size).toBeGreaterThan(10);
    expect(Math.max(...cpu)).toBeGreaterThan(w.profile.baselineCpuPct + 20);
  });

  it('idles while paused: zero CPU, memory frozen', () => {
    const w = new MachineWorkload(3, 'vm', 1024);
    run(w, 'Running', 100);
    const mem = w.memoryUsedMiB;
    for (const [cpu, m] of run(w, 'Paused', 50)) {
      expect(cpu).toBe(0);
      expect(m).toBe(mem);
    }
  });

  it('drops to zero when powered off', () => {
    const w = new MachineWorkload(4, 'vm', 1024);
    run(w, 'Running', 100);
    w.step(100, 'PoweredOff');
    expect([w.cpuPct, w.memoryUsedMiB]).toEqual([0, 0]);
  });

  it('is reproducible from seed and machine id alone', () => {
    const trace = (seed: number, id: string) => {
      const w = new MachineWorkload(seed, id, 2048);
      return [...run(w, 'Starting', 30), ...run(w, 'Running', 300)];
    };
    expect(trace(9, 'x')).toEqual(trace(9, 'x'));
    expect(trace(9, 'x')).not.toEqual(trace(10, 'x'));
    expect(trace(9, 'x')).not.toEqual(trace(9, 'y'));
  });
});
