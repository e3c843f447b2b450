// Rolling updates: old and new replicas side by side within max surge, never fewer ready than replicas − max
// unavailable, complete when all run the new image; a broken version stalls and is rolled back.
import { describe, expect, it } from 'vitest';
import { node, testCluster } from './testing/testCluster.ts';
import type { TestCluster } from './testing/testCluster.ts';

const web = (replicas: number, surge: string, unavailable: string) => `name: shop
services:
  web:
    image: nginx:1.27
    replicas: ${replicas}
    resources: { requests: { cpus: 0.25, memory: 64Mi } }
    update: { max_surge: ${surge}, max_unavailable: ${unavailable} }
`;

function settled(cluster: TestCluster): void {
  cluster.advance(30_000);
  const service = cluster.app().services[0]!;
  expect(service.ready).toBe(service.desired);
}

/** Runs a rollout to completion, checking the budgets at every step. */
function watchRollout(cluster: TestCluster, desired: number, surge: number, unavailable: number) {
  let minReady = Infinity;
  let maxTotal = 0;
  let sawBoth = false;
  for (let guard = 0; guard < 3000; guard += 1) {
    cluster.advance(100);
    const view = cluster.app();
    const live = view.replicas.filter((r) => r.phase !== 'Terminating');
    minReady = Math.min(minReady, view.replicas.filter((r) => r.ready).length);
    maxTotal = Math.max(maxTotal, live.length);
    if (new Set(live.map((r) => r.revision)).size > 1) sawBoth = true;
    if (view.services[0]!.rollout?.state === 'Complete') break;
  }
  expect(minReady).toBeGreaterThanOrEqual(desired - unavailable);
  expect(maxTotal).toBeLessThanOrEqual(desired + surge);
  return { minReady, maxTotal, sawBoth };
}

describe('rolling update', () => {
  it.each([
    [6, '2', '1', 2, 1],
    [6, '0', '1', 0, 1],
    [5, '1', '0', 1, 0],
    [8, '25%', '25%', 2, 2],
    [3, '25%', '25%', 1, 0],
  ])('replaces %i replicas with surge %s and unavailable %s without breaking either budget', (replicas, surge, unavailable, surgeN, unavailableN) => {
    const cluster = testCluster([node(1), node(2), node(3)]);
    cluster.deploy(web(replicas, surge, unavailable));
    settled(cluster);
    const started = cluster.orchestrator.rollout('app-1', 'web', 'nginx:1.25');
    expect(started.services[0]!.rollout).toMatchObject({ state: 'Progressing', fromImage: 'nginx:1.27', toImage: 'nginx:1.25', maxSurge: surgeN, maxUnavailable: unavailableN });
    const seen = watchRollout(cluster, replicas, surgeN, unavailableN);
    expect(seen.sawBoth).toBe(true);
    const view = cluster.app();
    expect(view.services[0]!.rollout).toMatchObject({ state: 'Complete', updated: replicas, updatedReady: replicas, old: 0 });
    expect(view.replicas.every((r) => r.image === 'nginx:1.25' && r.revision === 2)).toBe(true);
    expect(view.services[0]!.image).toBe('nginx:1.25');
  });

  it('stalls on a version whose replicas never become ready, keeps the old ones serving, and rolls back', () => {
    const cluster = testCluster([node(1), node(2), node(3)]);
    cluster.deploy(`name: shop
services:
  api:
    image: virtlab/shop-api:1.0
    replicas: 3
    resources: { requests: { cpus: 0.5, memory: 512Mi } }
    update: { max_surge: 1, max_unavailable: 0, progress_deadline: 60s }
    traffic: { requests_per_second: 30 }
`);
    settled(cluster);
    const errorsBefore = cluster.app().services[0]!.traffic.errorsTotal;
    cluster.orchestrator.rollout('app-1', 'api', 'virtlab/shop-api:2.0');
    let minReady = Infinity;
    cluster.advance(90_000, () => {
      minReady = Math.min(minReady, cluster.app().replicas.filter((r) => r.ready).length);
    });
    const api = cluster.app().services[0]!;
    expect(minReady).toBe(3);
    expect(api.rollout?.state).toBe('Stalled');
    expect(api.rollout?.message).toMatch(/no new replica became ready for 60 s: BackOff \(Error: java\.lang\.IllegalStateException: database schema 7 required/);
    // Requests kept being served by the old replicas.
    expect(api.traffic.errorsTotal).toBe(errorsBefore);
    const back = cluster.orchestrator.rollback('app-1', 'api');
    expect(back.services[0]!.history.map((h) => [h.revision, h.image])).toEqual([
      [3, 'virtlab/shop-api:1.0'],
      [2, 'virtlab/shop-api:2.0'],
      [1, 'virtlab/shop-api:1.0'],
    ]);
    cluster.advance(60_000);
    const after = cluster.app();
    expect(after.services[0]!.rollout?.state).toBe('Complete');
    expect(after.replicas.every((r) => r.image === 'virtlab/shop-api:1.0' && r.ready)).toBe(true);
  });

  it('refuses a rollout to the image already running and a rollback with no earlier revision', () => {
    const cluster = testCluster([node(1)]);
    cluster.deploy(web(1, '1', '0'));
    expect(() => cluster.orchestrator.rollout('app-1', 'web', 'nginx:1.27')).toThrow('web already runs nginx:1.27');
    expect(() => cluster.orchestrator.rollback('app-1', 'web')).toThrow('web has no earlier revision to roll back to');
    expect(() => cluster.orchestrator.rollout('app-1', 'web', 'nginx:9.9')).toThrow('Image "nginx:9.9" has no tag "9.9" in the catalogue; nginx has 1.25, 1.27, 1.27-alpine');
  });

  it('scales during a rollout and finishes at the new count', () => {
    const cluster = testCluster([node(1), node(2), node(3)]);
    cluster.deploy(web(4, '1', '1'));
    settled(cluster);
    cluster.orchestrator.rollout('app-1', 'web', 'nginx:1.25');
    cluster.advance(1000);
    cluster.orchestrator.scale('app-1', 'web', 6);
    cluster.advance(60_000);
    const view = cluster.app();
    expect(view.services[0]!.rollout?.state).toBe('Complete');
    expect(view.replicas.filter((r) => r.ready && r.image === 'nginx:1.25')).toHaveLength(6);
  });
});
