// The single physical host the foundation model starts with, and the host description the engine keeps.
import type { Host } from '../shared/domain/host.ts';

/** A host as configured; what its machines have committed is always computed, never stored. */
export type HostSpec = Omit<Host, 'committed'>;

export const defaultHostId = 'host-1';

export function createDefaultHost(): HostSpec {
  return {
    id: defaultHostId,
    name: 'Atlas',
    isa: 'x86_64',
    cores: 16,
    memoryMiB: 65_536,
    storageGiB: 2048,
    hardwareAssist: { vtx: true, nestedPaging: true },
    platform: { kind: 'type1', name: 'Virtlab Hypervisor (type 1)' },
  };
}
