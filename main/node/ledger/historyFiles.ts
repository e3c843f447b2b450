// Telemetry history in the library: one file per machine in history/, written for machines that ran since the last save.
import { mkdir, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isNotFound } from '../library/atomicFile.ts';
import { mapLimited } from '../library/keyedQueue.ts';
import { machineIdOfFile } from '../library/libraryPaths.ts';
import { loadHistoryFile, saveHistorySlots } from '../telemetry/historyFile.ts';
import type { TelemetryHistoryStore } from '../telemetry/telemetryHistory.ts';

const concurrency = 16;
const fileOf = (dir: string, id: string): string => path.join(dir, `${id}.bin`);

export class HistoryFiles {
  readonly #dir: string;
  readonly #log: (line: string) => void;

  constructor(dir: string, log: (line: string) => void) {
    this.#dir = dir;
    this.#log = log;
  }

  /** Reads every saved history into `store`; unreadable files are skipped (history is a convenience, not a record). */
  async load(store: TelemetryHistoryStore): Promise<{ machines: number; newestMs: number | null }> {
    await mkdir(this.#dir, { recursive: true });
    const names = (await readdir(this.#dir)).filter((name) => name.endsWith('.bin'));
    let skipped = 0;
    let newestMs: number | null = null;
    await mapLimited(names, concurrency, async (name) => {
      const id = machineIdOfFile(name.replace(/\.bin$/, '.json'));
      const decoded = id === undefined ? undefined : await loadHistoryFile(path.join(this.#dir, name));
      if (id === undefined || decoded === undefined) {
        skipped += 1;
        return;
      }
      store.restore(id, decoded.history, decoded.lastMs);
      if (newestMs === null || decoded.lastMs > newestMs) newestMs = decoded.lastMs;
    });
    store.takeDirty();
    if (skipped > 0) this.#log(`[library] history: skipped ${skipped} unreadable file${skipped === 1 ? '' : 's'}`);
    return { machines: names.length - skipped, newestMs };
  }

  /** Writes the machines that recorded samples since the last save. */
  async saveDirty(store: TelemetryHistoryStore): Promise<number> {
    const ids = store.takeDirty();
    const lastMs = store.lastMs ?? 0;
    await mapLimited(ids, concurrency, async (id) => {
      const history = store.historyOf(id);
      if (!history) return;
      try {
        await saveHistorySlots(fileOf(this.#dir, id), history, lastMs);
      } catch (error) {
        this.#log(`[library] could not save the history of ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return ids.length;
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (machineIdOfFile(`${id}.json`) === undefined) continue;
      const file = fileOf(this.#dir, id);
      await unlink(file).catch((error: unknown) => {
        if (!isNotFound(error)) this.#log(`[library] could not remove ${file}: ${String(error)}`);
      });
    }
  }
}
