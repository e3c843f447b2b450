// Tests for the guest columns' layout: one buffer, each column on its own cache-set offset, contents kept when growing.
import { describe, expect, it } from 'vitest';
import { GuestArrays, HOT_STRIDE } from './guestArrays.ts';

function columnsOf(g: GuestArrays): ArrayBufferView[] {
  return Object.values(g).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v));
}

describe('GuestArrays layout', () => {
  it('puts every column in one buffer, each starting at a different offset within a page', () => {
    const g = new GuestArrays(4096);
    const columns = columnsOf(g);
    expect(columns.length).toBeGreaterThan(40);
    expect(new Set(columns.map((c) => c.buffer)).size).toBe(1);
    const pageOffsets = columns.map((c) => c.byteOffset % 4096);
    expect(new Set(pageOffsets).size).toBe(columns.length);
    for (const offset of pageOffsets) expect(offset % 64).toBe(0);
  });

  it('keeps every column contents when it grows', () => {
    const g = new GuestArrays(2);
    g.vcpus[1] = 4;
    g.state[1] = 2;
    g.rng[7] = 99;
    g.setHot(1, HOT_STRIDE - 1, 12.5);
    g.grow(3);
    expect(g.capacity).toBe(4);
    expect(g.vcpus[1]).toBe(4);
    expect(g.state[1]).toBe(2);
    expect(g.rng[7]).toBe(99);
    expect(g.hotOf(1, HOT_STRIDE - 1)).toBe(12.5);
    expect(g.hot.length).toBe(4 * HOT_STRIDE);
    expect(new Set(columnsOf(g).map((c) => c.buffer)).size).toBe(1);
  });
});
