// Guest deletion in the core: only when powered off, its slot disappears at the next layout, nothing of it counts any more.
import { describe, expect, it } from 'vitest';
import { osTypes } from '../../shared/domain/osTypes.ts';
import { simOsCatalogue } from './catalogue.ts';
import { addStack, eventsOf, refusalOf, startGuest } from './testWorlds.ts';
import { SimWorld } from './world.ts';

describe('SimWorld guest deletion', () => {
  it('refuses while the guest is not powered off, then forgets it and compacts the slots', () => {
    const world = new SimWorld(1);
    const platform = addStack(world, 'h', 'type1');
    startGuest(world, { name: 'a', id: 'id-a', platform, vcpus: 4, workload: 'cpuBatch' });
    world.addGuest({ name: 'keep', id: 'id-keep', platform, vcpus: 1 });
    expect(refusalOf(() => world.deleteGuest('id-a'))).toMatchObject({ code: 'INVALID_STATE', message: 'Stop "a" before deleting it' });
    world.advance(20_000);
    world.stop('id-a');
    world.advance(5000);
    world.deleteGuest('id-a');
    expect(world.has('id-a')).toBe(false);
    expect(world.idByName('a')).toBeUndefined();
    expect(refusalOf(() => world.guest('id-a')).code).toBe('NOT_FOUND');
    world.addGuest({ name: 'b', id: 'id-b', platform, vcpus: 2 });
    world.start('id-b');
    world.advance(15_000);
    expect(world.lastSecond('id-b').cpuCores).toBeGreaterThan(0);
    // Laid out again: only the two live guests hold slots (the type 1 has no host-process slot).
    expect(world.internals.slotCount).toBe(2);
    expect(world.guestIds()).toEqual(['id-keep', 'id-b']);
    expect(eventsOf(world, 'id-a').at(-1)).toMatchObject({ kind: 'config', message: 'Deleted', guestId: 'id-a' });
  });

  it('frees the dedicated cores of a deleted partition for the fit check', () => {
    const world = new SimWorld(2);
    const platform = addStack(world, 'm', 'type0', 8);
    world.addGuest({ name: 'p1', platform, vcpus: 7, memoryMiB: 1024 });
    // p1 is powered off: p2 fits now, with a warning that both cannot run at once.
    expect(world.fitCheck({ name: 'p2', platform, vcpus: 7, memoryMiB: 1024 }).verdict).toBe('warning');
    world.start('p1');
    expect(world.fitCheck({ name: 'p2', platform, vcpus: 7, memoryMiB: 1024 }).verdict).toBe('refused');
    world.advance(40_000);
    world.stop('p1');
    world.advance(10_000);
    world.deleteGuest('p1');
    expect(world.guestIds()).toEqual([]);
    expect(world.fitCheck({ name: 'p2', platform, vcpus: 7, memoryMiB: 1024 }).verdict).toBe('ok');
    world.addGuest({ name: 'p2', platform, vcpus: 7, memoryMiB: 1024 });
    world.start('p2');
    world.advance(30_000);
    expect(world.stateOf('p2')).toBe('Running');
  });

  it('keeps a simulation entry for every OS type of the shared catalogue, with the same ISA', () => {
    expect(simOsCatalogue.map((os) => [os.id, os.isa])).toEqual(osTypes.map((os) => [os.id, os.isa]));
  });
});
