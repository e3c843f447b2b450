// Telemetry samples the engine produces each simulated second, in columnar form.
import { z } from 'zod';

/** One simulated second of samples for many machines: parallel arrays indexed alike. */
export const telemetryBatchSchema = z.object({
  simTimeMs: z.number(),
  machineIds: z.array(z.string()),
  cpuPct: z.array(z.number()),
  memoryUsedMiB: z.array(z.number()),
});
export type TelemetryBatch = z.infer<typeof telemetryBatchSchema>;
