// ledger.json in the library: the simulated clock (so time continues after a restart) and each machine's usage.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { isNotFound, writeFileAtomic } from '../library/atomicFile.ts';
import { usageTableSchema } from './usageLedger.ts';
import type { MachineUsage } from './usageLedger.ts';

export const ledgerDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  savedAt: z.string(),
  /** Simulated time when saved; the engine carries on from here. */
  simTimeMs: z.number().nonnegative(),
  usage: usageTableSchema,
});
export type LedgerDocument = z.infer<typeof ledgerDocumentSchema>;

export interface LedgerRead {
  readonly simTimeMs: number;
  readonly usage: Record<string, MachineUsage>;
  /** Why the file was not used, when it exists but is damaged. */
  readonly problem?: string;
}

export async function readLedger(file: string): Promise<LedgerRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return { simTimeMs: 0, usage: {} };
    throw error;
  }
  try {
    const parsed = ledgerDocumentSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { simTimeMs: parsed.data.simTimeMs, usage: parsed.data.usage };
    return { simTimeMs: 0, usage: {}, problem: `ledger.json is not valid (${parsed.error.issues[0]?.message ?? 'unknown'}); the clock starts from zero` };
  } catch (error) {
    return { simTimeMs: 0, usage: {}, problem: `ledger.json is not valid JSON (${error instanceof Error ? error.message : String(error)}); the clock starts from zero` };
  }
}

export async function writeLedger(file: string, simTimeMs: number, usage: Record<string, MachineUsage>): Promise<void> {
  const document: LedgerDocument = { schemaVersion: 1, savedAt: new Date().toISOString(), simTimeMs, usage };
  await writeFileAtomic(file, `${JSON.stringify(document)}\n`);
}
