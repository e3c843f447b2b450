// virtlab migrate / host / consolidate against the real engine (in this thread), as a connected CLI would see it.
import { describe, expect, it } from 'vitest';
import { BackendService } from '../node/backendService.ts';
import { InlineEngine } from '../node/testing/inlineEngine.ts';
import type { SessionMode } from './commandTypes.ts';
import type { OpenSession } from './inProcessSession.ts';
import { runVirtlab } from './runVirtlab.ts';

function cliOn(engine: InlineEngine, mode: SessionMode = 'connected') {
  const backend = new BackendService({ engine, transport: 'web', version: '9.9.9', log: () => undefined });
  const api = backend.apiFor(backend.connect(() => undefined));
  const openSession: OpenSession = async ({ libraryDir }) => ({ api, mode, libraryDir, close: async () => undefined });
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => (stdout += t), stdoutBytes: () => undefined, stderr: (t: string) => (stderr += t), stderrIsTty: false };
    const code = await runVirtlab(argv, { io, cwd: '/work', env: { VIRTLAB_LIBRARY: '/lib' }, version: '9.9.9', openSession, readStdin: async () => Buffer.alloc(0) });
    return { code, stdout, stderr };
  };
  return { api, run };
}

async function runningServer(engine: InlineEngine, api: ReturnType<typeof cliOn>['api'], name: string, hostId: string): Promise<string> {
  const machine = await api.createMachine({ name, osType: 'ubuntu64', vcpus: 1, memoryMiB: 2048, diskGiB: 20, hostId });
  await api.startMachine({ id: machine.id });
  engine.advance(30_000);
  return machine.id;
}

describe('virtlab migrate', () => {
  it('migrates a running machine live and prints its rounds, total time and downtime', async () => {
    const engine = new InlineEngine(1);
    const { api, run } = cliOn(engine);
    await runningServer(engine, api, 'web-01', 'rack-01');
    // Each poll of the CLI lets a simulated second pass.
    engine.tickPerRequestMs = 1000;
    const out = await run('migrate', 'web-01', '--to', 'Rack 02');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Machine:\s+web-01\nFrom:\s+Rack 01\nTo:\s+Rack 02\nMethod:\s+live \(pre-copy\)\nResult:\s+done/);
    expect(out.stdout).toMatch(/Downtime:\s+\d+ ms/);
    expect(out.stdout).toMatch(/ROUND\s+SENT\s+DIRTIED\s+DURATION\n\s+1\s+2.00 GiB/);
    expect((await api.listMachines({}))[0]).toMatchObject({ hostId: 'rack-02', state: 'Running' });
  });

  it('says where a machine can go when the host has no platform of its kind, and refuses with the engine reason', async () => {
    const engine = new InlineEngine(2);
    const { api, run } = cliOn(engine);
    await runningServer(engine, api, 'web-01', 'rack-01');
    const nowhere = await run('migrate', 'web-01', '--to', 'Workstation');
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/^virtlab: "web-01" cannot go to "Workstation": no platform of its kind runs there. It could go to Rack 02 \(rack-02\), .*Atlas \(host-1\)$/m);
    await api.hostAction({ hostId: 'rack-02', action: 'maintenance' });
    const refused = await run('migrate', 'web-01', '--to', 'rack-02');
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/maintenance mode: it accepts no new guests/) });
    expect((await run('migrate', 'web-01')).stderr).toMatch(/missing --to/);
  });
});

describe('virtlab host and consolidate', () => {
  it('fails a host (its machine becomes Aborted), powers it on again, and needs a running Virtlab', async () => {
    const engine = new InlineEngine(3);
    const { api, run } = cliOn(engine);
    await runningServer(engine, api, 'web-01', 'rack-01');
    const out = await run('host', 'fail', 'Rack 01');
    expect(out).toMatchObject({ code: 0, stdout: 'Host "Rack 01" is failed (0 of 1 guests running, 0 W).\n' });
    expect((await api.listMachines({}))[0]!.state).toBe('Aborted');
    expect((await run('host', 'power-on', 'rack-01')).stdout).toMatch(/^Host "Rack 01" is on/);
    const offline = cliOn(new InlineEngine(3), 'in-process');
    expect((await offline.run('host', 'maintenance', 'rack-01')).stderr).toMatch(/no Virtlab is running on the library \/lib, and hosts exist only while it runs/);
  });

  it('prints a dry-run plan and runs the consolidation down to powered-off hosts', async () => {
    const engine = new InlineEngine(4);
    const { api, run } = cliOn(engine);
    for (const hostId of ['rack-01', 'rack-02', 'rack-03']) await runningServer(engine, api, `srv-${hostId}`, hostId);
    engine.advance(120_000);
    const plan = await run('consolidate', 'Rack cluster', '--dry-run');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^Plan on the 80th percentile of measured CPU demand, keeping 20 % headroom\./);
    expect(plan.stdout).toMatch(/Hosts on: 10 → 1; power \d+ W → \d+ W\./);
    engine.tickPerRequestMs = 1000;
    const done = await run('consolidate', 'cluster-rack');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Done \(11 of 11 steps\)\./);
    const hosts = (await run('--json', 'list', 'hosts')).stdout;
    expect(JSON.parse(hosts)).toHaveLength(18);
    expect((await api.getDatacenter({})).hosts.filter((h) => h.power === 'off')).toHaveLength(9);
    expect((await run('consolidate', 'nope')).stderr).toMatch(/no cluster is named or has the id "nope"; the clusters are Rack cluster \(cluster-rack\)/);
  });
});
