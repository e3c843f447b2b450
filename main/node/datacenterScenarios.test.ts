// Scenario files with clusters and timed data-center commands: the shipped examples, their summary, validation messages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { formatSummary } from '../../engine/sim/formatSummary.ts';
import { runScenario } from '../../engine/sim/runScenario.ts';
import { parseScenario } from '../../engine/sim/scenarioSchema.ts';

/** The shipped example files, read as `npm run sim` reads them. */
const example = (name: string) => parseScenario(JSON.parse(readFileSync(new URL(`../../engine/scenarios/${name}.json`, import.meta.url), 'utf8')));

function validationMessage(json: unknown): string {
  try {
    parseScenario(json);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected a validation error');
}

describe('data-center scenarios', () => {
  it('consolidates the ten-servers example: nine live migrations, nine hosts off, energy reported', () => {
    const summary = runScenario(example('ten-servers-consolidation'));
    const dc = summary.datacenter;
    expect(dc.migrations).toHaveLength(9);
    expect(dc.migrations.every((m) => m.phase === 'done' && m.reason === 'consolidation' && m.downtimeMs! < 100)).toBe(true);
    expect(summary.events.filter((e) => /powered off$/.test(e.message))).toHaveLength(9);
    const [kept] = new Set(dc.migrations.map((m) => m.to));
    expect(summary.guests.every((g) => g.host === kept && g.state === 'Running')).toBe(true);
    // The emptied hosts drew power for the first 300 s only; the kept one all along.
    const emptied = dc.energy.filter((e) => e.host !== kept);
    expect(emptied.every((e) => e.avgWatts < 25)).toBe(true);
    expect(dc.energy.find((e) => e.host === kept)!.avgWatts).toBeGreaterThan(60);
    const text = formatSummary(summary);
    expect(text).toMatch(/^Migrations$/m);
    expect(text).toMatch(/^Energy$/m);
    expect(text).toMatch(/Plan: 9 moves, 9 hosts to power off/);
  });

  it('shows a web server converging with tens of ms of downtime and a heavy dirtier stopped at the round limit', () => {
    const dc = runScenario(example('live-migration')).datacenter;
    const byGuest = new Map(dc.migrations.map((m) => [m.guest, m]));
    expect(byGuest.get('web')).toMatchObject({ method: 'precopy', stopReason: 'converged' });
    expect(byGuest.get('web')!.downtimeMs!).toBeLessThan(100);
    expect(byGuest.get('hungry')).toMatchObject({ stopReason: 'roundLimit', rounds: 30 });
    expect(byGuest.get('hungry')!.downtimeMs!).toBeGreaterThan(1000);
    // To a standalone host the disk is copied first: much longer than within the shared-storage cluster.
    expect(byGuest.get('web-2')!.totalMs!).toBeGreaterThan(10 * byGuest.get('web')!.totalMs!);
    expect(byGuest.get('app')).toMatchObject({ method: 'checkpointRestore', rounds: 0 });
    expect(byGuest.get('parked')).toMatchObject({ method: 'cold', downtimeMs: 0 });
  });

  it('fails a host and restarts its guests by priority, reporting the one that found no room', () => {
    const summary = runScenario(example('host-failure-ha'));
    const ha = summary.datacenter.operations.find((op) => op.kind === 'haRestart')!;
    expect(ha.log.slice(1, 3)).toEqual([expect.stringMatching(/^HA restarted "db" \(high priority\)/), expect.stringMatching(/^HA restarted "web" \(medium priority\)/)]);
    expect(ha.problems).toEqual([expect.objectContaining({ name: 'batch', why: expect.stringMatching(/no working host has 12.0 GiB/) })]);
    const db = summary.datacenter.availability.find((a) => a.guest === 'db')!;
    expect(db.restarts).toBe(1);
    expect(db.restartTookMs[0]!).toBeGreaterThan(15_000);
    expect(db.availabilityPct).toBeLessThan(100);
    const maintenance = summary.datacenter.operations.find((op) => op.kind === 'maintenance')!;
    expect(maintenance).toMatchObject({ state: 'done', problems: [] });
  });

  it('names the field of a bad data-center entry', () => {
    const base = { seed: 1, hosts: [{ name: 'h' }, { name: 'k' }], platforms: [{ name: 'esx', kind: 'type1', on: { host: 'h' } }], guests: [{ name: 'a', platform: 'esx' }] };
    expect(validationMessage({ ...base, clusters: [{ name: 'c', hosts: ['h', 'zz'] }] })).toBe('clusters.0.hosts.1: no host named "zz"');
    expect(validationMessage({ ...base, clusters: [{ name: 'c', hosts: ['h'] }, { name: 'd', hosts: ['h'] }] })).toBe('clusters.1.hosts.0: host "h" is already in cluster "c"');
    expect(validationMessage({ ...base, commands: [{ at: 1, do: 'migrate', guest: 'a', to: 'nowhere' }] })).toBe('commands.0.to: no host or platform named "nowhere"');
    expect(validationMessage({ ...base, commands: [{ at: 1, do: 'consolidate', cluster: 'c' }] })).toBe('commands.0.cluster: no cluster named "c"');
    expect(validationMessage({ ...base, commands: [{ at: 1, do: 'failHost', host: 'x' }] })).toBe('commands.0.host: no host named "x"');
    expect(validationMessage({ ...base, hosts: [{ name: 'h', linkGbps: 0 }] })).toMatch(/^hosts\.0\.linkGbps: must be at least 0.1/);
  });
});
