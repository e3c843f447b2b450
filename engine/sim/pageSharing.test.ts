// Tests for content-based page sharing: a background scanner, without memory pressure, up to (n−1)/n of the identical part.
import { describe, expect, it } from 'vitest';
import { kindModule } from '../kinds/registry.ts';
import { findSimOs } from './catalogue.ts';
import { eventsOnHost } from './testWorlds.ts';
import { SimWorld } from './world.ts';

const n = 9;
const os = 'ubuntu64';
const imageMiB = findSimOs(os)!.imageMiB;
const names = Array.from({ length: n }, (_, i) => `vm-${i}`);
const memoryMiB = 2048;
/** The scanner's time constant the model states (engine/sim/pageSharing.ts): about a minute. */
const scanTauS = 60;

/** Nine idle guests booted from the same image on a type 1 host with far more memory than they need. */
function nineTwins(): SimWorld {
  const world = new SimWorld(3);
  world.addHost({ name: 'roomy', cores: 16, memoryMiB: 65_536 });
  world.addPlatform({ name: 'esx', kind: 'type1', on: { host: 'roomy' } });
  for (const name of names) {
    world.addGuest({ name, platform: 'esx', os, vcpus: 1, memoryMiB, workload: 'idle' });
    world.start(name);
  }
  return world;
}

const sharedOf = (world: SimWorld, name: string) => world.lastSecond(name).sharedMiB;
/** The most one guest may have shared: (n − 1)/n of what is identical, its touched pages of the image. */
const ceilingOf = (world: SimWorld, name: string, running = n) => ((running - 1) / running) * Math.min(imageMiB, world.usedMemoryMiB(name));

describe('content-based page sharing', () => {
  it('merges identical pages in the background without memory pressure, never beyond (n−1)/n of the identical part', () => {
    const world = nineTwins();
    const target = ((n - 1) / n) * imageMiB;
    const meanShared: number[] = [];
    for (let s = 1; s <= 600; s++) {
      world.advance(1000);
      for (const name of names) {
        const second = world.lastSecond(name);
        expect(second.sharedMiB).toBeLessThanOrEqual(ceilingOf(world, name) + 1e-9);
        // No pressure: nothing is ballooned or swapped; sharing runs anyway.
        expect(second.balloonedMiB).toBe(0);
        expect(second.swappedMiB).toBe(0);
      }
      const total = names.reduce((sum, name) => sum + sharedOf(world, name), 0);
      // Together the nine save at most eight copies of the image.
      expect(total).toBeLessThanOrEqual((n - 1) * imageMiB + 1e-6);
      meanShared.push(total / n);
    }
    // Not instantly: after the first scan only a sliver is found; then it only grows.
    expect(meanShared[0]!).toBeGreaterThan(0);
    expect(meanShared[0]!).toBeLessThan(0.05 * target);
    for (let s = 1; s < meanShared.length; s++) expect(meanShared[s]!).toBeGreaterThanOrEqual(meanShared[s - 1]! - 1e-9);
    // After ten time constants the scanner has found all but a trace of what can be shared, and no more.
    expect(meanShared.at(-1)!).toBeGreaterThan(0.99 * target);
    expect(meanShared.at(-1)!).toBeLessThanOrEqual(target + 1e-9);
    expect(eventsOnHost(world, 'roomy').some((e) => e.message.startsWith('Page sharing started'))).toBe(true);
    expect(eventsOnHost(world, 'roomy').some((e) => e.message.startsWith('Ballooning started'))).toBe(false);
  });

  it('converges with a time constant of about a minute once every guest touches the whole image', () => {
    const world = nineTwins();
    const target = ((n - 1) / n) * imageMiB;
    // Wait for the state where the target no longer moves: every guest has touched more than the image.
    for (let s = 0; s < 120 && !names.every((name) => world.usedMemoryMiB(name) >= imageMiB); s++) world.advance(1000);
    expect(names.every((name) => world.usedMemoryMiB(name) >= imageMiB)).toBe(true);
    const before = sharedOf(world, 'vm-0') / target;
    world.advance(scanTauS * 1000);
    const after = sharedOf(world, 'vm-0') / target;
    // What was still unshared shrinks by e^−1 per time constant.
    expect(1 - after).toBeCloseTo((1 - before) * Math.exp(-1), 2);
  });

  it('reports the host memory the merged pages save exactly once', () => {
    const world = nineTwins();
    world.advance(600_000);
    const type1 = kindModule('type1');
    let resident = type1.platformMemoryMiB({ name: 'esx', kind: 'type1', on: { host: 'roomy' } });
    for (const name of names) resident += world.usedMemoryMiB(name) - sharedOf(world, name) + type1.vmmOverheadMiB(memoryMiB);
    const shared = names.reduce((sum, name) => sum + sharedOf(world, name), 0);
    expect(shared).toBeGreaterThan(0.99 * (n - 1) * imageMiB);
    const used = world.hostActivity()[0]!.memory.usedMiB;
    expect(Math.abs(used - resident)).toBeLessThan(5);
    expect(world.listHosts()[0]!.utilisation.memoryPct).toBeCloseTo((100 * resident) / 65_536, 0);
  });

  it('gives back sharing at once when a twin powers off, to (n−2)/(n−1) of the image', () => {
    const world = nineTwins();
    world.advance(600_000);
    world.stop('vm-8');
    for (let s = 0; s < 30 && world.stateOf('vm-8') !== 'PoweredOff'; s++) world.advance(1000);
    world.advance(1000);
    for (const name of names.slice(0, -1)) {
      expect(sharedOf(world, name)).toBeLessThanOrEqual(ceilingOf(world, name, n - 1) + 1e-9);
      expect(sharedOf(world, name)).toBeGreaterThan(0.99 * ((n - 2) / (n - 1)) * imageMiB);
    }
    expect(sharedOf(world, 'vm-8')).toBe(0);
  });

  it('shares nothing for a lone guest, across different images, or on a platform without page sharing', () => {
    const world = new SimWorld(3);
    world.addHost({ name: 'h1', memoryMiB: 65_536 });
    world.addHost({ name: 'h2', memoryMiB: 65_536 });
    world.addPlatform({ name: 'esx', kind: 'type1', on: { host: 'h1' } });
    world.addPlatform({ name: 'xen', kind: 'paravirt', on: { host: 'h2' } });
    expect(kindModule('paravirt').memory.pageSharing).toBe(false);
    const guests = [
      { name: 'ubuntu-a', platform: 'esx', os: 'ubuntu64' },
      { name: 'ubuntu-b', platform: 'esx', os: 'ubuntu64' },
      { name: 'lone-debian', platform: 'esx', os: 'debian64' },
      { name: 'xen-a', platform: 'xen', os: 'debian64' },
      { name: 'xen-b', platform: 'xen', os: 'debian64' },
    ];
    for (const guest of guests) {
      world.addGuest({ ...guest, vcpus: 1, memoryMiB, workload: 'idle' });
      world.start(guest.name);
    }
    world.advance(300_000);
    // Two twins: each keeps half of the image private.
    expect(sharedOf(world, 'ubuntu-a')).toBeGreaterThan(0.99 * 0.5 * imageMiB);
    expect(sharedOf(world, 'ubuntu-a')).toBeLessThanOrEqual(0.5 * imageMiB);
    expect(sharedOf(world, 'lone-debian')).toBe(0);
    expect(sharedOf(world, 'xen-a')).toBe(0);
    expect(sharedOf(world, 'xen-b')).toBe(0);
  });
});
