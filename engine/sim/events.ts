// Event log of the simulated world: state changes, refusals and resource-management milestones, per machine and host.
import type { SimEvent } from './types.ts';

export class EventLog {
  private readonly events: SimEvent[] = [];
  private readonly idOf: (subject: string) => string | undefined;

  /** `idOf` names the guest id a subject has at the time of the event, so events survive later renames and reuse of names. */
  constructor(idOf: (subject: string) => string | undefined = () => undefined) {
    this.idOf = idOf;
  }

  add(atMs: number, host: string, subject: string | undefined, kind: SimEvent['kind'], message: string): void {
    this.events.push({ atMs, host, subject, guestId: subject === undefined ? undefined : this.idOf(subject), kind, message });
  }

  all(): readonly SimEvent[] {
    return this.events;
  }

  forSubject(name: string): SimEvent[] {
    return this.events.filter((event) => event.subject === name);
  }

  forHost(name: string): SimEvent[] {
    return this.events.filter((event) => event.host === name);
  }
}
