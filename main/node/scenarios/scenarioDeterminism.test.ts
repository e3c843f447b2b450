// Every shipped scenario is reproducible: same seed, byte-identical summary; another seed changes only what chance drives.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../engine/sim/runScenario.ts';
import type { ScenarioSummary } from '../../../engine/sim/runScenario.ts';
import { loadScenario, shippedScenarioNames } from './scenarioTestKit.ts';

/** Every guest wanted all of its vCPUs all the time it ran: the noise in demand was clipped away. */
function saturated(summary: ScenarioSummary): boolean {
  return summary.guests.every((g) => g.demandCoreS >= g.vcpus * g.runningS * 0.999);
}

describe('shipped scenarios', () => {
  it.each(shippedScenarioNames())('%s gives a byte-identical summary for the same seed', (name) => {
    const scenario = loadScenario(name);
    expect(JSON.stringify(runScenario(scenario))).toBe(JSON.stringify(runScenario(scenario)));
  });

  it.each(shippedScenarioNames())('%s changes with the seed exactly where random demand reaches the results', (name) => {
    const scenario = loadScenario(name);
    const a = runScenario(scenario);
    const b = runScenario({ ...scenario, seed: scenario.seed + 1 });
    if (saturated(a)) {
      // Saturated benchmarks (the published-result scenarios): the figures come from the mechanisms alone.
      expect(b.guests).toEqual(a.guests);
    } else {
      expect(JSON.stringify(b.guests)).not.toBe(JSON.stringify(a.guests));
    }
  });
});
