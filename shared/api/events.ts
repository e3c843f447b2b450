// Events the backend pushes to clients, with their payload schemas, defined once.
import { z } from 'zod';
import { machineSchema } from '../domain/machine.ts';
import { telemetryBatchSchema } from '../domain/telemetry.ts';
import { engineStatusSchema } from '../domain/engineStatus.ts';

export const apiEvents = {
  /** A machine was created or changed (state, configuration). */
  machineUpserted: machineSchema,
  /** A machine's configuration, snapshots or storage changed without a state change (snapshot, clone, settings). */
  machineConfigChanged: z.object({ id: z.string() }),
  /** A machine was deleted. */
  machineRemoved: z.object({ id: z.string() }),
  /** Samples for the machines this client subscribed to. */
  telemetry: telemetryBatchSchema,
  /** Engine health changed (e.g. it crashed and was restarted). */
  engineStatus: engineStatusSchema,
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
