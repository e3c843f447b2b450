// Consolidation: the plan (bin packing on measured demand with headroom), and running it down to powered-off hosts.
import { describe, expect, it } from 'vitest';
import { packGuests } from './consolidationPlanner.ts';
import type { PackGuest, PackHost } from './consolidationPlanner.ts';
import { fill, rack, until } from './testRack.ts';

const host = (id: string, cores = 8, memoryMiB = 32_768): PackHost => ({ id, cores, memoryMiB, platforms: new Map([['type1', `esx-${id}`]]) });
const guest = (id: string, hostId: string, demandCores: number, memoryMiB = 2048, movable = true): PackGuest => ({ id, hostId, kind: 'type1', demandCores, memoryMiB, movable });

describe('consolidation planner', () => {
  it('packs ten light guests onto one host and empties the other nine', () => {
    const hosts = Array.from({ length: 10 }, (_, i) => host(`h${i}`));
    const guests = hosts.map((h, i) => guest(`g${i}`, h.id, 0.5));
    const plan = packGuests(hosts, guests, { headroom: 0.2, spareHosts: 0 });
    expect(plan.keptHostIds).toHaveLength(1);
    expect(plan.emptiedHostIds).toHaveLength(9);
    expect(plan.moves).toHaveLength(9);
    expect(plan.moves.every((m) => m.toHostId === plan.keptHostIds[0])).toBe(true);
    expect(plan.load.get(plan.keptHostIds[0]!)!.cores).toBeCloseTo(5);
  });

  it('keeps the headroom: demand beyond (1 − headroom) of a host needs another host', () => {
    const hosts = Array.from({ length: 4 }, (_, i) => host(`h${i}`));
    const guests = hosts.map((h, i) => guest(`g${i}`, h.id, 2));
    expect(packGuests(hosts, guests, { headroom: 0, spareHosts: 0 }).keptHostIds).toHaveLength(1);
    expect(packGuests(hosts, guests, { headroom: 0.2, spareHosts: 0 }).keptHostIds).toHaveLength(2);
    expect(packGuests(hosts, guests, { headroom: 0.5, spareHosts: 0 }).keptHostIds).toHaveLength(2);
    expect(packGuests(hosts, guests, { headroom: 0.6, spareHosts: 0 }).keptHostIds).toHaveLength(4);
  });

  it('counts memory as well as CPU', () => {
    const hosts = Array.from({ length: 3 }, (_, i) => host(`h${i}`));
    const guests = hosts.map((h, i) => guest(`g${i}`, h.id, 0.1, 12_288));
    expect(packGuests(hosts, guests, { headroom: 0.2, spareHosts: 0 }).keptHostIds).toHaveLength(2);
  });

  it('keeps pinned guests where they are (their hosts stay on) and keeps spare hosts for HA', () => {
    const hosts = Array.from({ length: 4 }, (_, i) => host(`h${i}`));
    const guests = [guest('pinned', 'h3', 0.5, 2048, false), guest('a', 'h0', 0.5), guest('b', 'h1', 0.5), guest('c', 'h2', 0.5)];
    const plan = packGuests(hosts, guests, { headroom: 0.2, spareHosts: 0 });
    expect(plan.keptHostIds).toEqual(['h3']);
    expect(plan.moves.map((m) => m.guestId).sort()).toEqual(['a', 'b', 'c']);
    const spared = packGuests(hosts, guests, { headroom: 0.2, spareHosts: 1 });
    expect(spared.keptHostIds).toHaveLength(2);
    expect(spared.emptiedHostIds).toHaveLength(2);
  });

  it('moves nothing when the guests cannot fit anywhere with the headroom', () => {
    const plan = packGuests([host('h0'), host('h1')], [guest('a', 'h0', 7), guest('b', 'h1', 7)], { headroom: 0.2, spareHosts: 0 });
    expect(plan.moves).toHaveLength(0);
    expect(plan.emptiedHostIds).toHaveLength(0);
    expect(plan.unplaced.sort()).toEqual(['a', 'b']);
  });
});

describe('consolidating a cluster', () => {
  it('runs the ten-servers example: nine live migrations, nine hosts powered off, less power', () => {
    const r = rack(10);
    const names = fill(r);
    r.world.advance(300_000);
    const plan = r.dc.planConsolidation('rack');
    expect(plan.moves).toHaveLength(9);
    expect(plan.emptiedHostIds).toHaveLength(9);
    expect(plan.after.hostsOn).toBe(1);
    expect(plan.after.watts).toBeLessThan(plan.before.watts / 3);
    expect(plan.moves.every((m) => m.live)).toBe(true);
    const op = r.dc.consolidate('rack');
    expect(op.log[0]).toMatch(/^Plan: 9 moves, 9 hosts to power off/);
    until(r, () => r.dc.operations().every((o) => o.state !== 'running'));
    const done = r.dc.operations().at(-1)!;
    expect(done).toMatchObject({ state: 'done', done: 18, total: 18, problems: [] });
    const hosts = r.dc.view().hosts;
    expect(hosts.filter((h) => h.power === 'off')).toHaveLength(9);
    const kept = hosts.find((h) => h.power === 'on')!;
    expect(names.every((n) => r.world.guest(n).hostId === kept.hostId && r.world.stateOf(n) === 'Running')).toBe(true);
    r.world.advance(30_000);
    const watts = r.dc.view().hosts.reduce((sum, h) => sum + h.watts, 0);
    expect(watts).toBeLessThan(plan.before.watts / 3);
    const migrations = r.dc.migrations();
    expect(migrations.filter((m) => m.reason === 'consolidation' && m.phase === 'done')).toHaveLength(9);
  });

  it('lists what must stay, and powers off only hosts that emptied', () => {
    const r = rack(3);
    fill(r, 'web', 1, ['r01', 'r02']);
    r.world.addGuest({ name: 'dev', platform: 'esx-r03', vcpus: 1, memoryMiB: 1024, workload: 'idle', io: 'passthrough' });
    r.world.start('dev');
    r.world.advance(120_000);
    const plan = r.dc.planConsolidation('rack');
    expect(plan.pinned).toEqual([{ machineId: 'dev', name: 'dev', hostId: 'r03', why: 'it uses a passed-through device' }]);
    expect(plan.emptiedHostIds).not.toContain('r03');
  });
});
