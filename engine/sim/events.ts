// Event log of the simulated world: state changes, refusals and resource-management milestones, by host and subject id.
import type { SimEvent, SimEventKind } from './types.ts';

export interface EventSubject {
  readonly id: string;
  readonly label: string;
  /** Set when the subject is a guest. */
  readonly guestId: string | undefined;
}

export class EventLog {
  private readonly events: SimEvent[] = [];

  add(atMs: number, hostId: string, subject: EventSubject | undefined, kind: SimEventKind, message: string): void {
    this.events.push({ atMs, hostId, subjectId: subject?.id, subject: subject?.label, guestId: subject?.guestId, kind, message });
  }

  all(): readonly SimEvent[] {
    return this.events;
  }

  get length(): number {
    return this.events.length;
  }

  /** Events added since `cursor` (an earlier `length`), for the change stream. */
  since(cursor: number): SimEvent[] {
    return this.events.slice(cursor);
  }

  forSubject(id: string): SimEvent[] {
    return this.events.filter((event) => event.subjectId === id);
  }

  forHost(id: string): SimEvent[] {
    return this.events.filter((event) => event.hostId === id);
  }
}
