// Scheduling: requests against allocatable capacity, spreading across hosts, reasons for replicas no host can take.
import { describe, expect, it } from 'vitest';
import { node, testCluster } from './testing/testCluster.ts';

const app = (replicas: number, cpus: string, extra = '') => `name: shop
services:
  web:
    image: nginx:1.27
    replicas: ${replicas}
    resources: { requests: { cpus: ${cpus}, memory: 128Mi } }
${extra}`;

describe('scheduler', () => {
  it('spreads the replicas of a service over the hosts before doubling up on any', () => {
    const cluster = testCluster([node(1), node(2), node(3)]);
    cluster.deploy(app(6, '0.5'));
    const perHost = new Map<string, number>();
    for (const replica of cluster.app().replicas) perHost.set(replica.hostId!, (perHost.get(replica.hostId!) ?? 0) + 1);
    expect([...perHost.values()]).toEqual([2, 2, 2]);
  });

  it('prefers the least allocated host when spreading is even', () => {
    const cluster = testCluster([node(1), node(2)]);
    cluster.deploy(`name: big
services:
  batch:
    image: alpine:3.20
    resources: { requests: { cpus: 3, memory: 1Gi } }
`, 'big');
    cluster.deploy(app(1, '0.5'));
    const batchHost = cluster.app('big').replicas[0]!.hostId;
    expect(cluster.app().replicas[0]!.hostId).not.toBe(batchHost);
  });

  it('leaves a replica Pending with the reason when no host has the CPU it requests', () => {
    const cluster = testCluster([node(1, 3), node(2, 3), node(3, 3)]);
    cluster.deploy(app(4, '2'));
    const pending = cluster.app().replicas.filter((r) => r.phase === 'Pending');
    expect(pending).toHaveLength(1);
    expect(pending[0]!.reason).toBe('0/3 hosts have 2 CPUs free');
    expect(cluster.app().events.some((e) => e.reason === 'FailedScheduling' && e.message.endsWith('0/3 hosts have 2 CPUs free'))).toBe(true);
  });

  it('counts each host under its reason when they differ, and names who holds a host port', () => {
    const cluster = testCluster([node(1), node(2), node(3, 1)]);
    cluster.ports.set('host-2:8080', 'proxy-ct');
    cluster.orchestrator.failHost('host-1');
    cluster.deploy(app(1, '2', '    ports: ["8080:80"]\n'));
    expect(cluster.app().replicas[0]!.reason).toBe('0/3 hosts can run it: 1 is down, 1 has host port 8080 taken (by proxy-ct on Node 2), 1 has less than 2 CPUs free');
  });

  it('runs at most one replica per host of a service that publishes a host port', () => {
    const cluster = testCluster([node(1), node(2)]);
    cluster.deploy(app(3, '0.1', '    ports: ["8080:80"]\n'));
    const [a, b, c] = cluster.app().replicas;
    expect(new Set([a!.hostId, b!.hostId])).toEqual(new Set(['host-1', 'host-2']));
    expect(c!.phase).toBe('Pending');
    expect(c!.reason).toMatch(/^0\/2 hosts have host port 8080 free \(taken by shop-web-\d on Node \d\)$/);
  });

  it('places a pending replica as soon as a host frees what it requests', () => {
    const cluster = testCluster([node(1, 2)]);
    cluster.deploy(app(2, '1.5'));
    expect(cluster.app().replicas.map((r) => r.phase)).toEqual(['Pulling', 'Pending']);
    cluster.orchestrator.scale('app-1', 'web', 1);
    cluster.advance(1000);
    cluster.deploy(app(2, '0.5'));
    cluster.advance(2000);
    expect(cluster.app().replicas.every((r) => r.hostId === 'host-1')).toBe(true);
  });
});
