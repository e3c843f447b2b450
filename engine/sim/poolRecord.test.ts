// Tests for pool records: the fields the step uses live in the pool columns, by pool index, and read back the same.
import { describe, expect, it } from 'vitest';
import { P_CONTROL_CORES, P_DEDICATED, P_HOST_CORES, P_PARTITION_SLOT, P_PLATFORM_CORES, P_STRIDE, PoolColumns } from './poolColumns.ts';
import { PoolRecord } from './poolRecord.ts';

describe('PoolRecord', () => {
  it('reads and writes its step fields through the columns, at its own index', () => {
    const columns = new PoolColumns();
    const first = new PoolRecord(columns, 0, 0, 16, 65_536, undefined);
    const second = new PoolRecord(columns, 1, 0, 16, 65_536, undefined);
    second.dedicated = true;
    second.controlCores = 1.5;
    second.platformCores = 2;
    expect(columns.f[P_STRIDE + P_DEDICATED]).toBe(1);
    expect(columns.f[P_STRIDE + P_CONTROL_CORES]).toBe(1.5);
    expect(columns.f[P_STRIDE + P_PLATFORM_CORES]).toBe(2);
    expect(second.dedicated).toBe(true);
    expect(first.dedicated).toBe(false);
    expect(first.controlCores).toBe(0);
    expect(columns.f[P_HOST_CORES]).toBe(16);
    expect(columns.f[P_PARTITION_SLOT]).toBe(-1);
  });

  it('keeps earlier pools when the columns grow for new ones', () => {
    const columns = new PoolColumns();
    const pools = Array.from({ length: 40 }, (_, i) => new PoolRecord(columns, i, i, 8, 1024, undefined));
    pools.forEach((pool, i) => (pool.platformMiB = i * 10));
    expect(pools.map((pool) => pool.platformMiB)).toEqual(pools.map((_, i) => i * 10));
    expect(columns.f.length).toBeGreaterThanOrEqual(40 * P_STRIDE);
  });
});
