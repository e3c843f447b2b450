// Tests for memory overcommit: ballooning first, then page sharing, then swapping, each only as far as needed.
import { describe, expect, it } from 'vitest';
import { simOsIndex } from './catalogue.ts';
import { F_BALLOON, F_SHARE, F_SWAP, GuestArrays, S_RUNNING } from './guestArrays.ts';
import { reclaimMemory } from './memoryReclaim.ts';
import { runScenario } from './runScenario.ts';
import { parseScenario } from './scenarioSchema.ts';

/** Three Ubuntu guests of 4 GiB: each touched 3000 MiB with a 1000 MiB working set. */
function threeGuests(): { g: GuestArrays } {
  const g = new GuestArrays(3);
  for (let i = 0; i < 3; i++) {
    g.state[i] = S_RUNNING;
    g.flags[i] = F_BALLOON | F_SHARE | F_SWAP;
    g.touched[i] = 3000;
    g.ws[i] = 1000;
    g.osIdx[i] = simOsIndex('ubuntu64');
  }
  return { g };
}

const reclaim = (deficit: number, sharedEach = 0) => {
  const { g } = threeGuests();
  g.shared.fill(sharedEach);
  const left = reclaimMemory(g, 0, 3, deficit);
  const sum = (a: Float64Array) => Math.round(a[0]! + a[1]! + a[2]!);
  return { balloon: sum(g.balloon), shared: sum(g.shared), swapped: sum(g.swapped), left };
};

describe('reclaimMemory', () => {
  it('uses only the balloon while free pages cover the deficit', () => {
    expect(reclaim(3000)).toEqual({ balloon: 3000, shared: 0, swapped: 0, left: 0 });
  });

  it('swaps only what balloons cannot give, and never pages that are already shared', () => {
    expect(reclaim(7000)).toEqual({ balloon: 6000, shared: 0, swapped: 1000, left: 0 });
    // Shared pages are not resident twice: with 280 MiB of each guest shared, 3 × 720 MiB remain to swap at most.
    expect(reclaim(9000, 280)).toEqual({ balloon: 6000, shared: 840, swapped: 2160, left: 840 });
  });
});

describe('overcommit scenario', () => {
  it('shares identical pages in the background, then balloons, then swaps as working sets grow; swapping costs useful work', () => {
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
    expect(started('Page sharing')).toBeLessThan(started('Ballooning'));
    expect(started('Ballooning')).toBeLessThan(started('Hypervisor swapping'));
    expect(started('Hypervisor swapping')).toBeLessThan(260_000);
    const hungry = summary.guests.find((g) => g.name === 'hungry-1')!;
    expect(hungry.memory.peakBalloonedMiB).toBeGreaterThan(0);
    expect(hungry.memory.peakSharedMiB).toBeGreaterThan(0);
    expect(hungry.memory.peakSwappedMiB).toBeGreaterThan(0);
    expect(hungry.usefulCoreS).toBeLessThan(hungry.demandCoreS * 0.95);
  });
});
