// The change writer: exactly the changed documents, the latest change of a machine wins, failures are kept and retried.
import { describe, expect, it } from 'vitest';
import type { MachineRecord } from '../../../shared/domain/machineRecord.ts';
import { ChangeWriter } from './changeWriter.ts';
import type { EngineInventory } from '../../../shared/engine/protocol.ts';
import type { DocumentStore } from './changeWriter.ts';

const record = (id: string, name = id): MachineRecord => ({
  id,
  name,
  osType: 'ubuntu64',
  hostId: 'host-1',
  platformId: 'esx-atlas',
  workload: 'web',
  vcpus: 1,
  memoryMiB: 512,
  diskGiB: 8,
  nic: { mac: '08:00:27:00:00:01', network: 'nat' },
  createdAtMs: 0,
});

/** A document store in memory whose writes can be made to fail, like a full disk. */
class MemoryStore implements DocumentStore {
  readonly documents = new Map<string, MachineRecord>();
  readonly writes: string[] = [];
  failing: Error | undefined;
  async saveMachine(r: MachineRecord): Promise<void> {
    if (this.failing) throw this.failing;
    this.writes.push(r.id);
    this.documents.set(r.id, r);
  }
  async removeMachine(id: string): Promise<boolean> {
    if (this.failing) throw this.failing;
    this.writes.push(`-${id}`);
    return this.documents.delete(id);
  }
  inventory: EngineInventory | undefined;
  async saveEngineInventory(inventory: EngineInventory): Promise<void> {
    if (this.failing) throw this.failing;
    this.writes.push('inventory');
    this.inventory = inventory;
  }
}

describe('ChangeWriter', () => {
  it('writes exactly the records and removals of a batch, and resolves once they are written', async () => {
    const store = new MemoryStore();
    store.documents.set('gone', record('gone'));
    const writer = new ChangeWriter(store, { onOutcome: () => undefined });
    await writer.persist({ records: [record('a'), record('b')], removed: ['gone'] });
    expect(store.writes.sort()).toEqual(['-gone', 'a', 'b']);
    expect([...store.documents.keys()].sort()).toEqual(['a', 'b']);
    expect(writer.unsaved).toBe(0);
  });

  it('keeps a failed change pending, reports it, and writes the latest version once saving works again', async () => {
    const store = new MemoryStore();
    const outcomes: [string | undefined, number][] = [];
    const writer = new ChangeWriter(store, { onOutcome: (error, unsaved) => outcomes.push([error === undefined ? undefined : String(error), unsaved]), retryMs: [60_000] });
    store.failing = new Error('ENOSPC: no space left on device');
    // The batch's promise resolves after the failed attempt: the caller is not kept waiting, the change is not dropped.
    await writer.persist({ records: [record('a', 'first')], removed: [] });
    expect(outcomes).toEqual([['Error: ENOSPC: no space left on device', 1]]);
    expect(writer.unsaved).toBe(1);
    await writer.persist({ records: [record('a', 'second')], removed: [] });
    await expect(writer.flush()).rejects.toThrow('ENOSPC');
    store.failing = undefined;
    await writer.flush();
    expect(store.documents.get('a')?.name).toBe('second');
    expect(store.writes).toEqual(['a']);
    expect(outcomes.at(-1)).toEqual([undefined, 0]);
    writer.dispose();
  });

  it('retries on its own with back-off until the write succeeds', async () => {
    const store = new MemoryStore();
    let succeeded: () => void = () => undefined;
    const saved = new Promise<void>((resolve) => (succeeded = resolve));
    const writer = new ChangeWriter(store, {
      onOutcome: (error) => {
        if (error === undefined) succeeded();
        else store.failing = undefined;
      },
      retryMs: [1],
    });
    store.failing = new Error('EIO: i/o error');
    await writer.persist({ records: [record('a')], removed: [] });
    await saved;
    expect(store.documents.has('a')).toBe(true);
    expect(writer.unsaved).toBe(0);
  });
});
