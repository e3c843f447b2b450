// The simulation's event log as the contract shows it: host ids and machine ids, filtered, newest last.
import type { SimEvent } from '../shared/domain/machineMetrics.ts';
import type { EngineInput } from '../shared/engine/protocol.ts';
import type { SimEvent as CoreEvent } from './sim/types.ts';

export const defaultEventLimit = 100;

export function toContractEvent(event: CoreEvent): SimEvent {
  const mapped: SimEvent = { atMs: event.atMs, hostId: event.hostId, kind: event.kind, message: event.message };
  if (event.subject !== undefined) mapped.subject = event.subject;
  if (event.guestId !== undefined) mapped.machineId = event.guestId;
  return mapped;
}

export function listEvents(all: readonly CoreEvent[], filter: EngineInput<'listEvents'>): SimEvent[] {
  const limit = filter.limit ?? defaultEventLimit;
  const picked: SimEvent[] = [];
  // Walk back from the newest so a long log costs only what the limit asks for.
  for (let k = all.length - 1; k >= 0 && picked.length < limit; k--) {
    const event = all[k]!;
    if (filter.machineId !== undefined && event.guestId !== filter.machineId) continue;
    if (filter.hostId !== undefined && event.hostId !== filter.hostId) continue;
    picked.push(toContractEvent(event));
  }
  return picked.reverse();
}
