// A machine's history saved slot by slot reads back the same, later saves rewrite only what changed, and foreign files are refused.
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../library/testing/tempDirs.ts';
import { TelemetryHistoryStore } from './telemetryHistory.ts';
import { historyFileBytes, loadHistoryFile, saveHistorySlots } from './historyFile.ts';
import { batchOf } from './testBatches.ts';

const tempDir = useTempDirs();
const a = 'a0000000-0000-4000-8000-000000000001';
const fill = (store: TelemetryHistoryStore, from: number, to: number): void => {
  for (let s = from; s <= to; s++) store.record(batchOf(s * 1000, [a], (_m, k) => (k === 0 ? s % 100 : k + s / 1000)));
};

describe('history file', () => {
  it('reads back every range the same after saving in two steps (only the slots written in between the second time)', async () => {
    const file = path.join(await tempDir(), `${a}.bin`);
    const store = new TelemetryHistoryStore();
    fill(store, 1, 2000);
    await saveHistorySlots(file, store.historyOf(a)!, store.lastMs!);
    fill(store, 2001, 5000);
    await saveHistorySlots(file, store.historyOf(a)!, store.lastMs!);
    // The second save touched only the slots written after the first one.
    expect(store.historyOf(a)!.fine.takeDirtySlots()).toEqual([]);
    const loaded = (await loadHistoryFile(file))!;
    expect(loaded.lastMs).toBe(5_000_000);
    const restored = new TelemetryHistoryStore();
    restored.restore(a, loaded.history, loaded.lastMs);
    for (const range of ['1m', '10m', '1h', 'all'] as const) {
      expect(restored.query(a, range, ['cpuPct', 'memUsedMiB'], 600), range).toEqual(store.query(a, range, ['cpuPct', 'memUsedMiB'], 600));
    }
    expect((await stat(file)).size).toBeLessThanOrEqual(historyFileBytes);
  });

  it('refuses files that are not a history file', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'x.bin'), 'not a history');
    expect(await loadHistoryFile(path.join(dir, 'x.bin'))).toBeUndefined();
    expect(await loadHistoryFile(path.join(dir, 'missing.bin'))).toBeUndefined();
  });
});
