// Applications in scenario files: inline applications checked like files, commands naming applications and hosts,
// and a summary with per-service availability, errors and restarts.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { formatSummary } from '../sim/formatSummary.ts';
import { runScenario } from '../sim/runScenario.ts';
import { parseScenario } from '../sim/scenarioSchema.ts';

const cluster = {
  seed: 2,
  durationS: 200,
  hosts: [{ name: 'n1', cores: 4 }, { name: 'n2', cores: 4 }],
  platforms: [
    { name: 'os1', kind: 'hostOs', on: { host: 'n1' }, os: 'linux' },
    { name: 'c1', kind: 'containers', on: { platform: 'os1' } },
    { name: 'os2', kind: 'hostOs', on: { host: 'n2' }, os: 'linux' },
    { name: 'c2', kind: 'containers', on: { platform: 'os2' } },
  ],
};
const web = { name: 'site', services: { web: { image: 'nginx:1.27', replicas: 2, ports: [80], traffic: { requests_per_second: 50 } } } };

function message(json: unknown): string {
  try {
    parseScenario(json);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('applications in scenarios', () => {
  it('checks inline applications and the hosts commands name', () => {
    expect(message({ ...cluster, commands: [{ at: 0, do: 'deploy', application: { ...web, services: { web: { image: 'nginx 1.27' } } } }] })).toBe('commands.0.application: services.web.image: Image must look like name:tag, e.g. nginx:1.27');
    expect(message({ ...cluster, commands: [{ at: 5, do: 'failContainerHost', host: 'n9' }] })).toBe('commands.0.host: no host named "n9"');
    expect(message({ ...cluster, commands: [{ at: 5, do: 'scale', app: 'site', service: 'web' }] })).toMatch(/^commands\.0\.replicas: /);
  });

  it('runs deploy, failContainer and failContainerHost, and sums up availability, errors and restarts per service', () => {
    const summary = runScenario(
      parseScenario({
        ...cluster,
        commands: [
          { at: 0, do: 'deploy', application: web },
          { at: 60, do: 'failContainer', app: 'site', service: 'web' },
          { at: 120, do: 'failContainerHost', host: 'n1' },
          { at: 150, do: 'rollout', app: 'nope', service: 'web', image: 'nginx:1.25' },
        ],
      }),
    );
    expect(summary.applications).toEqual([
      { app: 'site', service: 'web', image: 'nginx:1.27', desired: 2, ready: 2, availability: expect.any(Number), requests: 200 * 50, errors: expect.any(Number), restarts: 1, rollout: undefined },
    ]);
    const [service] = summary.applications!;
    // Not ready only while the image was pulled at first: one crash and a host failure left a replica serving.
    expect(service!.errors).toBe(Math.round((1 - service!.availability) * 200) * 50);
    expect(service!.availability).toBeGreaterThan(0.95);
    expect(summary.refusals).toEqual([expect.objectContaining({ what: 'command', name: 'nope/web', code: 'NOT_FOUND', message: 'no application named "nope" (deploy it first)' })]);
    expect(summary.applicationEvents!.some((e) => e.message.startsWith('NodeFailed: host n1 failed'))).toBe(true);
    expect(formatSummary(summary)).toMatch(/^site\s+web\s+nginx:1\.27\s+-\s+2\/2/m);
  });
});
