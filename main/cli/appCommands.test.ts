// `virtlab app …` against the real backend and engine (in this thread): deploy from a file or stdin, list, show,
// scale, roll out and back, remove; usage and file errors with their exit codes.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackendService } from '../node/backendService.ts';
import { DirectEngine } from '../node/testing/directEngine.ts';
import type { OpenSession } from './inProcessSession.ts';
import { runVirtlab } from './runVirtlab.ts';

const shop = `name: shop
services:
  web:
    image: nginx:1.27
    replicas: 2
    depends_on: [db]
  db:
    image: postgres:16
`;

async function cli(options: { stdin?: string; mode?: 'in-process' | 'connected' } = {}) {
  const engine = new DirectEngine(3);
  const backend = new BackendService({ engine, transport: 'web', version: 't', log: () => undefined });
  const api = backend.apiFor(backend.connect(() => undefined));
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'virtlab-app-cli-'));
  const openSession: OpenSession = async ({ libraryDir }) => ({ api, mode: options.mode ?? 'connected', libraryDir, close: async () => undefined });
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runVirtlab(argv, {
      io: { stdout: (t) => (stdout += t), stdoutBytes: () => undefined, stderr: (t) => (stderr += t), stderrIsTty: false },
      cwd,
      env: { VIRTLAB_LIBRARY: '/lib' },
      version: 't',
      openSession,
      readStdin: async () => Buffer.from(options.stdin ?? ''),
    });
    return { code, stdout, stderr };
  };
  return { engine, api, cwd, run };
}

describe('virtlab app', () => {
  it('deploys a file, lists it, scales, rolls out and back, and removes it', async () => {
    const { engine, cwd, run } = await cli();
    await writeFile(path.join(cwd, 'shop.yaml'), shop);
    const deployed = await run('app', 'deploy', 'shop.yaml');
    expect(deployed).toMatchObject({ code: 0, stderr: '' });
    expect(deployed.stdout).toMatch(/^Deployed "shop" \{[0-9a-f-]+\}: web ×2 \(nginx:1\.27\), db ×1 \(postgres:16\)\./);
    engine.advance(30_000);
    const list = await run('app', 'ls');
    expect(list.stdout.trimEnd().split('\n')).toEqual([
      'APPLICATION  SERVICE  IMAGE        READY  RESTARTS  ROLLOUT  ADDRESS',
      'shop         web      nginx:1.27     2/2         0  -        10.96.0.10',
      'shop         db       postgres:16    1/1         0  -        10.96.0.11',
    ]);
    expect((await run('app', 'scale', 'shop', 'web', '3')).stdout).toBe('Scaled shop/web to 3 replicas.\n');
    const rollout = await run('app', 'rollout', 'shop', 'web', '--image', 'nginx:1.25');
    expect(rollout.stdout).toBe('Rolling out shop/web: nginx:1.27 → nginx:1.25 (revision 2, max surge 1, max unavailable 0).\n');
    engine.advance(60_000);
    const shown = await run('app', 'show', 'shop');
    expect(shown.stdout).toMatch(/web\s+nginx:1\.25\s+3\/3\s+complete \(rev 2\)/);
    expect(shown.stdout).toMatch(/shop-web-\d+\s+2\s+Running\s+host-\d\s+10\.244\.\d+\.\d+\s+0/);
    const undo = await run('app', 'rollout', 'shop', 'web', '--undo');
    expect(undo.stdout).toBe('Rolling back shop/web: nginx:1.25 → nginx:1.27 (revision 3, max surge 1, max unavailable 0).\n');
    const json = JSON.parse((await run('--json', 'app', 'ls')).stdout) as { name: string }[];
    expect(json.map((app) => app.name)).toEqual(['shop']);
    expect((await run('app', 'rm', 'shop')).stdout).toMatch(/^Removed "shop" \{/);
    expect((await run('app', 'ls')).stdout).toBe('No applications. Deploy one with "virtlab app deploy FILE".\n');
  });

  it('reads the file from standard input and says where a bad one is wrong', async () => {
    const { run } = await cli({ stdin: shop.replace('replicas: 2', 'replicas: two') });
    const bad = await run('app', 'deploy', '-');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^virtlab: services\.web\.replicas: must be a number of replicas \(line 5\)/);
    const { run: good } = await cli({ stdin: shop });
    expect((await good('app', 'deploy', '-')).code).toBe(0);
  });

  it('refuses bad arguments with exit code 2 and names what is missing', async () => {
    const { run } = await cli();
    expect(await run('app', 'deploy', 'missing.yaml')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^virtlab: application file not found: .*missing\.yaml/) });
    expect(await run('app', 'scale', 'shop', 'web', 'x')).toMatchObject({ code: 2, stderr: expect.stringMatching(/<replicas> must be a whole number/) });
    expect(await run('app', 'rollout', 'shop', 'web')).toMatchObject({ code: 2, stderr: expect.stringMatching(/give either --image IMAGE or --undo/) });
    expect(await run('app', 'rollout', 'shop', 'Web!', '--undo')).toMatchObject({ code: 2, stderr: expect.stringMatching(/"Web!" is not a service name/) });
    expect(await run('app', 'show', 'nope')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no application is named or has the id "nope"/) });
    expect(await run('app')).toMatchObject({ code: 2, stderr: expect.stringMatching(/"app" needs a subcommand: deploy, ls, show, scale, rollout, rm/) });
  });

  it('tells that an application deployed without a running Virtlab starts when Virtlab opens the library', async () => {
    const { cwd, run } = await cli({ mode: 'in-process' });
    await writeFile(path.join(cwd, 'shop.yaml'), shop);
    const out = await run('app', 'deploy', 'shop.yaml');
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/its replicas start when Virtlab opens the library/);
  });
});
