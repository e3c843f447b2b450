// Resource rules for placing a machine on a host: what each platform may overcommit and what it may not.
import { AppError } from '../shared/errors.ts';
import type { Host, PlatformKind } from '../shared/domain/host.ts';
import type { HostSpec } from './defaultHost.ts';

export type Committed = Host['committed'];

/** What a machine reserves on its host. */
export interface ResourceDemand {
  readonly hostId: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
}

/**
 * Per platform kind, which resources may be promised beyond the hardware across all machines.
 * A type 1 hypervisor time-slices vCPUs and overcommits memory (ballooning, sharing, swapping),
 * but disk images need real space. Future kinds (type 0 partitions, containers, ...) add their row here.
 */
export interface OvercommitPolicy {
  readonly vcpus: boolean;
  readonly memory: boolean;
  readonly storage: boolean;
}

export const overcommitPolicies: Readonly<Record<PlatformKind, OvercommitPolicy>> = {
  type1: { vcpus: true, memory: true, storage: false },
};

export function committedOn(hostId: string, machines: Iterable<ResourceDemand>): Committed {
  const committed = { vcpus: 0, memoryMiB: 0, storageGiB: 0 };
  for (const machine of machines) {
    if (machine.hostId !== hostId) continue;
    committed.vcpus += machine.vcpus;
    committed.memoryMiB += machine.memoryMiB;
    committed.storageGiB += machine.diskGiB;
  }
  return committed;
}

/** Throws INSUFFICIENT_RESOURCES naming the field and explaining the limit when `demand` cannot go on `host`. */
export function checkPlacement(host: HostSpec, committed: Committed, demand: Omit<ResourceDemand, 'hostId'>): void {
  const policy = overcommitPolicies[host.platform.kind];

  if (demand.vcpus > host.cores) {
    throw insufficient('vcpus', `Host ${host.name} has ${host.cores} cores; a machine cannot have more vCPUs than that`);
  }
  if (!policy.vcpus && committed.vcpus + demand.vcpus > host.cores) {
    const free = Math.max(0, host.cores - committed.vcpus);
    throw insufficient('vcpus', `Host ${host.name} has only ${free} of ${host.cores} cores not yet assigned; choose at most ${free} vCPUs`);
  }

  if (demand.memoryMiB > host.memoryMiB) {
    throw insufficient(
      'memoryMiB',
      `Host ${host.name} has ${host.memoryMiB} MiB of memory; a machine cannot have more memory than that`,
    );
  }
  if (!policy.memory && committed.memoryMiB + demand.memoryMiB > host.memoryMiB) {
    const free = Math.max(0, host.memoryMiB - committed.memoryMiB);
    throw insufficient('memoryMiB', `Host ${host.name} has only ${free} MiB of memory not yet assigned; choose at most ${free} MiB`);
  }

  const freeStorage = Math.max(0, host.storageGiB - committed.storageGiB);
  if (!policy.storage && demand.diskGiB > freeStorage) {
    throw insufficient(
      'diskGiB',
      freeStorage === 0
        ? `Host ${host.name} has no storage free (all ${host.storageGiB} GiB are taken by other machines); delete a machine to make room`
        : `Host ${host.name} has only ${freeStorage} GiB of storage free (of ${host.storageGiB} GiB); choose a disk of at most ${freeStorage} GiB`,
    );
  }
}

function insufficient(field: string, message: string): AppError {
  return new AppError('INSUFFICIENT_RESOURCES', message, field);
}
