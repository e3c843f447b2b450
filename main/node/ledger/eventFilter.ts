// Which logged events a filter selects (machine, host, kinds, words), compiled once per query.
import type { EventFilter, LoggedEvent } from '../../../shared/domain/eventLog.ts';

export type EventPredicate = (event: LoggedEvent) => boolean;

export function compileFilter(filter: EventFilter): EventPredicate {
  const kinds = filter.kinds && filter.kinds.length > 0 ? new Set<string>(filter.kinds) : undefined;
  const words = (filter.text ?? '')
    .toLocaleLowerCase('en')
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const { machineId, hostId } = filter;
  return (event) => {
    if (machineId !== undefined && event.machineId !== machineId) return false;
    if (hostId !== undefined && event.hostId !== hostId) return false;
    if (kinds && !kinds.has(event.kind)) return false;
    if (words.length === 0) return true;
    const haystack = `${event.subject ?? ''} ${event.message} ${event.kind}`.toLocaleLowerCase('en');
    return words.every((word) => haystack.includes(word));
  };
}
