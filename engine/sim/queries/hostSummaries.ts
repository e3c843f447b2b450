// The Hosts view of the world: capacity, platforms with dedicated/shared resources and commitment, utilisation.
import type { Host, PlatformSummary } from '../../../shared/domain/host.ts';
import { dedicatedUsage, guestCapacity } from '../capacity.ts';
import { platformFacts } from '../platformFacts.ts';
import { S_OFF } from '../guestArrays.ts';
import type { HostRec, PlatformRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';
import { platformChain } from './chains.ts';
import type { HostUtilisation } from './hostUtilisation.ts';

const round2 = (x: number) => Math.round(x * 100) / 100;
const osLabels: Readonly<Record<string, string>> = { linux: 'Linux', windows: 'Windows', macos: 'macOS', bsd: 'BSD' };

export function listHostSummaries(w: WorldState, utilisation: HostUtilisation): Host[] {
  return w.hosts.map((host) => hostSummary(w, host, utilisation));
}

function hostSummary(w: WorldState, host: HostRec, utilisation: HostUtilisation): Host {
  const committed = { vcpus: 0, memoryMiB: 0, storageGiB: host.committedDiskGiB };
  for (const pool of w.pools) {
    if (pool.host !== host.index) continue;
    committed.vcpus += pool.committedVcpus;
    committed.memoryMiB += pool.committedMiB;
  }
  const m = host.model;
  const result: Host = {
    id: host.id,
    name: m.name,
    isa: m.isa,
    cores: m.cores,
    memoryMiB: m.memoryMiB,
    storageGiB: m.storageGiB,
    hardwareAssist: { vtx: m.vtx, nestedPaging: m.nestedPaging },
    platforms: w.platforms.filter((p) => p.host === host.index).map((p) => platformSummary(w, p)),
    committed,
    utilisation: utilisation.of(host.index),
  };
  const owner = w.pools[host.pool]!.owner;
  const ownerPlatform = owner >= 0 ? w.platforms[owner]! : undefined;
  if (ownerPlatform?.module.runsApplications) result.hostOs = osLabels[ownerPlatform.input.os ?? 'linux'] ?? ownerPlatform.input.os;
  return result;
}

/**
 * Shared platforms count every guest defined on them (powered off included) against their capacity, so the ratio
 * is their overcommitment; a dedicated platform counts what its running partitions hold (it cannot be overcommitted).
 */
function platformSummary(w: WorldState, platform: PlatformRec): PlatformSummary {
  const module = platform.module;
  const pool = w.pools[platform.pool]!;
  const capacity = guestCapacity(w, pool);
  const committed = { vcpus: 0, memoryMiB: 0 };
  let guests = 0;
  let runningGuests = 0;
  for (const guest of pool.members) {
    if (guest.hidden || guest.platform !== platform.index) continue;
    guests += 1;
    const on = w.g.state[guest.slot] !== S_OFF;
    if (on) runningGuests += 1;
    if (module.dedicatedResources && !on) continue;
    committed.vcpus += guest.spec.vcpus;
    committed.memoryMiB += guest.spec.memoryMiB;
  }
  const settings = { ...module.platformSettings(platformFacts(w, platform)) };
  if (module.dedicatedResources) {
    const usage = dedicatedUsage(w, platform, undefined);
    Object.assign(settings, { freeCores: usage.freeCores, freeMemoryMiB: usage.freeMiB, definedCores: usage.definedCores, definedMemoryMiB: usage.definedMiB });
  }
  const summary: PlatformSummary = {
    id: platform.id,
    name: platform.name,
    kind: platform.kind,
    hostId: w.hosts[platform.host]!.id,
    chain: platformChain(w, platform),
    dedicated: module.dedicatedResources,
    acceptsGuests: module.acceptsGuests,
    capacity: { cores: round2(capacity.cores), memoryMiB: Math.floor(capacity.memoryMiB) },
    committed,
    overcommit: {
      cpu: capacity.cores > 0 ? round2(committed.vcpus / capacity.cores) : 0,
      memory: capacity.memoryMiB > 0 ? round2(committed.memoryMiB / capacity.memoryMiB) : 0,
    },
    guests,
    runningGuests,
    settings,
  };
  if (platform.parentPlatform >= 0) summary.parentPlatformId = w.platforms[platform.parentPlatform]!.id;
  if (platform.parentGuest) summary.partitionMachineId = platform.parentGuest.id;
  return summary;
}
