// Puts a refused operation on a machine into that machine's event log when the refusing rule did not log it itself.
import { AppError } from '../shared/errors.ts';
import type { EngineCommandName } from '../shared/engine/protocol.ts';
import type { SimWorld } from './sim/world.ts';

/** Commands that act on the machine named by `id`; queries are not refusals. */
const machineOperations: ReadonlySet<EngineCommandName> = new Set([
  'lifecycle',
  'deleteMachine',
  'takeSnapshot',
  'restoreSnapshot',
  'deleteSnapshot',
  'cloneMachine',
  'updateSettings',
  'migrateMachine',
]);

export function noteRefusal(world: SimWorld, command: EngineCommandName, input: unknown, error: unknown, eventsBefore: number): void {
  if (!(error instanceof AppError) || !machineOperations.has(command)) return;
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || !world.has(id)) return;
  // The core logs its own refusals (start, stop…); those must not appear twice.
  if (world.eventsSince(eventsBefore).some((event) => event.kind === 'refusal' && event.guestId === id)) return;
  world.logGuest(id, 'refusal', error.message);
}
