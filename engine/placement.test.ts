// Tests for host resource rules and committed accounting.
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { createDefaultHost } from './defaultHost.ts';
import { checkPlacement, committedOn } from './placement.ts';

const host = createDefaultHost();
const none = { vcpus: 0, memoryMiB: 0, storageGiB: 0 };

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('committedOn', () => {
  it('sums only the machines on that host', () => {
    const machines = [
      { hostId: 'host-1', vcpus: 2, memoryMiB: 1024, diskGiB: 20 },
      { hostId: 'host-1', vcpus: 4, memoryMiB: 4096, diskGiB: 50 },
      { hostId: 'host-2', vcpus: 8, memoryMiB: 8192, diskGiB: 100 },
    ];
    expect(committedOn('host-1', machines)).toEqual({ vcpus: 6, memoryMiB: 5120, storageGiB: 70 });
    expect(committedOn('host-3', machines)).toEqual(none);
  });
});

describe('checkPlacement on a type 1 host', () => {
  it('accepts a machine exactly as large as the host', () => {
    expect(() => checkPlacement(host, none, { vcpus: 16, memoryMiB: 65_536, diskGiB: 2048 })).not.toThrow();
  });

  it('refuses more vCPUs than the host has cores', () => {
    const error = refusal(() => checkPlacement(host, none, { vcpus: 17, memoryMiB: 1024, diskGiB: 10 }));
    expect(error.toData()).toEqual({
      code: 'INSUFFICIENT_RESOURCES',
      field: 'vcpus',
      message: 'Host Atlas has 16 cores; a machine cannot have more vCPUs than that',
    });
  });

  it('refuses more memory than the host has', () => {
    const error = refusal(() => checkPlacement(host, none, { vcpus: 1, memoryMiB: 65_537, diskGiB: 10 }));
    expect(error.code).toBe('INSUFFICIENT_RESOURCES');
    expect(error.field).toBe('memoryMiB');
    expect(error.message).toBe('Host Atlas has 65536 MiB of memory; a machine cannot have more memory than that');
  });

  it('allows vCPU and memory overcommit across machines', () => {
    const committed = { vcpus: 64, memoryMiB: 200_000, storageGiB: 0 };
    expect(() => checkPlacement(host, committed, { vcpus: 16, memoryMiB: 65_536, diskGiB: 10 })).not.toThrow();
  });

  it('refuses a disk larger than the storage still free, saying how much is free', () => {
    const error = refusal(() => checkPlacement(host, { ...none, storageGiB: 2000 }, { vcpus: 1, memoryMiB: 512, diskGiB: 49 }));
    expect(error.code).toBe('INSUFFICIENT_RESOURCES');
    expect(error.field).toBe('diskGiB');
    expect(error.message).toBe('Host Atlas has only 48 GiB of storage free (of 2048 GiB); choose a disk of at most 48 GiB');
  });

  it('explains when no storage at all is left', () => {
    const error = refusal(() => checkPlacement(host, { ...none, storageGiB: 2048 }, { vcpus: 1, memoryMiB: 512, diskGiB: 1 }));
    expect(error.field).toBe('diskGiB');
    expect(error.message).toMatch(/has no storage free .*delete a machine/);
  });
});
