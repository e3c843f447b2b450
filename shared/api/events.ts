// Events the backend pushes to clients, with their payload schemas, defined once.
import { z } from 'zod';
import { machineSchema } from '../domain/machine.ts';
import { telemetryFrameSchema } from '../domain/telemetry.ts';
import { operationProgressSchema } from '../domain/appliance.ts';
import { libraryStatusSchema } from '../domain/library.ts';
import { engineStatusSchema } from '../domain/engineStatus.ts';
import { datacenterChangesSchema } from '../domain/datacenter.ts';
import { applicationViewSchema } from '../domain/applicationView.ts';

export const apiEvents = {
  /**
   * One batch of what the engine changed: machines created or changed (state, settings, placement), ids of those whose
   * configuration (disks, snapshots, adapters) changed, and machines removed. Many machines arrive in one event.
   */
  machinesChanged: z.object({ machines: z.array(machineSchema), configChanged: z.array(z.string()), removed: z.array(z.string()) }),
  /**
   * Events were added to the lasting log (state changes, refusals…): the machines and hosts they concern, so open logs
   * refresh only when something of theirs was logged. `lastSeq` is the newest event's number.
   */
  eventsLogged: z.object({ lastSeq: z.number(), machineIds: z.array(z.string()), hostIds: z.array(z.string()) }),
  /** Samples for this client's subscription only (typed arrays; binary frames over WebSocket, a MessagePort in Electron). */
  telemetry: telemetryFrameSchema,
  /** Progress of an exportMachines/readImport/commitImport call this client made with an operationId. */
  operationProgress: operationProgressSchema,
  /** The library's status changed (a save failed or recovered). */
  libraryStatus: libraryStatusSchema,
  /** Engine health changed (e.g. it crashed and was restarted). */
  engineStatus: engineStatusSchema,
  /** Hosts (power state), clusters, migrations (phase, rounds) and cluster operations that changed. */
  datacenterChanged: datacenterChangesSchema,
  /** Applications whose replicas, rollouts or traffic changed (at most once a simulated second each), and those removed. */
  applicationsChanged: z.object({ applications: z.array(applicationViewSchema), removed: z.array(z.string()) }),
  /** Networks, installed platforms or media (ISO images, kept disk files) changed: views listing them refresh. */
  inventoryChanged: z.object({}),
} as const;

export type ApiEvents = typeof apiEvents;
export type EventName = keyof ApiEvents;
export type EventPayload<E extends EventName> = z.output<ApiEvents[E]>;
export const eventNames = Object.keys(apiEvents) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiEvents, name);
}

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;
export type Unsubscribe = () => void;

/** How clients subscribe to events: every subscription returns its own unsubscribe function. */
export interface AppEvents {
  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
}
