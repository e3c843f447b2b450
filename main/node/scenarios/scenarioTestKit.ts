// Test helpers for the shipped example scenarios: load one from engine/scenarios, run it, compare guests' throughput.
import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'vitest';
import { runScenario } from '../../../engine/sim/runScenario.ts';
import type { GuestSummary, RunOptions, ScenarioSummary } from '../../../engine/sim/runScenario.ts';
import { parseScenario } from '../../../engine/sim/scenarioSchema.ts';
import type { Scenario } from '../../../engine/sim/scenarioSchema.ts';

const scenarioDir = new URL('../../../engine/scenarios/', import.meta.url);

/** File names (without .json) of every shipped scenario. */
export function shippedScenarioNames(): string[] {
  return readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function loadScenario(name: string): Scenario {
  return parseScenario(JSON.parse(readFileSync(new URL(`${name}.json`, scenarioDir), 'utf8')));
}

/** Runs a shipped scenario and checks that the engine built and started everything it describes. */
export function runShipped(name: string, options: RunOptions = {}): ScenarioSummary {
  const summary = runScenario(loadScenario(name), options);
  expect(summary.refusals, `${name}: refusals`).toEqual([]);
  for (const guest of summary.guests) expect(guest.state, `${name}: ${guest.name}`).toBe('Running');
  return summary;
}

export function guestOf(summary: ScenarioSummary, name: string): GuestSummary {
  const guest = summary.guests.find((g) => g.name === name);
  if (!guest) throw new Error(`scenario ${summary.name ?? '?'} has no guest "${name}"`);
  return guest;
}

/**
 * Throughput relative to a reference guest: useful work per second of running, divided by the reference's. With
 * demand saturating every vCPU this is the benchmark score relative to native (1 = as fast as native).
 */
export function relativeThroughput(summary: ScenarioSummary, name: string, reference: string): number {
  return guestOf(summary, name).usefulPerS / guestOf(summary, reference).usefulPerS;
}

/** Host CPU the guest spent, physical core-seconds (the guest's own instructions plus every overhead). */
export function hostCpuS(guest: GuestSummary): number {
  return guest.guestCpuS + guest.overheadCpuS;
}
