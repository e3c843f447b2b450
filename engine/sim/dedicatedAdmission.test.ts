// Tests that one admission rule decides the fit check and start alike: dedicated partitions count powered-on, shared count all.
import { describe, expect, it } from 'vitest';
import type { PlatformSummary } from '../../shared/domain/host.ts';
import type { FitVerdict } from './types.ts';
import { SimWorld } from './world.ts';

/** Small deterministic generator (mulberry32) so the sweep is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const refusedIn = (verdict: FitVerdict) => verdict.reasons.filter((r) => r.severity === 'refused');
const definedWarning = (verdict: FitVerdict) => verdict.reasons.some((r) => r.severity === 'warning' && r.message.startsWith('Partitions defined on'));

interface Machine {
  readonly cores: number;
  readonly memoryMiB: number;
  readonly control: { readonly cores: number; readonly memoryMiB: number };
}

const machines: Machine[] = [
  { cores: 4, memoryMiB: 16_384, control: { cores: 1, memoryMiB: 1024 } },
  { cores: 8, memoryMiB: 32_768, control: { cores: 1, memoryMiB: 2048 } },
  { cores: 16, memoryMiB: 65_536, control: { cores: 2, memoryMiB: 4096 } },
];
const sizesMiB = [1024, 2048, 4096, 8192, 16_384, 32_768];

describe('type 0: the fit check and start agree', () => {
  it.each(machines.flatMap((m) => [1, 2, 3].map((seed) => [m.cores, seed, m] as const)))('on %i cores (sweep %i): a partition that fits starts, one refused at start was refused by the fit check', (_cores, seed, machine) => {
    const rnd = random(seed * 7919 + machine.cores);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
    const world = new SimWorld(seed);
    world.addHost({ name: 'mf', cores: machine.cores, memoryMiB: machine.memoryMiB, nics: 2, diskControllers: 2 });
    world.addPlatform({ name: 'lpars', kind: 'type0', on: { host: 'mf' }, controlPartition: machine.control });
    const summary = (): PlatformSummary => world.listHosts()[0]!.platforms[0]!;
    const capacity = summary().capacity;
    expect(capacity).toEqual({ cores: machine.cores - machine.control.cores, memoryMiB: machine.memoryMiB - 256 - machine.control.memoryMiB });
    const names: string[] = [];
    const counts = { created: 0, refusedAtCreate: 0, started: 0, refusedAtStart: 0, warned: 0 };

    for (let step = 0; step < 60; step++) {
      const roll = rnd();
      const off = names.filter((n) => world.stateOf(n) === 'PoweredOff');
      const running = names.filter((n) => world.stateOf(n) === 'Running');
      if (roll < 0.4) {
        // Create: the verdict decides, and a partition that was admitted can start right away.
        const name = `p-${step}`;
        const input = { name, platform: 'lpars', vcpus: 1 + Math.floor(rnd() * (machine.cores - 1)), memoryMiB: pick(sizesMiB) };
        const before = summary().settings;
        const verdict = world.fitCheck(input);
        let created = true;
        try {
          world.addGuest(input);
        } catch (error) {
          created = false;
          expect((error as Error).message).toBe(refusedIn(verdict)[0]?.message);
        }
        expect(created).toBe(refusedIn(verdict).length === 0);
        if (!created) {
          counts.refusedAtCreate += 1;
          continue;
        }
        counts.created += 1;
        names.push(name);
        const exceeds = Number(before['definedCores']) + input.vcpus > capacity.cores || Number(before['definedMemoryMiB']) + input.memoryMiB > capacity.memoryMiB;
        expect(definedWarning(verdict)).toBe(exceeds);
        if (exceeds) counts.warned += 1;
        if (rnd() < 0.5) {
          world.start(name);
          counts.started += 1;
        }
      } else if (roll < 0.7 && off.length > 0) {
        // Start a powered-off partition: its own fit check (itself not counted) says whether start will refuse.
        const name = pick(off);
        const verdict = world.checkReconfigure(name, {});
        let started = true;
        try {
          world.start(name);
        } catch (error) {
          started = false;
          expect((error as Error).message).toBe(refusedIn(verdict)[0]?.message);
        }
        expect(started).toBe(refusedIn(verdict).length === 0);
        if (started) counts.started += 1;
        else counts.refusedAtStart += 1;
      } else if (roll < 0.85 && running.length > 0) {
        world.stop(pick(running));
      } else {
        world.advance(Math.floor(rnd() * 30) * 1000);
      }

      // Whatever happened: running partitions never hold more than the machine has, and nothing reads as overcommitted.
      const on = names.filter((n) => world.stateOf(n) !== 'PoweredOff').map((n) => world.guest(n));
      const all = names.map((n) => world.guest(n));
      const sum = (list: typeof all, key: 'vcpus' | 'memoryMiB') => list.reduce((s, g) => s + g[key], 0);
      expect(sum(on, 'vcpus')).toBeLessThanOrEqual(capacity.cores);
      expect(sum(on, 'memoryMiB')).toBeLessThanOrEqual(capacity.memoryMiB);
      const platform = summary();
      expect(platform.committed).toEqual({ vcpus: sum(on, 'vcpus'), memoryMiB: sum(on, 'memoryMiB') });
      expect(platform.settings).toMatchObject({ definedCores: sum(all, 'vcpus'), definedMemoryMiB: sum(all, 'memoryMiB'), freeCores: capacity.cores - sum(on, 'vcpus') });
      expect(platform.overcommit.cpu).toBeLessThanOrEqual(1);
      expect(platform.overcommit.memory).toBeLessThanOrEqual(1);
      expect(platform.guests).toBe(names.length);
    }
    // The sweep exercised both outcomes of both decisions.
    expect(counts.created).toBeGreaterThan(0);
    expect(counts.started).toBeGreaterThan(0);
    expect(counts.refusedAtCreate + counts.refusedAtStart).toBeGreaterThan(0);
  });

  it('creates a partition while others are off with a warning that the defined ones exceed the machine, then refuses its start only while they run', () => {
    const world = new SimWorld(1);
    world.addHost({ name: 'mf', cores: 8, memoryMiB: 32_768 });
    world.addPlatform({ name: 'lpars', kind: 'type0', on: { host: 'mf' }, controlPartition: { cores: 1, memoryMiB: 1024 } });
    world.addGuest({ name: 'a', platform: 'lpars', vcpus: 5, memoryMiB: 4096 });
    const verdict = world.fitCheck({ name: 'b', platform: 'lpars', vcpus: 5, memoryMiB: 4096 });
    expect(verdict.verdict).toBe('warning');
    expect(verdict.reasons.find((r) => r.field === 'vcpus')!.message).toBe('Partitions defined on lpars would hold 10 of 7 cores and 8192 of 31488 MiB: "b" can only start while enough of the others are powered off');
    world.addGuest({ name: 'b', platform: 'lpars', vcpus: 5, memoryMiB: 4096 });
    world.start('a');
    const own = world.checkReconfigure('b', {});
    expect(own.verdict).toBe('refused');
    expect(() => world.start('b')).toThrow(refusedIn(own)[0]!.message);
    expect(world.stateOf('b')).toBe('PoweredOff');
    world.stop('a');
    for (let s = 0; s < 30 && world.stateOf('a') !== 'PoweredOff'; s++) world.advance(1000);
    expect(world.checkReconfigure('b', {}).reasons.filter((r) => r.severity === 'refused')).toEqual([]);
    world.start('b');
    expect(world.stateOf('b')).toBe('Starting');
  });
});

describe('committed resources: shared platforms count every defined guest, dedicated ones count what runs', () => {
  it('gives a shared platform an overcommit ratio from powered-off guests too, and a type 0 platform none from them', () => {
    const world = new SimWorld(1);
    world.addHost({ name: 'esx-host', cores: 8, memoryMiB: 32_768 });
    world.addHost({ name: 'mf', cores: 8, memoryMiB: 32_768 });
    world.addPlatform({ name: 'esx', kind: 'type1', on: { host: 'esx-host' } });
    world.addPlatform({ name: 'lpars', kind: 'type0', on: { host: 'mf' }, controlPartition: { cores: 1, memoryMiB: 1024 } });
    for (const n of [1, 2, 3]) {
      world.addGuest({ name: `vm-${n}`, platform: 'esx', vcpus: 6, memoryMiB: 4096 });
      world.addGuest({ name: `lpar-${n}`, platform: 'lpars', vcpus: 6, memoryMiB: 4096 });
    }
    const platforms = () => world.listHosts().flatMap((h) => h.platforms);
    const esx = () => platforms().find((p) => p.id === 'esx')!;
    const lpars = () => platforms().find((p) => p.id === 'lpars')!;
    // Nothing runs: the shared platform is already committed 18 vCPUs on its 7.9 cores; the dedicated one holds nothing.
    expect(esx().committed).toEqual({ vcpus: 18, memoryMiB: 12_288 });
    expect(esx().overcommit.cpu).toBeCloseTo(18 / esx().capacity.cores, 2);
    expect(esx().overcommit.cpu).toBeGreaterThan(1);
    expect(lpars().committed).toEqual({ vcpus: 0, memoryMiB: 0 });
    expect(lpars().overcommit).toEqual({ cpu: 0, memory: 0 });
    expect(lpars().settings).toMatchObject({ definedCores: 18, definedMemoryMiB: 12_288, freeCores: 7 });
    // Starting changes nothing on the shared side and fills the dedicated side, up to one whole machine.
    world.start('vm-1');
    world.start('lpar-1');
    expect(esx().committed.vcpus).toBe(18);
    expect(lpars().committed).toEqual({ vcpus: 6, memoryMiB: 4096 });
    expect(lpars().overcommit.cpu).toBeCloseTo(6 / 7, 2);
    expect(() => world.start('lpar-2')).toThrow('Type 0 needs 6 dedicated cores for "lpar-2"; 1 is free');
    // A shared platform lets the second guest start: its vCPUs are time-sliced, not dedicated.
    world.start('vm-2');
    expect(world.stateOf('vm-2')).toBe('Starting');
  });

  it('refuses a reservation at creation and at start by the same count of powered-on reservations', () => {
    const world = new SimWorld(1);
    world.addHost({ name: 'h', cores: 8, memoryMiB: 32_768 });
    world.addPlatform({ name: 'esx', kind: 'type1', on: { host: 'h' } });
    world.addGuest({ name: 'r1', platform: 'esx', vcpus: 4, reservationCores: 4 });
    world.addGuest({ name: 'r2', platform: 'esx', vcpus: 4, reservationCores: 4 });
    // Both defined, neither running: 8 of 7.9 unreserved cores are not held by anyone yet.
    world.start('r1');
    const own = world.checkReconfigure('r2', {});
    expect(refusedIn(own)[0]).toMatchObject({ field: 'reservationCores', message: '"r2" reserves 4 cores but only 3.9 are unreserved on esx' });
    expect(() => world.start('r2')).toThrow(refusedIn(own)[0]!.message);
    expect(refusedIn(world.fitCheck({ name: 'r3', platform: 'esx', vcpus: 4, reservationCores: 4 }))[0]!.field).toBe('reservationCores');
    expect(refusedIn(world.fitCheck({ name: 'r3', platform: 'esx', vcpus: 4, reservationCores: 3.9 }))).toEqual([]);
  });
});
