// Runs many machine operations in one engine command, each on its own (one refusal stops nothing else), so their changes travel as one batch.
import { toAppErrorData } from '../shared/errors.ts';
import { AppError } from '../shared/errors.ts';
import type { BatchOutcome, BatchStep, EngineInput } from '../shared/engine/protocol.ts';
import type { EngineCoreCommand } from './commandSchemas.ts';

export type Dispatch = <C extends EngineCoreCommand>(command: C, input: EngineInput<C>) => unknown;

/**
 * Each step is one ordinary command with its own checks and its own all-or-nothing commit; a refused step reports its
 * error and the next one runs. Unexpected errors (bugs) still escape, as they would from a single command.
 */
export function runBatch(steps: readonly BatchStep[], dispatch: Dispatch): BatchOutcome[] {
  return steps.map((step) => {
    try {
      return { ok: true, value: dispatch(step.command, step.input as never) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { ok: false, error: toAppErrorData(error) };
    }
  });
}
