// Tests for the scenario CLI: help, exit code 2 with a clear message on bad arguments and files, JSON output.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApplicationFile } from '../../shared/domain/applicationFile.ts';
import { exampleApplicationFile } from '../../shared/domain/exampleApplication.ts';
import { runSimCli } from './simCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'virtlab-sim-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const good = file('good.json', JSON.stringify({ seed: 1, hosts: [{ name: 'h' }], platforms: [{ name: 'p', kind: 'type1', on: { host: 'h' } }], guests: [{ name: 'g', platform: 'p' }] }));

describe('runSimCli', () => {
  it('prints help and exits 0', () => {
    const result = runSimCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run sim');
  });

  it('exits 2 when the file is missing, not given, or an option is bad', () => {
    expect(runSimCli([join(dir, 'nope.json')])).toMatchObject({ code: 2, stderr: expect.stringContaining('scenario file not found') });
    expect(runSimCli([])).toMatchObject({ code: 2, stderr: expect.stringContaining('give a scenario file') });
    expect(runSimCli([good, '--until', 'soon'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--until must be a number') });
    expect(runSimCli([good, '--frobnicate']).code).toBe(2);
  });

  it('exits 2 with line and column for broken JSON', () => {
    const broken = file('broken.json', '{\n  "seed": 1,\n  "hosts": [}\n');
    const result = runSimCli([broken]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not valid JSON: [\s\S]*\(line 3 column 13\)/);
  });

  it('exits 2 naming the field for schema errors', () => {
    const bad = file('bad.json', JSON.stringify({ seed: 1, hosts: [{ name: 'h' }], guests: [{ name: 'g', platform: 'esx9' }] }));
    const result = runSimCli([bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('guests.0.platform: no platform named "esx9"');
  });

  it('runs a scenario and prints tables or JSON', () => {
    const table = runSimCli([good, '--until', '20']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Guests');
    const json = runSimCli([good, '--until', '20', '--json']);
    const summary = JSON.parse(json.stdout) as { simulatedS: number; guests: { name: string; state: string }[] };
    expect(summary.simulatedS).toBe(20);
    expect(summary.guests[0]).toMatchObject({ name: 'g', state: 'Running' });
  });

  it('runs every shipped example scenario', () => {
    const dir = new URL('../../engine/scenarios/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const name of files) {
      const result = runSimCli([new URL(name, dir).pathname, '--until', '30', '--json']);
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
      expect((JSON.parse(result.stdout) as { guests: unknown[] }).guests.length).toBeGreaterThan(0);
    }
  });
});

describe('runSimCli with application files', () => {
  const cluster = {
    seed: 1,
    hosts: [{ name: 'n1' }],
    platforms: [
      { name: 'os', kind: 'hostOs', on: { host: 'n1' }, os: 'linux' },
      { name: 'ct', kind: 'containers', on: { platform: 'os' } },
    ],
    guests: [{ name: 'probe', platform: 'ct', os: 'alpine64' }],
  };

  it('reads a deploy command\'s file next to the scenario', () => {
    file('site.yaml', 'name: site\nservices:\n  web:\n    image: nginx:1.27\n    replicas: 2\n');
    const scenario = file('apps.json', JSON.stringify({ ...cluster, commands: [{ at: 0, do: 'deploy', file: 'site.yaml' }] }));
    const result = runSimCli([scenario, '--until', '30', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { applications: { service: string; ready: number }[] }).applications).toEqual([expect.objectContaining({ service: 'web', ready: 2 })]);
  });

  it('exits 2 naming the command, the file, the field and its line when the file is wrong', () => {
    file('bad-site.yaml', 'name: site\nservices:\n  web:\n    image: nginx:1.27\n    replicas: many\n');
    const scenario = file('bad-apps.json', JSON.stringify({ ...cluster, commands: [{ at: 0, do: 'deploy', file: 'bad-site.yaml' }, { at: 1, do: 'deploy', file: 'gone.yaml' }] }));
    const result = runSimCli([scenario]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('commands.0.file: bad-site.yaml: services.web.replicas: must be a number of replicas (line 5)');
  });
});

describe('the example application', () => {
  it('is valid, and the very file the shop scenario deploys', () => {
    const scenarioCopy = readFileSync(new URL('../../engine/scenarios/apps/shop.yaml', import.meta.url), 'utf8');
    expect(scenarioCopy).toBe(exampleApplicationFile);
    expect(Object.keys(parseApplicationFile(exampleApplicationFile).services)).toEqual(['web', 'api', 'db']);
  });
});
