// Schema-version migrations: v1 machine documents gain a workload, newer versions are refused, broken versions reported.
import { describe, expect, it } from 'vitest';
import { machineDocumentSchema } from './documentSchemas.ts';
import { parseDocument } from './documentReader.ts';
import { migrateDocument } from './migrations.ts';
import { fullRecord } from './testing/sampleRecords.ts';

describe('migrateDocument', () => {
  it('upgrades a v1 machine document: machines without a workload run "web"', () => {
    const { workload: _workload, ...v1Record } = fullRecord('m1');
    const result = migrateDocument('machine', { schemaVersion: 1, savedAt: '2024-05-01T10:00:00.000Z', record: v1Record });
    expect(result).toMatchObject({ status: 'ok', fromVersion: 1, doc: { schemaVersion: 2, record: { id: 'm1', workload: 'web' } } });
    expect(machineDocumentSchema.safeParse(result.status === 'ok' ? result.doc : undefined).success).toBe(true);
  });

  it('keeps a workload a v1 document already had and leaves current documents alone', () => {
    const record = fullRecord('m1');
    expect(migrateDocument('machine', { schemaVersion: 1, record })).toMatchObject({ status: 'ok', doc: { record: { workload: 'database' } } });
    const current = { schemaVersion: 2, record };
    expect(migrateDocument('machine', current)).toEqual({ status: 'ok', doc: current, fromVersion: 2 });
  });

  it('refuses documents from a newer Virtlab without calling them damaged', () => {
    expect(migrateDocument('machine', { schemaVersion: 3 })).toEqual({
      status: 'tooNew',
      version: 3,
      reason: 'written by a newer Virtlab (schema version 3; this version reads up to 2); left in place and not loaded',
    });
  });

  it.each([
    [[1, 2], 'not a JSON object'],
    [{ record: {} }, 'schemaVersion is missing'],
    [{ schemaVersion: '2' }, 'schemaVersion must be a whole number from 1, not "2"'],
    [{ schemaVersion: 0 }, 'schemaVersion must be a whole number from 1, not 0'],
  ])('reports %j as invalid', (raw, reason) => {
    expect(migrateDocument('machine', raw)).toEqual({ status: 'invalid', reason });
  });

  it('reports a gap in the migration table', () => {
    expect(migrateDocument('machine', { schemaVersion: 1 }, {}, 2)).toEqual({ status: 'invalid', reason: 'schema version 1 cannot be upgraded (no migration to 2)' });
  });
});

describe('parseDocument messages', () => {
  const doc = (record: unknown) => JSON.stringify({ schemaVersion: 2, savedAt: '2024-05-01T10:00:00.000Z', record });

  it('names the JSON error with its line and column', () => {
    // V8 wording varies between versions; the position it names does not.
    expect(parseDocument('{\n "schemaVersion": 2,\n    }', 'machine', machineDocumentSchema)).toEqual({
      status: 'damaged',
      reason: expect.stringMatching(/^not valid JSON \(.*line 3 column 5\)\)$/),
    });
    expect(parseDocument('  \n', 'machine', machineDocumentSchema)).toEqual({ status: 'damaged', reason: 'empty file' });
  });

  it('names the field that fails the schema', () => {
    expect(parseDocument(doc({ ...fullRecord('db'), vcpus: 'four' }), 'machine', machineDocumentSchema)).toEqual({
      status: 'damaged',
      reason: 'record.vcpus: vCPUs must be a number',
    });
    const badNic = fullRecord('db');
    (badNic.config?.nics[1] as { slot: number }).slot = 9;
    expect(parseDocument(doc(badNic), 'machine', machineDocumentSchema)).toMatchObject({ reason: expect.stringMatching(/^record\.config\.nics\[1\]\.slot: /) });
  });
});
