// Applications through the engine facade: commands checked at the boundary, changes on the change stream (views each
// second, records when the saved state changes), and records that restore the application in a restarted engine.
import { describe, expect, it } from 'vitest';
import { parseApplicationFile } from '../../shared/domain/applicationFile.ts';
import type { ApplicationRecord } from '../../shared/domain/applicationRecord.ts';
import type { EngineChanges } from '../../shared/engine/protocol.ts';
import { Engine } from '../engine.ts';
import { refusal } from '../facadeTestKit.ts';

const shop = parseApplicationFile(`name: shop
services:
  web: { image: virtlab/shop-web:1.0, replicas: 3, ports: ["8080:80"], depends_on: [api] }
  api: { image: virtlab/shop-api:1.0, replicas: 2, resources: { requests: { cpus: 1, memory: 512Mi } }, depends_on: [db] }
  db: { image: postgres:16, resources: { requests: { cpus: 1, memory: 1Gi } } }
`);

function collect(engine: Engine, ms: number): EngineChanges[] {
  const out: EngineChanges[] = [];
  for (let t = 0; t < ms; t += 1000) for (const note of engine.advance(1000)) if (note.kind === 'changes') out.push(note.changes);
  return out;
}

describe('applications in the engine', () => {
  it('deploys across the container hosts and reports views and records on the change stream', () => {
    const engine = new Engine({ seed: 1 });
    const view = engine.handle('deployApplication', { id: 'app-1', spec: shop });
    expect(view.replicas).toHaveLength(6);
    const hosts = new Set(view.replicas.map((r) => r.hostId));
    expect(hosts.size).toBeGreaterThanOrEqual(3);
    const first = engine.takeChanges();
    expect(first?.applications?.map((a) => a.id)).toEqual(['app-1']);
    expect(first?.applicationRecords?.[0]?.replicas).toHaveLength(6);
    const later = collect(engine, 40_000);
    // Traffic changes every second: a view each second; records only when something saved changed.
    expect(later.filter((c) => c.applications?.length)).toHaveLength(40);
    expect(later.filter((c) => c.applicationRecords?.length).length).toBeLessThan(10);
    const ready = engine.handle('getApplication', { id: 'app-1' });
    expect(ready.services.map((s) => [s.name, s.ready])).toEqual([
      ['web', 3],
      ['api', 2],
      ['db', 1],
    ]);
  });

  it('checks commands at the boundary and names what is wrong', () => {
    const engine = new Engine({ seed: 2 });
    expect(refusal(() => engine.handle('scaleService', { id: 'nope', service: 'web', replicas: 2 })).message).toBe('There is no application with id "nope"; it may have been removed');
    expect(refusal(() => engine.handle('scaleService', { id: 'x', service: 'web', replicas: -1 })).toData()).toEqual({ code: 'VALIDATION', field: 'replicas', message: 'replicas must not be negative' });
    engine.handle('deployApplication', { id: 'app-1', spec: shop });
    expect(refusal(() => engine.handle('rolloutService', { id: 'app-1', service: 'cart', image: 'nginx:1.27' })).message).toBe('Application shop has no service "cart"; its services are web, api, db');
    expect(refusal(() => engine.handle('failContainerHost', { hostId: 'host-1' })).message).toMatch(/^Host "host-1" runs no container platform; container hosts are Workstation \(host-5\), Node 1 \(host-6\)/);
    const broken = { name: 'other', services: { web: { ...shop.services['web']!, dependsOn: [], image: 'nginx:0.1' } } };
    expect(refusal(() => engine.handle('deployApplication', { id: 'app-2', spec: broken })).toData()).toEqual({ code: 'VALIDATION', field: 'services.web.image', message: 'Image "nginx:0.1" has no tag "0.1" in the catalogue; nginx has 1.25, 1.27, 1.27-alpine' });
  });

  it('applies a changed file to the deployed application: a rollout for a new image, scaling for a new count', () => {
    const engine = new Engine({ seed: 3 });
    engine.handle('deployApplication', { id: 'app-1', spec: shop });
    collect(engine, 30_000);
    const changed = { ...shop, services: { ...shop.services, web: { ...shop.services['web']!, image: 'virtlab/shop-web:1.1', replicas: 4 } } };
    const view = engine.handle('deployApplication', { id: 'ignored', spec: changed });
    expect(view.id).toBe('app-1');
    expect(view.services[0]).toMatchObject({ image: 'virtlab/shop-web:1.1', desired: 4, revision: 2, rollout: { state: 'Progressing' } });
    expect(view.events.at(-1)?.message).toBe('file applied: updated web, scaled web');
  });

  it('loses the replicas of a host the data center fails, places them on the others, and uses the host again once it is back', () => {
    const engine = new Engine({ seed: 5 });
    engine.handle('deployApplication', { id: 'app-1', spec: shop });
    collect(engine, 30_000);
    const hostId = engine.handle('getApplication', { id: 'app-1' }).replicas[0]!.hostId!;
    const lost = engine.handle('getApplication', { id: 'app-1' }).replicas.filter((r) => r.hostId === hostId).map((r) => r.id);
    const hostName = engine.handle('listContainerNodes', {}).find((n) => n.hostId === hostId)!.hostName;

    engine.handle('hostAction', { hostId, action: 'fail' });
    collect(engine, 1000);
    const after = engine.handle('getApplication', { id: 'app-1' });
    expect(after.replicas.filter((r) => r.hostId === hostId || lost.includes(r.id))).toEqual([]);
    expect(after.events.some((e) => e.reason === 'NodeFailed' && e.message.startsWith(`host ${hostName} lost power: ${lost.length} replica`))).toBe(true);
    expect(engine.handle('listContainerNodes', {}).find((n) => n.hostId === hostId)).toMatchObject({ ready: false, replicas: 0 });
    collect(engine, 30_000);
    expect(engine.handle('getApplication', { id: 'app-1' }).services.map((s) => [s.name, s.ready])).toEqual([
      ['web', 3],
      ['api', 2],
      ['db', 1],
    ]);

    engine.handle('hostAction', { hostId, action: 'powerOn' });
    collect(engine, 1000);
    expect(engine.handle('listContainerNodes', {}).find((n) => n.hostId === hostId)?.ready).toBe(true);
    engine.handle('scaleService', { id: 'app-1', service: 'web', replicas: 12 });
    collect(engine, 30_000);
    expect(engine.handle('getApplication', { id: 'app-1' }).replicas.some((r) => r.hostId === hostId)).toBe(true);
  });

  it('restores applications from their records after a restart, and removes them for good', () => {
    const engine = new Engine({ seed: 4 });
    const mirror = new Map<string, ApplicationRecord>();
    const keep = (changes: EngineChanges | undefined) => {
      for (const record of changes?.applicationRecords ?? []) mirror.set(record.id, record);
      for (const id of changes?.removedApplications ?? []) mirror.delete(id);
    };
    engine.handle('deployApplication', { id: 'app-1', spec: shop });
    keep(engine.takeChanges());
    for (const changes of collect(engine, 30_000)) keep(changes);
    engine.handle('scaleService', { id: 'app-1', service: 'web', replicas: 2 });
    keep(engine.takeChanges());
    for (const changes of collect(engine, 5000)) keep(changes);
    const saved = engine.handle('getApplication', { id: 'app-1' });

    const restarted = new Engine({ seed: 4 });
    restarted.handle('init', { seed: 4, speed: 1, machines: [], applications: [...mirror.values()] });
    const back = restarted.handle('getApplication', { id: 'app-1' });
    expect(back.services.map((s) => [s.name, s.desired, s.virtualIp])).toEqual(saved.services.map((s) => [s.name, s.desired, s.virtualIp]));
    expect(back.replicas.map((r) => [r.id, r.hostId])).toEqual(saved.replicas.map((r) => [r.id, r.hostId]));
    restarted.handle('removeApplication', { id: 'app-1' });
    expect(restarted.takeChanges()?.removedApplications).toEqual(['app-1']);
    expect(restarted.handle('listApplications', {})).toEqual([]);
    expect(restarted.handle('listContainerNodes', {}).every((n) => n.replicas === 0 && n.requested.cpus === 0)).toBe(true);
  });
});
