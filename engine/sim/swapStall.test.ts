// Tests that a guest whose memory is swapped stalls: it waits for its pages instead of burning CPU it cannot use.
import { describe, expect, it } from 'vitest';
import { kindModule } from '../kinds/registry.ts';
import type { SecondMetrics } from './secondSnapshots.ts';
import { SimWorld } from './world.ts';

const guestMiB = 2048;
/** Memory the type 1 platform keeps for itself (its hypervisor). */
const hypervisorMiB = kindModule('type1').platformMemoryMiB({ name: 'esx', kind: 'type1', on: { host: 'h' } });
/** Slowdown per unit of swapped fraction the model states (engine/sim/worldStep.ts): hot pages fault in from disk. */
const swapPenalty = 20;

/**
 * A CPU-bound guest and two idle neighbours, all without a balloon driver (so the hypervisor can only swap), on a type 1
 * host with `guestRoomMiB` of memory for guests; same seed and workload streams in every world, so only memory differs.
 */
function runWith(guestRoomMiB: number): { world: SimWorld; second: SecondMetrics } {
  const world = new SimWorld(11);
  world.addHost({ name: 'h', cores: 8, memoryMiB: hypervisorMiB + guestRoomMiB });
  world.addPlatform({ name: 'esx', kind: 'type1', on: { host: 'h' } });
  world.addGuest({ name: 'g', platform: 'esx', vcpus: 2, memoryMiB: guestMiB, workload: 'cpuBatch', seedKey: 'same', balloonDriver: false });
  world.start('g');
  for (const name of ['idle-1', 'idle-2']) {
    world.addGuest({ name, platform: 'esx', vcpus: 1, memoryMiB: guestMiB, workload: 'idle', seedKey: name, balloonDriver: false });
    world.start(name);
  }
  world.advance(120_000);
  return { world, second: world.lastSecond('g') };
}

describe('hypervisor swapping', () => {
  it('stalls the guest: it is granted less CPU, in proportion to the work it can still do', () => {
    const free = runWith(32_768).second;
    const { world, second: swapped } = runWith(2048);
    expect(free.swappedMiB).toBe(0);
    // The host cannot hold what the guest touched, so part of it is swapped (there is no balloon to ask first).
    expect(swapped.swappedMiB).toBeGreaterThan(0.2 * swapped.memoryUsedMiB);
    expect(swapped.balloonedMiB).toBe(0);
    // The stall the model derives from the swapped fraction scales the work the guest gets done.
    const stall = 1 / (1 + (swapPenalty * swapped.swappedMiB) / swapped.memoryUsedMiB);
    expect(swapped.guestCores / free.guestCores).toBeCloseTo(stall, 1);
    // The old bug: CPU stayed full while work dropped. Now the CPU granted drops with the work...
    expect(swapped.cpuCores).toBeLessThan(0.25 * free.cpuCores);
    // ...so useful work per CPU does not collapse (only the per-vCPU timer cost weighs a little more).
    const efficiency = (s: SecondMetrics) => s.usefulCores / s.cpuCores;
    expect(efficiency(swapped)).toBeGreaterThan(0.9 * efficiency(free));
    // Nothing competes for the cores: the guest is not waiting for CPU (ready time), it is waiting for its pages.
    expect(swapped.readyPerVcpu).toBeLessThan(0.01);
    // Over the run it did far less than it wanted to.
    const summary = world.summary().guests.find((g) => g.name === 'g')!;
    expect(summary.usefulCoreS).toBeLessThan(0.5 * summary.demandCoreS);
    expect(world.stateOf('g')).toBe('Running');
  });

  it('stalls more the more is swapped', () => {
    const light = runWith(2600).second;
    const heavy = runWith(2048).second;
    expect(heavy.swappedMiB).toBeGreaterThan(light.swappedMiB);
    expect(heavy.guestCores).toBeLessThan(light.guestCores);
    expect(heavy.cpuCores).toBeLessThan(light.cpuCores);
  });
});
