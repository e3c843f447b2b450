// A replica's life: layers pulled once per host, start-up and health check, dependencies first, OOM kills and the
// kubelet's back-off, restart policies, and a crash made on purpose.
import { describe, expect, it } from 'vitest';
import { kubeletBackoff, nextBackoff } from '../containers/restartBackoff.ts';
import { node, testCluster } from './testing/testCluster.ts';

const one = (image: string, extra = '') => `name: demo
services:
  app:
    image: ${image}
${extra}`;

describe('replica life cycle', () => {
  it('pulls only the layers a host lacks: a second image on the same base downloads just its own layers', () => {
    const cluster = testCluster([node(1)]);
    cluster.deploy(one('nginx:1.27'));
    const first = cluster.app().replicas[0]!;
    expect(first.phase).toBe('Pulling');
    expect(first.reason).toBe('pulling 3 of 3 layers of nginx:1.27 (189 MiB at 60 MiB/s)');
    cluster.advance(10_000);
    cluster.deploy(one('postgres:16').replace('demo', 'db'), 'db');
    // Debian's base layer is already on the host: postgres only needs its own two layers.
    expect(cluster.app('db').replicas[0]!.reason).toBe('pulling 2 of 3 layers of postgres:16 (304 MiB at 60 MiB/s)');
  });

  it('turns ready at the first health probe after the process is up, and not before', () => {
    const cluster = testCluster([node(1)]);
    cluster.deploy(one('virtlab/shop-api:1.0', '    healthcheck: { interval: 2s }\n'));
    let readyAt = -1;
    cluster.advance(20_000, () => {
      if (readyAt < 0 && cluster.app().replicas[0]!.ready) readyAt = cluster.nowMs();
    });
    const events = cluster.app().events;
    const started = events.find((e) => e.reason === 'Started')!.atMs;
    // 120 ms container start + 6 s JVM start-up, rounded up to the 2 s probe interval: 8 s after the start.
    expect(readyAt - started).toBe(8000);
  });

  it('starts a service only once the services it depends on have a ready replica', () => {
    const cluster = testCluster([node(1), node(2)]);
    cluster.deploy(`name: shop
services:
  web: { image: nginx:1.27, depends_on: [db] }
  db: { image: postgres:16 }
`);
    const web = () => cluster.app().replicas.find((r) => r.service === 'web')!;
    const db = () => cluster.app().replicas.find((r) => r.service === 'db')!;
    expect(web().phase).toBe('Waiting');
    expect(web().reason).toBe('waiting for db to have a ready replica (depends_on)');
    cluster.advance(100, () => undefined);
    while (!db().ready) {
      expect(web().phase).toBe('Waiting');
      cluster.advance(100);
    }
    cluster.advance(100);
    expect(web().phase).not.toBe('Waiting');
  });

  it('OOM-kills a replica whose memory exceeds its limit and restarts it after 10 s, 20 s, 40 s', () => {
    const cluster = testCluster([node(1)]);
    // The shop API needs about 300 MiB: a 256 MiB limit gets it killed as soon as it runs.
    cluster.deploy(one('virtlab/shop-api:1.0', '    resources: { limits: { memory: 256Mi } }\n'));
    const kills: number[] = [];
    const restarts: number[] = [];
    cluster.advance(120_000, () => {
      for (const e of cluster.app().events) {
        if (e.reason === 'OOMKilled' && !kills.includes(e.atMs)) kills.push(e.atMs);
        if (e.reason === 'Restarted' && !restarts.includes(e.atMs)) restarts.push(e.atMs);
      }
    });
    const replica = cluster.app().replicas[0]!;
    expect(replica.lastExit).toMatchObject({ reason: 'OOMKilled', message: expect.stringMatching(/memory \d+ MiB exceeded memory\.max 256 MiB/) });
    expect(kills.length).toBeGreaterThanOrEqual(3);
    // Each restart comes the back-off after the kill before it, doubling from 10 s.
    expect(restarts.slice(0, 3).map((at, i) => at - kills[i]!)).toEqual([10_000, 20_000, 40_000]);
    expect(replica.restarts).toBe(restarts.length);
    expect(cluster.app().services[0]!.restarts).toBe(restarts.length);
  });

  it('resets the back-off once a container ran ten minutes, and caps it at five', () => {
    expect(nextBackoff(kubeletBackoff, 0, 0)).toEqual({ delayMs: 10_000, streak: 1 });
    expect(nextBackoff(kubeletBackoff, 3, 5_000)).toEqual({ delayMs: 80_000, streak: 4 });
    expect(nextBackoff(kubeletBackoff, 9, 5_000).delayMs).toBe(300_000);
    expect(nextBackoff(kubeletBackoff, 9, 600_000)).toEqual({ delayMs: 10_000, streak: 1 });
  });

  it('leaves a failed replica stopped under restart "no" and gives its host back', () => {
    const cluster = testCluster([node(1)]);
    cluster.deploy(one('nginx:1.27', '    restart: "no"\n    resources: { requests: { cpus: 1, memory: 128Mi } }\n'));
    cluster.advance(10_000);
    cluster.orchestrator.failContainer('app-1', 'app');
    cluster.advance(60_000);
    const replica = cluster.app().replicas[0]!;
    expect(replica.phase).toBe('Failed');
    expect(replica.restarts).toBe(0);
    expect(replica.reason).toMatch(/restart policy "no" leaves it stopped/);
    expect(cluster.orchestrator.nodes()[0]!.requested).toEqual({ cpus: 0, memoryMiB: 0 });
  });

  it('refuses to start a process that needs more processes than pids.max, and says why', () => {
    const cluster = testCluster([node(1)]);
    cluster.deploy(one('virtlab/shop-api:1.0', '    resources: { limits: { pids: 16 } }\n'));
    cluster.advance(10_000);
    expect(cluster.app().replicas[0]!.lastExit?.message).toBe('fork failed at start: it needs 34 processes and threads, pids.max is 16');
  });

  it('fails a replica on request only while one runs', () => {
    const cluster = testCluster([node(1)]);
    cluster.deploy(one('nginx:1.27'));
    expect(() => cluster.orchestrator.failContainer('app-1', 'app')).toThrow('app has no running replica to fail');
    cluster.advance(10_000);
    const view = cluster.orchestrator.failContainer('app-1', 'app');
    expect(view.replicas[0]).toMatchObject({ phase: 'BackOff', ready: false, lastExit: { reason: 'Error' } });
  });
});
