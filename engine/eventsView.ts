// The simulation's event log as the contract shows it: host ids and machine ids, filtered, newest last.
import type { SimEvent } from '../shared/domain/machineMetrics.ts';
import type { EngineInput } from '../shared/engine/protocol.ts';
import type { SimWorld } from './sim/world.ts';
import type { WorldIndex } from './worldIndex.ts';

export const defaultEventLimit = 100;

export function listEvents(world: SimWorld, index: WorldIndex, filter: EngineInput<'listEvents'>): SimEvent[] {
  const all = world.events.all();
  const limit = filter.limit ?? defaultEventLimit;
  const picked: SimEvent[] = [];
  // Walk back from the newest so a long log costs only what the limit asks for.
  for (let k = all.length - 1; k >= 0 && picked.length < limit; k--) {
    const event = all[k]!;
    const hostId = index.hostIdOfSimName(event.host) ?? event.host;
    if (filter.machineId !== undefined && event.guestId !== filter.machineId) continue;
    if (filter.hostId !== undefined && hostId !== filter.hostId) continue;
    const mapped: SimEvent = { atMs: event.atMs, hostId, kind: event.kind, message: event.message };
    if (event.subject !== undefined) mapped.subject = event.subject;
    if (event.guestId !== undefined) mapped.machineId = event.guestId;
    picked.push(mapped);
  }
  return picked.reverse();
}
