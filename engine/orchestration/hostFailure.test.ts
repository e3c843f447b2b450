// A failed container host: its replicas are evicted at once and come back on the other hosts; a recovered host takes
// pending replicas again. Records bring applications back after a restart, on the hosts they ran on.
import { describe, expect, it } from 'vitest';
import { LayerCache } from '../containers/layerCache.ts';
import { Orchestrator } from './orchestrator.ts';
import { node, testCluster } from './testing/testCluster.ts';

const shop = `name: shop
services:
  web:
    image: nginx:1.27
    replicas: 4
    resources: { requests: { cpus: 1, memory: 256Mi } }
  db:
    image: postgres:16
    resources: { requests: { cpus: 1, memory: 1Gi } }
`;

describe('host failure', () => {
  it('reschedules the failed host\'s replicas onto the others', () => {
    const cluster = testCluster([node(1), node(2), node(3)]);
    cluster.deploy(shop);
    cluster.advance(20_000);
    const lost = cluster.app().replicas.filter((r) => r.hostId === 'host-1').map((r) => r.id);
    expect(lost.length).toBeGreaterThan(0);
    cluster.orchestrator.failHost('host-1');
    const view = cluster.app();
    expect(view.replicas.some((r) => lost.includes(r.id))).toBe(false);
    expect(view.replicas.every((r) => r.hostId !== 'host-1')).toBe(true);
    expect(view.events.some((e) => e.reason === 'NodeFailed' && e.message === `host Node 1 failed: ${lost.length} replica${lost.length === 1 ? '' : 's'} evicted and replaced elsewhere`)).toBe(true);
    cluster.advance(30_000);
    const after = cluster.app();
    expect(after.services.map((s) => [s.name, s.ready, s.desired])).toEqual([
      ['web', 4, 4],
      ['db', 1, 1],
    ]);
    expect(cluster.orchestrator.nodes().find((n) => n.hostId === 'host-1')).toMatchObject({ ready: false, replicas: 0, requested: { cpus: 0, memoryMiB: 0 } });
  });

  it('keeps replicas pending while the hosts left cannot hold them, and places them when the host recovers', () => {
    const cluster = testCluster([node(1), node(2)]);
    cluster.deploy(shop.replace('replicas: 4', 'replicas: 6'));
    cluster.advance(20_000);
    cluster.orchestrator.failHost('host-2');
    const pending = cluster.app().replicas.filter((r) => r.phase === 'Pending');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0]!.reason).toBe('0/2 hosts can run it: 1 is down, 1 has less than 1 CPU free');
    expect(() => cluster.orchestrator.failHost('host-2')).toThrow('Host Node 2 has already failed');
    cluster.orchestrator.recoverHost('host-2');
    cluster.advance(20_000);
    expect(cluster.app().replicas.filter((r) => r.ready)).toHaveLength(7);
  });

  it('names the container hosts when asked to fail another host', () => {
    const cluster = testCluster([node(1), node(2)]);
    expect(() => cluster.orchestrator.failHost('host-9')).toThrow('Host "host-9" runs no container platform; container hosts are Node 1 (host-1), Node 2 (host-2)');
  });
});

describe('application records', () => {
  it('restores an application with its revisions and puts its replicas back on their hosts', () => {
    const cluster = testCluster([node(1), node(2), node(3)]);
    cluster.deploy(shop);
    cluster.advance(20_000);
    cluster.orchestrator.rollout('app-1', 'web', 'nginx:1.25');
    cluster.advance(40_000);
    cluster.orchestrator.scale('app-1', 'db', 2);
    cluster.advance(20_000);
    const [record] = cluster.orchestrator.records();
    const placement = new Map(cluster.app().replicas.map((r) => [r.id, r.hostId]));

    const restored = new Orchestrator({ nowMs: () => 0, nodes: () => [node(1), node(2), node(3)], portHolder: () => undefined, hostPowered: () => true }, new LayerCache());
    expect(restored.restore([record!])).toEqual([]);
    const view = restored.view('app-1');
    expect(view.services.map((s) => [s.name, s.image, s.desired, s.revision, s.virtualIp])).toEqual([
      ['web', 'nginx:1.25', 4, 2, '10.96.0.10'],
      ['db', 'postgres:16', 2, 1, '10.96.0.11'],
    ]);
    expect(new Map(view.replicas.map((r) => [r.id, r.hostId]))).toEqual(placement);
    // Their images are on those hosts already: they start at once instead of pulling.
    expect(view.replicas.every((r) => r.phase === 'Starting')).toBe(true);
    expect(restored.takeChanges()?.records).toEqual([]);
  });

  it('skips a record whose image left the catalogue when told to, and names why', () => {
    const cluster = testCluster([node(1)]);
    cluster.deploy(shop);
    const [record] = cluster.orchestrator.records();
    const broken = { ...record!, spec: { ...record!.spec, services: { ...record!.spec.services, db: { ...record!.spec.services['db']!, image: 'postgres:99' } } } };
    const fresh = () => new Orchestrator({ nowMs: () => 0, nodes: () => [node(1)], portHolder: () => undefined, hostPowered: () => true }, new LayerCache());
    expect(() => fresh().restore([broken])).toThrow(/no tag "99"/);
    expect(fresh().restore([broken], true)).toEqual([{ id: 'app-1', name: 'shop', reason: expect.stringMatching(/no tag "99"/) }]);
  });
});
