// Host activity: per-core figures from vCPU placement add up to the host's utilisation; memory, storage and top guests.
import { describe, expect, it } from 'vitest';
import { hostActivitySchema } from '../shared/domain/telemetry.ts';
import type { HostActivity } from '../shared/domain/telemetry.ts';
import { Engine } from './engine.ts';
import { balance, coreBusy } from './sim/queries/corePlacement.ts';
import { HostUtilisation } from './sim/queries/hostUtilisation.ts';
import { SimWorld } from './sim/world.ts';
import { id, spec, startAndWait } from './facadeTestKit.ts';

const activityOf = (engine: Engine, hostId: string): HostActivity => engine.handle('getHostActivity', {}).find((h) => h.hostId === hostId)!;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('Engine: host activity', () => {
  it('places busy vCPUs on distinct cores and adds up to the utilisation the Hosts view reports, for every host', () => {
    const engine = new Engine({ seed: 5 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'lpar-a', platformId: 'lpar-fw', vcpus: 4, workload: 'cpuBatch' }) });
    engine.handle('createMachine', { id: id(2), spec: spec({ name: 'batch', vcpus: 4, workload: 'cpuBatch' }) });
    engine.handle('createMachine', { id: id(3), spec: spec({ name: 'ppc', platformId: 'ws-qemu', osType: 'debian-ppc', workload: 'compile' }) });
    for (const n of [1, 2, 3]) startAndWait(engine, id(n));
    engine.advance(5000);
    const activity = engine.handle('getHostActivity', {});
    const hosts = engine.handle('listHosts', {});
    expect(activity.map((a) => a.hostId)).toEqual(hosts.map((h) => h.id));
    for (const host of hosts) {
      const a = activity.find((x) => x.hostId === host.id)!;
      expect(hostActivitySchema.safeParse(a).success).toBe(true);
      expect(a.coreUtilisation).toHaveLength(host.cores);
      for (const core of a.coreUtilisation) expect(core).toBeGreaterThanOrEqual(0);
      for (const core of a.coreUtilisation) expect(core).toBeLessThanOrEqual(1);
      expect(sum(a.coreUtilisation) / host.cores).toBeCloseTo(a.cpuUtilisation, 3);
      expect(a.cpuUtilisation * 100).toBeCloseTo(host.utilisation.cpuPct, 0);
      expect(a.memory.committedMiB).toBe(host.committed.memoryMiB);
      expect(a.memory.physicalMiB).toBe(host.memoryMiB);
      expect(a.memory.overcommitRatio).toBeCloseTo(host.committed.memoryMiB / host.memoryMiB, 2);
    }
    // Atlas: the 4-vCPU batch guest keeps four cores busy; nothing else runs there but the hypervisor.
    const atlas = activityOf(engine, 'host-1');
    expect(atlas.coreUtilisation.filter((c) => c > 0.9)).toHaveLength(4);
    expect(atlas.topGuests.map((g) => g.name)).toEqual(['batch']);
    expect(atlas.topGuests[0]!.cpuPct).toBeGreaterThan(95);
    // Mainframe: the partition owns four dedicated cores after the control partition's core 0.
    const mainframe = activityOf(engine, 'host-2');
    expect(mainframe.coreUtilisation.slice(1, 5).every((c) => c > 0.9)).toBe(true);
    expect(sum(mainframe.coreUtilisation.slice(5))).toBe(0);
  });

  it('never puts a core above 100 % when vCPUs outnumber cores, and still adds up to the host total', () => {
    const engine = new Engine({ seed: 6 });
    for (let n = 1; n <= 6; n++) engine.handle('createMachine', { id: id(n), spec: spec({ name: `busy-${n}`, vcpus: 4, workload: 'cpuBatch' }) });
    for (let n = 1; n <= 6; n++) startAndWait(engine, id(n));
    engine.advance(3000);
    const atlas = activityOf(engine, 'host-1');
    const host = engine.handle('listHosts', {}).find((h) => h.id === 'host-1')!;
    expect(Math.max(...atlas.coreUtilisation)).toBeLessThanOrEqual(1);
    expect(atlas.cpuUtilisation).toBeGreaterThan(0.95);
    expect(atlas.cpuUtilisation * 100).toBeCloseTo(host.utilisation.cpuPct, 0);
    expect(atlas.topGuests).toHaveLength(5);
    const cpu = atlas.topGuests.map((g) => g.cpuCores);
    expect(cpu).toEqual([...cpu].sort((a, b) => b - a));
  });

  it('reports storage from the host pools and the used memory the host holds', () => {
    const engine = new Engine({ seed: 7 });
    engine.handle('createMachine', { id: id(1), spec: spec({ name: 'db', workload: 'database', memoryMiB: 8192 }) });
    startAndWait(engine, id(1));
    engine.advance(10_000);
    const atlas = activityOf(engine, 'host-1');
    const pool = engine.handle('listStorage', {}).find((p) => p.hostId === 'host-1')!;
    expect(atlas.storage.capacityGiB).toBeCloseTo(pool.capacityMiB / 1024, 2);
    expect(atlas.storage.usedGiB).toBeCloseTo(pool.usedMiB / 1024, 2);
    expect(atlas.memory.usedMiB).toBeGreaterThan(atlas.topGuests[0]!.memoryUsedMiB);
  });
});

describe('coreBusy', () => {
  it("runs a partition's nested guests on the partition's own dedicated cores, adding up to the host's busy time", () => {
    const w = new SimWorld(1);
    w.addHost({ name: 'mf', cores: 8, memoryMiB: 65_536 });
    w.addPlatform({ name: 'lpars', kind: 'type0', on: { host: 'mf' }, controlPartition: { cores: 1, memoryMiB: 2048 } });
    w.addGuest({ name: 'lpar-a', platform: 'lpars', vcpus: 2, memoryMiB: 8192, workload: 'idle' });
    w.addGuest({ name: 'lpar-b', platform: 'lpars', vcpus: 4, memoryMiB: 16_384 });
    w.start('lpar-a');
    w.start('lpar-b');
    w.advance(30_000);
    w.addPlatform({ name: 'inner', kind: 'type1', on: { guest: 'lpar-b' } });
    w.addGuest({ name: 'vm', platform: 'inner', vcpus: 2, memoryMiB: 2048, workload: 'cpuBatch' });
    w.start('vm');
    w.advance(30_000);
    const utilisation = new HostUtilisation();
    utilisation.take(w.internals);
    const busyBefore = w.internals.hostBusyS[0]!;
    w.advance(1000);
    utilisation.take(w.internals);
    const cores = Array.from(coreBusy(w.internals, 0, { controlCores: (pool) => utilisation.controlCores(pool) }));
    // Core 0: control partition; 1–2: lpar-a (idle); 3–6: lpar-b, whose inner VM keeps two of them busy; 7: free.
    expect(cores[0]).toBe(0);
    expect(cores[1]! + cores[2]!).toBeLessThan(0.2);
    expect(cores[3]).toBeGreaterThan(0.95);
    expect(cores[4]).toBeGreaterThan(0.95);
    expect(cores[7]).toBe(0);
    expect(sum(cores)).toBeCloseTo(w.internals.hostBusyS[0]! - busyBefore, 6);
  });
});

describe('balance', () => {
  it('moves work above a full core to the least-loaded cores, keeping the total', () => {
    const cores = Float64Array.from([1.5, 0.2, 0.9, 1.1]);
    balance(cores);
    expect(Array.from(cores).map((c) => Math.round(c * 100) / 100)).toEqual([1, 0.8, 0.9, 1]);
  });
});
