// Tests for memory overcommit: ballooning first, then page sharing, then swapping, each only as far as needed.
import { describe, expect, it } from 'vitest';
import { simOsCatalogue, simOsIndex } from './catalogue.ts';
import { F_BALLOON, F_SHARE, F_SWAP, GuestArrays, S_RUNNING } from './guestArrays.ts';
import { reclaimMemory } from './memoryReclaim.ts';
import { runScenario } from './runScenario.ts';
import { parseScenario } from './scenarioSchema.ts';

/** Three Ubuntu guests of 4 GiB: each touched 3000 MiB with a 1000 MiB working set. */
function threeGuests(): { g: GuestArrays; order: Int32Array } {
  const g = new GuestArrays(3);
  for (let i = 0; i < 3; i++) {
    g.state[i] = S_RUNNING;
    g.flags[i] = F_BALLOON | F_SHARE | F_SWAP;
    g.touched[i] = 3000;
    g.ws[i] = 1000;
    g.osIdx[i] = simOsIndex('ubuntu64');
  }
  return { g, order: Int32Array.from([0, 1, 2]) };
}

const reclaim = (deficit: number) => {
  const { g, order } = threeGuests();
  const left = reclaimMemory(g, order, 0, 3, deficit, Float64Array.from(simOsCatalogue.map((o) => o.imageMiB)), new Float64Array(simOsCatalogue.length));
  const sum = (a: Float64Array) => Math.round(a[0]! + a[1]! + a[2]!);
  return { balloon: sum(g.balloon), shared: sum(g.shared), swapped: sum(g.swapped), left };
};

describe('reclaimMemory', () => {
  it('uses only the balloon while free pages cover the deficit', () => {
    expect(reclaim(3000)).toEqual({ balloon: 3000, shared: 0, swapped: 0, left: 0 });
  });

  it('shares identical OS pages once balloons are exhausted', () => {
    // Balloons give 3 × 2000; three copies of a 420 MiB image can save 2 × 420.
    expect(reclaim(6500)).toEqual({ balloon: 6000, shared: 500, swapped: 0, left: 0 });
  });

  it('swaps last, and only the remainder', () => {
    expect(reclaim(7000)).toEqual({ balloon: 6000, shared: 840, swapped: 160, left: 0 });
  });
});

describe('overcommit scenario', () => {
  it('starts ballooning, then sharing, then swapping as working sets grow, and swapping costs useful work', () => {
    // Same shape as engine/scenarios/overcommit.json: 24 GiB of Ubuntu guests on a 12 GiB type 1 host.
    const guest = (name: string, workload: string, vcpus: number) => ({ name, platform: 'esx', os: 'ubuntu64', vcpus, memoryMiB: 4096, workload });
    const scenario = parseScenario({
      seed: 7,
      hosts: [{ name: 'tight', cores: 8, memoryMiB: 12_288 }],
      platforms: [{ name: 'esx', kind: 'type1', on: { host: 'tight' } }],
      guests: [guest('idle-1', 'idle', 1), guest('idle-2', 'idle', 1), guest('web-1', 'web', 2), guest('hungry-1', 'memoryHungry', 2), guest('hungry-2', 'memoryHungry', 2), guest('hungry-3', 'memoryHungry', 2)],
    });
    const summary = runScenario(scenario, { untilS: 260 });
    const started = (what: string) => summary.events.find((e) => e.message.startsWith(`${what} started`))?.atMs ?? Infinity;
    expect(started('Ballooning')).toBeLessThan(started('Page sharing'));
    expect(started('Page sharing')).toBeLessThan(started('Hypervisor swapping'));
    expect(started('Hypervisor swapping')).toBeLessThan(260_000);
    const hungry = summary.guests.find((g) => g.name === 'hungry-1')!;
    expect(hungry.memory.peakBalloonedMiB).toBeGreaterThan(0);
    expect(hungry.memory.peakSharedMiB).toBeGreaterThan(0);
    expect(hungry.memory.peakSwappedMiB).toBeGreaterThan(0);
    expect(hungry.usefulCoreS).toBeLessThan(hungry.demandCoreS * 0.95);
  });
});
