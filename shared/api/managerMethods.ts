// API methods for working with many machines: labels and groups, bulk operations, the lasting event log and the sprawl ledger.
import { z } from 'zod';
import { machineIdSchema, machineSchema } from '../domain/machine.ts';
import { labelPatchSchema } from '../domain/machineLabels.ts';
import { bulkLimits, bulkRequestSchema, bulkResultSchema } from '../domain/bulk.ts';
import { eventExportRequestSchema, eventExportSchema, eventPageSchema, eventQuerySchema } from '../domain/eventLog.ts';
import { machineFamilySchema, sprawlQuerySchema, sprawlReportSchema } from '../domain/sprawl.ts';
import { method } from './methodDef.ts';
import type { MethodDef } from './methodDef.ts';

const byId = z.strictObject({ id: machineIdSchema });

export const managerMethods = {
  labelMachines: method({
    input: z.strictObject({
      ids: z.array(machineIdSchema).min(1, 'Choose at least one machine').max(bulkLimits.machines, `At most ${bulkLimits.machines} machines at once`),
      patch: labelPatchSchema,
    }),
    output: z.array(machineSchema),
    doc: 'Sets the group ("lab/web"), owner, purpose, tags (replace, add or remove) or expiry date of one or many machines; null clears a label. All or nothing.',
  }),
  runBulkOperation: method({
    input: bulkRequestSchema,
    output: bulkResultSchema,
    doc: 'Starts, shuts down, powers off, pauses, resumes, snapshots or deletes many machines; each is tried on its own and the result lists which failed and why. Sends operationProgress events.',
  }),
  queryEvents: method({
    input: eventQuerySchema,
    output: eventPageSchema,
    doc: 'The lasting event log (kept in the library across restarts): filtered by machine, host, kinds and words; newest last, a page at a time.',
  }),
  exportEvents: method({
    input: eventExportRequestSchema,
    output: eventExportSchema,
    doc: 'Every event matching the filter as CSV or JSON text, oldest first.',
  }),
  getSprawlReport: method({
    input: sprawlQuerySchema,
    output: sprawlReportSchema,
    doc: 'Machines idle or not started for long, expired or about to expire, the largest disk and memory consumers and clone families, each with a suggested action and what it frees.',
  }),
  getMachineFamily: method({
    input: byId,
    output: machineFamilySchema,
    doc: 'The clone family of a machine: the machines (and snapshots) it was cloned from and every clone made from it or them.',
  }),
} as const satisfies Record<string, MethodDef>;
