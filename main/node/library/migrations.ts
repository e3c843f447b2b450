// Upgrades documents written by older Virtlab versions, one schema version at a time, before they are validated.
import { applicationDocumentVersion, inventoryDocumentVersion, machineDocumentVersion } from './documentSchemas.ts';

export type DocumentKind = 'machine' | 'inventory' | 'application';
type Json = Record<string, unknown>;
/** Turns a document of version N into version N + 1 (pure: returns a new object). */
export type Migration = (doc: Json) => Json;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keyed by the version a migration upgrades from. */
export const migrations: Readonly<Record<DocumentKind, Readonly<Record<number, Migration>>>> = {
  machine: {
    // Version 1 predates workload profiles: those machines ran the web profile, which is still the default.
    1: (doc) => {
      const record = isObject(doc['record']) ? doc['record'] : undefined;
      if (record === undefined || record['workload'] !== undefined) return { ...doc, schemaVersion: 2 };
      return { ...doc, schemaVersion: 2, record: { ...record, workload: 'web' } };
    },
  },
  inventory: {},
  application: {},
};

export const currentVersions: Readonly<Record<DocumentKind, number>> = {
  machine: machineDocumentVersion,
  inventory: inventoryDocumentVersion,
  application: applicationDocumentVersion,
};

export type MigrationResult =
  | { readonly status: 'ok'; readonly doc: Json; readonly fromVersion: number }
  /** Written by a newer Virtlab: must not be loaded (fields would be lost) nor quarantined (it is not damaged). */
  | { readonly status: 'tooNew'; readonly version: number; readonly reason: string }
  | { readonly status: 'invalid'; readonly reason: string };

export function migrateDocument(kind: DocumentKind, raw: unknown, table = migrations[kind], current = currentVersions[kind]): MigrationResult {
  if (!isObject(raw)) return { status: 'invalid', reason: 'not a JSON object' };
  const version = raw['schemaVersion'];
  if (version === undefined) return { status: 'invalid', reason: 'schemaVersion is missing' };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { status: 'invalid', reason: `schemaVersion must be a whole number from 1, not ${JSON.stringify(version)}` };
  }
  if (version > current) {
    return {
      status: 'tooNew',
      version,
      reason: `written by a newer Virtlab (schema version ${version}; this version reads up to ${current}); left in place and not loaded`,
    };
  }
  let doc = raw;
  for (let from = version; from < current; from += 1) {
    const step = table[from];
    if (step === undefined) return { status: 'invalid', reason: `schema version ${from} cannot be upgraded (no migration to ${from + 1})` };
    doc = step(doc);
  }
  return { status: 'ok', doc, fromVersion: version };
}
