// Guest deletion in the SimWorld: only when powered off, slots reused, nothing of the deleted guest counts any more.
import { describe, expect, it } from 'vitest';
import { osTypes } from '../../shared/domain/osTypes.ts';
import { simOsCatalogue } from './catalogue.ts';
import { addStack, refusalOf, startGuest } from './testWorlds.ts';
import { SimWorld } from './world.ts';

describe('SimWorld guest deletion', () => {
  it('refuses while the guest is not powered off, then frees the slot for the next guest', () => {
    const world = new SimWorld(1);
    const platform = addStack(world, 'h', 'type1');
    startGuest(world, { name: 'a', id: 'id-a', platform, vcpus: 4, workload: 'cpuBatch' });
    expect(refusalOf(() => world.deleteGuest('a'))).toMatchObject({ code: 'INVALID_STATE', message: 'Stop "a" before deleting it' });
    world.advance(20_000);
    world.stop('a');
    world.advance(5000);
    const slot = world.guest('a').slot;
    const slots = world.slotCount;
    world.deleteGuest('a');
    expect(world.guestByName.has('a')).toBe(false);
    expect(world.guestWithId('id-a')).toBeUndefined();
    expect(world.freeSlots).toEqual([slot]);
    expect(world.g.cGranted[slot]).toBe(0);
    const b = world.addGuest({ name: 'b', id: 'id-b', platform, vcpus: 2 });
    expect(b.slot).toBe(slot);
    expect(world.slotCount).toBe(slots);
    world.start('b');
    world.advance(15_000);
    expect(world.lastSecond('b').cpuCores).toBeGreaterThan(0);
    expect(world.events.forSubject('a').at(-1)).toMatchObject({ kind: 'config', message: 'Deleted', guestId: 'id-a' });
  });

  it('frees the dedicated cores of a deleted partition for the fit check', () => {
    const world = new SimWorld(2);
    const platform = addStack(world, 'm', 'type0', 8);
    world.addGuest({ name: 'p1', platform, vcpus: 7, memoryMiB: 1024 });
    expect(world.fitCheck({ name: 'p2', platform, vcpus: 7, memoryMiB: 1024 }).verdict).toBe('ok');
    world.start('p1');
    expect(world.fitCheck({ name: 'p2', platform, vcpus: 7, memoryMiB: 1024 }).verdict).toBe('refused');
    world.advance(40_000);
    world.stop('p1');
    world.advance(10_000);
    world.deleteGuest('p1');
    expect(world.guests.filter((g) => !g.hidden)).toEqual([]);
    world.addGuest({ name: 'p2', platform, vcpus: 7, memoryMiB: 1024 });
    world.start('p2');
    world.advance(30_000);
    expect(world.stateOf('p2')).toBe('Running');
  });

  it('keeps a simulation entry for every OS type of the shared catalogue, with the same ISA', () => {
    expect(simOsCatalogue.map((os) => [os.id, os.isa])).toEqual(osTypes.map((os) => [os.id, os.isa]));
  });
});
