// Health of the engine worker as the backend reports it to views.
import { z } from 'zod';

export const engineStatusSchema = z.object({
  state: z.enum(['running', 'restarting', 'down']),
  /** How many times the backend has restarted the engine after a crash since launch. */
  restarts: z.number().int().nonnegative(),
  lastCrash: z
    .object({ atIso: z.string(), reason: z.string(), machinesPoweredOff: z.number().int().nonnegative() })
    .optional(),
  simTimeMs: z.number(),
  speed: z.number(),
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;
