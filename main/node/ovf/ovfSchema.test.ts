// Exported OVF 1.0 descriptors validate against the DMTF schema with xmllint (skipped when schema or xmllint is absent).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOvfDescriptor } from './ovfDescriptorWriter.ts';
import { fullMachine, legacyMachine } from './ovfTestData.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const schemaDir = path.resolve(repoRoot, '../shared/ovf-schema');
const schema = path.join(schemaDir, 'dsp8023_1.1.1.xsd');

function skipReason(): string | undefined {
  if (!existsSync(schema)) return `DMTF schema not found at ${schema}`;
  if (spawnSync('xmllint', ['--version']).error) return 'xmllint is not installed (apt-get install libxml2-utils)';
  return undefined;
}
const reason = skipReason();
if (reason) console.warn(`[ovfSchema.test] skipping xmllint validation: ${reason}`);

function xmllint(xml: string): { ok: boolean; output: string } {
  try {
    execFileSync('xmllint', ['--noout', '--schema', schema, '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: Buffer }).stderr ?? error) };
  }
}

describe.skipIf(reason !== undefined)(`OVF 1.0 export against the DMTF schema${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it('validates a single fully configured machine', () => {
    const result = xmllint(buildOvfDescriptor([fullMachine], { version: '1.0' }));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('validates several machines in a VirtualSystemCollection, including a record without config', () => {
    const result = xmllint(buildOvfDescriptor([fullMachine, legacyMachine], { version: '1.0' }));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('really checks: a descriptor missing a required Info is rejected by the validator', () => {
    const broken = buildOvfDescriptor([legacyMachine], { version: '1.0' }).replace('<Info>The kind of installed guest operating system</Info>', '');
    const result = xmllint(broken);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/OperatingSystemSection|Description|Info/);
  });
});
