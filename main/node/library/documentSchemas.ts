// Zod schemas of the library's documents: one per machine (a MachineRecord) and the inventory.
import { z } from 'zod';
import { machineSchema } from '../../../shared/domain/machine.ts';
import { refuseUnsafeCharacters } from '../../../shared/domain/nameCharacters.ts';
import { machineConfigRecordSchema } from '../../../shared/domain/machineConfig.ts';
import type { MachineRecord } from '../../../shared/engine/protocol.ts';

/** Newest versions this build reads and writes; older ones are migrated on load (see migrations.ts). */
export const machineDocumentVersion = 2;
export const inventoryDocumentVersion = 1;

const whole = (label: string) => z.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`);
const text = (label: string) => z.string({ error: `${label} must be text` }).min(1, `${label} must not be empty`);

/** MachineRecord with messages a user can act on when a hand-edited document is wrong. */
export const machineRecordSchema = machineSchema.omit({ state: true, stateSinceMs: true, chain: true, kind: true }).extend({
  id: text('Machine id'),
  name: text('Name').superRefine(refuseUnsafeCharacters('Name')),
  osType: text('OS type'),
  hostId: text('Host id'),
  platformId: text('Platform id'),
  vcpus: whole('vCPUs').min(1, 'vCPUs must be at least 1'),
  memoryMiB: whole('Memory').min(1, 'Memory must be at least 1 MiB'),
  diskGiB: whole('Disk size').min(1, 'Disk size must be at least 1 GiB'),
  createdAtMs: z.number({ error: 'Creation time must be a number' }),
  config: machineConfigRecordSchema.optional(),
});

// The document must hold exactly what the engine exports and restores: a compile error here means the contract moved.
type StoredRecord = z.infer<typeof machineRecordSchema>;
const _sameShape: [StoredRecord, MachineRecord] = [{} as MachineRecord, {} as StoredRecord];
void _sameShape;

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
  networks: entries,
  groups: entries,
  settings: z.record(z.string(), z.unknown(), { error: 'settings must be an object' }).default({}),
});
export type InventoryDocument = z.infer<typeof inventoryDocumentSchema>;
export type Inventory = Omit<InventoryDocument, 'schemaVersion' | 'savedAt'>;

export function emptyInventory(): Inventory {
  return { hosts: [], networks: [], groups: [], settings: {} };
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
