// What the manager keeps beside the machine documents: the event journal, usage, telemetry history and the clock; saved now and then and on close.
import path from 'node:path';
import { EventJournal } from './eventJournal.ts';
import { HistoryFiles } from './historyFiles.ts';
import { readLedger, writeLedger } from './ledgerFile.ts';
import { UsageLedger } from './usageLedger.ts';
import { TelemetryHistoryStore } from '../telemetry/telemetryHistory.ts';

export interface ManagerLedger {
  readonly journal: EventJournal;
  readonly usage: UsageLedger;
  readonly history: TelemetryHistoryStore;
  /** Simulated time to continue from (0 for a new library). */
  readonly startMs: number;
  /** Saves what changed; `simTimeMs` is the clock now. */
  checkpoint(simTimeMs: number): Promise<void>;
  /** Machines deleted: their history files go. */
  forget(ids: readonly string[]): void;
  close(simTimeMs: number): Promise<void>;
}

export function inMemoryLedger(): ManagerLedger {
  return {
    journal: EventJournal.inMemory(),
    usage: new UsageLedger(),
    history: new TelemetryHistoryStore(),
    startMs: 0,
    checkpoint: async () => undefined,
    forget: () => undefined,
    close: async () => undefined,
  };
}

export interface LedgerFiles {
  readonly journalFile: string;
  readonly ledgerFile: string;
  readonly historyDir: string;
}

export const ledgerFilesIn = (root: string): LedgerFiles => ({
  journalFile: path.join(root, 'events.jsonl'),
  ledgerFile: path.join(root, 'ledger.json'),
  historyDir: path.join(root, 'history'),
});

/** Opens (or starts) the ledger of a library folder. */
export async function openManagerLedger(root: string, log: (line: string) => void): Promise<ManagerLedger> {
  const files = ledgerFilesIn(root);
  const journal = await EventJournal.open(files.journalFile, { log });
  const saved = await readLedger(files.ledgerFile);
  if (saved.problem !== undefined) log(`[library] ${saved.problem}`);
  const usage = new UsageLedger(saved.usage);
  const history = new TelemetryHistoryStore();
  const historyFiles = new HistoryFiles(files.historyDir, log);
  const loaded = await historyFiles.load(history);
  // Never behind anything already recorded: the newest event or sample, rounded up to the whole second the engine needs.
  const newest = Math.max(saved.simTimeMs, loaded.newestMs ?? 0, journal.newestMs());
  const startMs = Math.ceil(newest / 1000) * 1000;
  let saving: Promise<void> = Promise.resolve();
  const save = (simTimeMs: number): Promise<void> => {
    saving = saving.then(async () => {
      await journal.flush();
      await historyFiles.saveDirty(history);
      await writeLedger(files.ledgerFile, Math.max(startMs, simTimeMs), usage.take()).catch((error: unknown) => log(`[library] could not save ledger.json: ${String(error)}`));
    });
    return saving;
  };
  return {
    journal,
    usage,
    history,
    startMs,
    checkpoint: save,
    forget: (ids) => void historyFiles.remove(ids),
    close: async (simTimeMs) => {
      await save(simTimeMs);
      await journal.close();
    },
  };
}
