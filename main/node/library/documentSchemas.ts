// Zod schemas of the library's documents: one per machine (a MachineRecord) and the inventory.
import { z } from 'zod';
import { machineRecordSchema } from '../../../shared/domain/machineRecord.ts';

export { machineRecordSchema };

/** Newest versions this build reads and writes; older ones are migrated on load (see migrations.ts). */
export const machineDocumentVersion = 2;
export const inventoryDocumentVersion = 1;

const whole = (label: string) => z.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`);

const savedAt = z.string({ error: 'savedAt must be a date and time' }).datetime({ offset: true, message: 'savedAt must be an ISO date and time' });

export const machineDocumentSchema = z.object({
  schemaVersion: z.literal(machineDocumentVersion),
  savedAt,
  /** Creation order in this library (restores keep the engine's order; creation times may tie). Added on next save when missing. */
  sequence: whole('sequence').min(0, 'sequence must not be negative').optional(),
  record: machineRecordSchema,
});
export type MachineDocument = z.infer<typeof machineDocumentSchema>;

/** Placeholders until hosts, networks, groups and settings are edited by users; kept verbatim meanwhile. */
const entries = z.array(z.record(z.string(), z.unknown()), { error: 'must be a list of objects' }).default([]);

export const inventoryDocumentSchema = z.object({
  schemaVersion: z.literal(inventoryDocumentVersion),
  savedAt,
  hosts: entries,
  /** The Network Manager's networks (see inventoryParts.ts); older libraries hold only {id, name} placeholders here. */
  networks: entries,
  /** Platforms installed from the app, restored before the machines on them. */
  platforms: entries,
  /** ISO images ({type: "iso"}) and disk files of removed machines ({type: "disk"}). */
  media: entries,
  groups: entries,
  settings: z.record(z.string(), z.unknown(), { error: 'settings must be an object' }).default({}),
});
export type InventoryDocument = z.infer<typeof inventoryDocumentSchema>;
export type Inventory = Omit<InventoryDocument, 'schemaVersion' | 'savedAt'>;

export function emptyInventory(): Inventory {
  return { hosts: [], networks: [], platforms: [], media: [], groups: [], settings: {} };
}

/** `record.config.nics[0].mac: Invalid input` — the first few issues, each with the path a user can find in the file. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const where = issue.path.reduce<string>(
      (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc === '' ? String(key) : `${acc}.${String(key)}`),
      '',
    );
    return where === '' ? issue.message : `${where}: ${issue.message}`;
  });
  const more = error.issues.length - limit;
  return more > 0 ? `${lines.join('; ')} (and ${more} more)` : lines.join('; ');
}
