// Sends `operationProgress` events for one call to the client that made it (only when it passed an operationId).
import type { OperationProgress } from '../../../shared/domain/appliance.ts';
import type { ClientSession } from '../clientSession.ts';

export type ProgressReporter = (step: string, done: number, total: number) => void;

export const noProgress: ProgressReporter = () => undefined;

export function progressFor(client: ClientSession, operationId: string | undefined, operation: OperationProgress['operation']): ProgressReporter {
  if (operationId === undefined) return noProgress;
  return (step, done, total) => client.send('operationProgress', { operationId, operation, step, done, total });
}
