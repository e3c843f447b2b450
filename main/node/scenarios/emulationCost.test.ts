// The textbook cost of emulation from the mechanism model: an interpreter ~10x per guest instruction, warm DBT a few x.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../engine/sim/runScenario.ts';
import type { ScenarioSummary } from '../../../engine/sim/runScenario.ts';
import { guestOf, hostCpuS, loadScenario, runShipped } from './scenarioTestKit.ts';

const summary = runShipped('emulation-cost');
/** Host CPU per guest instruction relative to native: native useful/CPU over the guest's. */
const slowdown = (s: ScenarioSummary, name: string) => guestOf(s, 'x86-native').efficiency / guestOf(s, name).efficiency;

describe('emulation-cost (interpreter vs dynamic binary translation)', () => {
  it('interprets a foreign instruction set at about ten host instructions per guest instruction', () => {
    const interpreted = slowdown(summary, 'ppc-interpreted');
    expect(interpreted).toBeGreaterThanOrEqual(7);
    expect(interpreted).toBeLessThanOrEqual(14);
  });

  it('runs warm translated code at a few host instructions per guest instruction', () => {
    // Steady state: the work done per host CPU second between the middle and the end of the run (runs are deterministic,
    // so the first half of the full run is the half-length run).
    const half = runScenario(loadScenario('emulation-cost'), { untilS: 300 });
    const [early, late] = [guestOf(half, 'ppc-dbt'), guestOf(summary, 'ppc-dbt')];
    const warmEfficiency = (late.usefulCoreS - early.usefulCoreS) / (hostCpuS(late) - hostCpuS(early));
    const warm = guestOf(summary, 'x86-native').efficiency / warmEfficiency;
    expect(late.warm).toBeGreaterThanOrEqual(0.98);
    expect(warm).toBeGreaterThanOrEqual(2);
    expect(warm).toBeLessThanOrEqual(4.5);
    // The whole-run average, cold start included, still beats the interpreter.
    expect(slowdown(summary, 'ppc-dbt')).toBeLessThan(slowdown(summary, 'ppc-interpreted'));
  });

  it('is slower than the interpreter while the translation cache is cold', () => {
    const cold = guestOf(summary, 'ppc-dbt-cold');
    expect(cold.runningS).toBeGreaterThan(0);
    expect(cold.warm).toBeLessThan(0.5);
    expect(slowdown(summary, 'ppc-dbt-cold')).toBeGreaterThan(slowdown(summary, 'ppc-interpreted'));
    expect(slowdown(summary, 'ppc-dbt-cold')).toBeGreaterThan(slowdown(summary, 'ppc-dbt'));
  });
});
