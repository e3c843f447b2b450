// The lasting event log: every event the engine logged, numbered, kept in the library across restarts, searchable and exportable.
import { z } from 'zod';
import { machineIdSchema } from './machine.ts';
import { simEventSchema } from './machineMetrics.ts';

export const eventKinds = simEventSchema.shape.kind.options;
export type EventKind = (typeof eventKinds)[number];

/** Human names of the kinds, shared by the filters of every log view and the CLI. */
export const eventKindLabels: Readonly<Record<EventKind, string>> = {
  state: 'State changes',
  refusal: 'Refusals',
  memory: 'Memory',
  runtime: 'Runtime',
  config: 'Configuration',
  datacenter: 'Data center',
};

/** An event as the journal keeps it: its place in the journal (`seq`, increasing for ever) and the engine's event. */
export const loggedEventSchema = simEventSchema.extend({ seq: z.number().int().nonnegative() });
export type LoggedEvent = z.infer<typeof loggedEventSchema>;

export const eventQueryLimits = { page: 500, export: 100_000, text: 200 } as const;

/** Which events: by machine or host, kinds, words in the message or subject; newest last. */
export const eventFilterSchema = z.strictObject({
  machineId: machineIdSchema.optional(),
  hostId: z.string().min(1).max(100).optional(),
  kinds: z.array(z.enum(eventKinds, { error: `Kind must be one of ${eventKinds.join(', ')}` })).max(eventKinds.length).optional(),
  /** Every word must appear (case-insensitive) in the message or the subject's name. */
  text: z.string({ error: 'Search text must be text' }).max(eventQueryLimits.text, `Search text must be at most ${eventQueryLimits.text} characters`).optional(),
});
export type EventFilter = z.infer<typeof eventFilterSchema>;

export const eventQuerySchema = eventFilterSchema.extend({
  limit: z.number().int('Limit must be a whole number').min(1, 'Limit must be at least 1').max(eventQueryLimits.page, `Limit must be at most ${eventQueryLimits.page}`).optional(),
  /** Only events older than this `seq` (the next page back). */
  beforeSeq: z.number().int().nonnegative().optional(),
});
export type EventQuery = z.infer<typeof eventQuerySchema>;

export const eventPageSchema = z.object({
  events: z.array(loggedEventSchema),
  /** More matching events are older than the first one returned. */
  more: z.boolean(),
  /** Matching events in the whole journal. */
  total: z.number().int().nonnegative(),
});
export type EventPage = z.infer<typeof eventPageSchema>;

export const eventExportRequestSchema = eventFilterSchema.extend({
  format: z.enum(['csv', 'json'], { error: 'Format must be csv or json' }),
});
export const eventExportSchema = z.object({ fileName: z.string(), mediaType: z.string(), content: z.string(), count: z.number() });
export type EventExport = z.infer<typeof eventExportSchema>;
