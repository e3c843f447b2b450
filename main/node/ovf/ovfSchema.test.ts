// Every export format validates against its DMTF schema with xmllint: OVF 1.0 against DSP8023 1.1.1, OVF 2.0 against 2.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OvfVersion } from './ovfNamespaces.ts';
import { buildOvfDescriptor } from './ovfDescriptorWriter.ts';
import { fullMachine, legacyMachine, multiDiskMachine } from './ovfTestData.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const schemaDir = path.resolve(repoRoot, '../shared/ovf-schema');
const schemas: Record<OvfVersion, string> = {
  '1.0': path.join(schemaDir, 'dsp8023_1.1.1.xsd'),
  '2.0': path.join(schemaDir, '2.0.1', 'dsp8023_2.0.1.xsd'),
};

function skipReason(): string | undefined {
  const missing = Object.values(schemas).find((schema) => !existsSync(schema));
  if (missing) return `DMTF schema not found at ${missing} (../shared is missing)`;
  if (spawnSync('xmllint', ['--version']).error) return 'xmllint is not installed (apt-get install libxml2-utils)';
  return undefined;
}
const reason = skipReason();
if (reason) console.warn(`[ovfSchema.test] skipping xmllint validation: ${reason}`);

/** The schemas import each other, which makes xmllint print parser warnings; only validity errors and the exit code count. */
function xmllint(xml: string, version: OvfVersion): { ok: boolean; errors: string } {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schemas[version], '-'], { input: xml, encoding: 'utf8' });
  const errors = run.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('parser warning') && !line.endsWith(' validates'))
    .join('\n');
  return { ok: run.status === 0, errors };
}

describe.skipIf(reason !== undefined)(`exports against the DMTF schemas${reason ? ` (skipped: ${reason})` : ''}`, () => {
  for (const version of ['1.0', '2.0'] as const) {
    it(`OVF ${version}: a single fully configured machine (4 NICs, ISO, snapshots)`, () => {
      expect(xmllint(buildOvfDescriptor([fullMachine], { version }), version)).toEqual({ ok: true, errors: '' });
    });

    it(`OVF ${version}: several machines in a VirtualSystemCollection, including a record without config`, () => {
      expect(xmllint(buildOvfDescriptor([fullMachine, legacyMachine], { version }), version)).toEqual({ ok: true, errors: '' });
    });

    it(`OVF ${version}: a machine with several disks (one below 1 GiB) and a group`, () => {
      expect(xmllint(buildOvfDescriptor([multiDiskMachine, legacyMachine], { version }), version)).toEqual({ ok: true, errors: '' });
      // Machines of one group: a named vApp.
      expect(xmllint(buildOvfDescriptor([multiDiskMachine, { ...legacyMachine, group: 'lab/vApp' }], { version }), version)).toEqual({ ok: true, errors: '' });
    });

    it(`OVF ${version}: the validator really checks (a missing required Info is rejected)`, () => {
      const broken = buildOvfDescriptor([legacyMachine], { version }).replace('<Info>The kind of installed guest operating system</Info>', '');
      const result = xmllint(broken, version);
      expect(result.ok).toBe(false);
      expect(result.errors).toMatch(/OperatingSystemSection|Description|Info/);
    });
  }
});
