// The engine's explained answer to "can this guest go there?", shown by the wizard before creating.
import { z } from 'zod';

export const fitReasonSchema = z.object({
  severity: z.enum(['warning', 'refused']),
  code: z.enum(['INSUFFICIENT_RESOURCES', 'INVALID_STATE', 'VALIDATION', 'CONFLICT']),
  field: z.string(),
  message: z.string(),
});
export type FitReason = z.infer<typeof fitReasonSchema>;

/** Green up to `green` (fits without overcommit), amber up to `amber` (overcommitted but allowed), red above. */
export const resourceZoneSchema = z.object({ green: z.number(), amber: z.number() });
export type ResourceZone = z.infer<typeof resourceZoneSchema>;

export const fitVerdictSchema = z.object({
  verdict: z.enum(['ok', 'warning', 'refused']),
  reasons: z.array(fitReasonSchema),
  /** Actions that would make room, e.g. `powering off "lpar-a" would free 2 cores`. */
  wouldFree: z.array(z.string()),
  /** Nesting chain from hardware to the guest, outermost first. */
  chain: z.array(z.string()),
  zones: z.object({ vcpus: resourceZoneSchema, memoryMiB: resourceZoneSchema }),
  /** What the new disk takes in its pool at once, and why (the installed OS of a dynamic disk, a fixed disk's whole size). */
  disk: z.object({ initialMiB: z.number().int().nonnegative(), note: z.string() }).optional(),
});
export type FitVerdict = z.infer<typeof fitVerdictSchema>;
