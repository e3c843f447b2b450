// Restore order: sources before their clones whatever the ids and creation times say; otherwise the input order.
import { describe, expect, it } from 'vitest';
import type { MachineRecord } from '../../../shared/engine/protocol.ts';
import { restoreOrder } from './restoreOrder.ts';
import { fullRecord } from './testing/sampleRecords.ts';

const plain = (id: string): MachineRecord => {
  const record = fullRecord(id, { name: id }, 0);
  delete record.config;
  return record;
};
const cloneOf = (id: string, source: string, mode: 'full' | 'linked'): MachineRecord => {
  const record = fullRecord(id, { name: id }, 0);
  record.config = { ...record.config!, images: mode === 'linked' ? [{ ...record.config!.images[0]!, ownerMachineId: source }] : [], origin: { machineId: source, mode } };
  return record;
};

describe('restoreOrder', () => {
  it('keeps the order of independent machines', () => {
    expect(restoreOrder([plain('c'), plain('a'), plain('b')]).map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });

  it('moves sources before the clones that read their images or came from them, transitively', () => {
    const records = [cloneOf('a-linked', 'z-source', 'linked'), plain('m'), cloneOf('b-full', 'a-linked', 'full'), plain('z-source')];
    expect(restoreOrder(records).map((r) => r.id)).toEqual(['z-source', 'a-linked', 'm', 'b-full']);
  });

  it('ignores references to machines that are not there and survives a (hand-made) cycle', () => {
    const a = cloneOf('a', 'b', 'full');
    const b = cloneOf('b', 'a', 'full');
    expect(restoreOrder([cloneOf('x', 'gone', 'linked'), a, b]).map((r) => r.id)).toEqual(['x', 'b', 'a']);
  });
});
