// A service's virtual address: requests spread evenly over ready replicas and fail only when none is ready; each
// replica's CPU and memory follow its share, with cpu.max throttling.
import { describe, expect, it } from 'vitest';
import { node, testCluster } from './testing/testCluster.ts';

const shop = `name: shop
services:
  web:
    image: nginx:1.27
    replicas: 3
    ports: [80]
    traffic: { requests_per_second: 300 }
`;

describe('service routing', () => {
  it('gives every ready replica an equal share of the requests and fails none while one is ready', () => {
    const cluster = testCluster([node(1), node(2), node(3)]);
    cluster.deploy(shop);
    cluster.advance(20_000);
    const view = cluster.app();
    const web = view.services[0]!;
    expect(web.virtualIp).toBe('10.96.0.10');
    expect(web.traffic).toMatchObject({ requestsPerSecond: 300, errorsPerSecond: 0 });
    // nginx: 2 mcores idle + 0.4 mcores per request; 100 requests each.
    expect(view.replicas.map((r) => r.cpuCores)).toEqual([0.042, 0.042, 0.042]);
    const before = web.traffic.errorsTotal;
    cluster.orchestrator.failContainer('app-1', 'web');
    cluster.orchestrator.failContainer('app-1', 'web');
    cluster.advance(1000);
    const one = cluster.app();
    expect(one.replicas.filter((r) => r.ready)).toHaveLength(1);
    expect(one.services[0]!.traffic.errorsTotal).toBe(before);
    expect(one.replicas.find((r) => r.ready)!.cpuCores).toBe(0.122);
  });

  it('fails every request while no replica is ready, and counts availability', () => {
    const cluster = testCluster([node(1)]);
    cluster.deploy(shop.replace('replicas: 3', 'replicas: 1'));
    cluster.advance(20_000);
    const ready = cluster.app().services[0]!;
    cluster.orchestrator.failContainer('app-1', 'web');
    cluster.advance(5000);
    const down = cluster.app().services[0]!;
    expect(down.traffic).toMatchObject({ requestsPerSecond: 300, errorsPerSecond: 300 });
    expect(down.traffic.errorsTotal - ready.traffic.errorsTotal).toBe(5 * 300);
    expect(down.availability).toBeLessThan(ready.availability);
  });

  it('throttles a replica whose demand exceeds cpu.max', () => {
    const cluster = testCluster([node(1)]);
    cluster.deploy(`name: api
services:
  api:
    image: virtlab/shop-api:1.1
    resources: { limits: { cpus: 0.5 } }
    traffic: { requests_per_second: 200 }
`);
    cluster.advance(30_000);
    const replica = cluster.app().replicas[0]!;
    expect(replica.ready).toBe(true);
    expect(replica).toMatchObject({ cpuCores: 0.5, throttled: true });
  });
});
