// Tests for scenario validation messages, determinism of runs, and that every shipped example scenario runs.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { formatSummary } from './formatSummary.ts';
import { runScenario } from './runScenario.ts';
import { parseScenario } from './scenarioSchema.ts';


const minimal = {
  seed: 1,
  hosts: [{ name: 'h' }],
  platforms: [{ name: 'esx', kind: 'type1', on: { host: 'h' } }],
  guests: [
    { name: 'a', platform: 'esx', workload: 'web' },
    { name: 'b', platform: 'esx', workload: 'bursty' },
  ],
  commands: [{ at: 20, do: 'pause', guest: 'a' }],
};

function validationMessage(json: unknown): string {
  try {
    parseScenario(json);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected a validation error');
}

describe('parseScenario', () => {
  it('names the field path and the problem', () => {
    const badRef = { ...minimal, guests: [...minimal.guests, { name: 'c', platform: 'esx9' }] };
    expect(validationMessage(badRef)).toBe('guests.2.platform: no platform named "esx9"');
    expect(validationMessage({ ...minimal, seed: -1 })).toMatch(/^seed: /);
    expect(validationMessage({ ...minimal, platforms: [{ name: 'x', kind: 'type9', on: { host: 'h' } }], guests: [] })).toMatch(/^platforms\.0\.kind: /);
    expect(validationMessage({ ...minimal, commands: [{ at: 1, do: 'start', guest: 'zz' }] })).toBe('commands.0.guest: no guest named "zz"');
    expect(validationMessage({ ...minimal, extra: true })).toContain('extra');
    expect(validationMessage({ ...minimal, hosts: [] })).toMatch(/^hosts: needs at least one host/);
  });
});

describe('runScenario', () => {
  it('gives identical summaries for the same seed and commands, and different numbers for another seed', () => {
    const a = runScenario(parseScenario(minimal), { untilS: 60 });
    const b = runScenario(parseScenario(minimal), { untilS: 60 });
    const c = runScenario(parseScenario({ ...minimal, seed: 2 }), { untilS: 60 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c.guests[1]!.usefulCoreS).not.toBe(a.guests[1]!.usefulCoreS);
    expect(a.guests[0]!.state).toBe('Paused');
  });

  it('records refusals in the summary and the event log instead of failing the run, then retries later', () => {
    const summary = runScenario(
      parseScenario({
        seed: 3,
        hosts: [{ name: 'mf', cores: 8 }],
        platforms: [
          { name: 'lpars', kind: 'type0', on: { host: 'mf' } },
          { name: 'esx', kind: 'type1', on: { guest: 'lpar-b' } },
          { name: 'esx-in-vm', kind: 'type1', on: { guest: 'vm-1' } },
        ],
        guests: [
          { name: 'lpar-a', platform: 'lpars', vcpus: 2 },
          { name: 'lpar-b', platform: 'lpars', vcpus: 4, memoryMiB: 16_384 },
          { name: 'lpar-c', platform: 'lpars', vcpus: 2 },
          { name: 'vm-1', platform: 'esx', autostart: false },
        ],
        commands: [
          { at: 60, do: 'stop', guest: 'lpar-a' },
          { at: 70, do: 'start', guest: 'lpar-c' },
        ],
      }),
      { untilS: 100 },
    );
    expect(summary.refusals.map((r) => r.name)).toEqual(['esx-in-vm', 'lpar-c']);
    expect(summary.refusals[0]!.message).toContain('cannot run on another type 1');
    expect(summary.refusals[1]!.message).toBe('Type 0 needs 2 dedicated cores for "lpar-c"; 1 is free; powering off "lpar-a" would free 2');
    expect(summary.guests.find((g) => g.name === 'lpar-c')!.state).toBe('Running');
    expect(summary.events.filter((e) => e.kind === 'refusal')).toHaveLength(2);
  });

  it('renders a readable table', () => {
    const text = formatSummary(runScenario(parseScenario(minimal), { untilS: 30 }));
    expect(text).toContain('Guests');
    expect(text).toMatch(/^a\s+type 1 \(bare metal\)\s+Paused/m);
  });
});
