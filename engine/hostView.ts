// The Hosts view of the world: capacity, platforms with dedicated/shared resources and overcommit, utilisation.
import type { Host, PlatformSummary } from '../shared/domain/host.ts';
import { kindFeatures } from './sim/catalogue.ts';
import { dedicatedUsage, poolSize } from './sim/capacity.ts';
import { defaultHostInstrPerGuestInstr } from './sim/costModel.ts';
import { S_OFF } from './sim/guestArrays.ts';
import type { PlatformRec } from './sim/worldModel.ts';
import type { SimWorld } from './sim/world.ts';
import type { PlatformEntry } from './defaultWorld.ts';
import type { WorldIndex } from './worldIndex.ts';

const round2 = (x: number) => Math.round(x * 100) / 100;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Per host, the share of cores and memory busy during the last whole simulated second. */
export class HostUtilisation {
  private prevBusyS = new Float64Array(0);
  private prevMemS = new Float64Array(0);
  private cpuPct = new Float64Array(0);
  private memoryPct = new Float64Array(0);
  private memoryMiB = new Float64Array(0);

  /** Called at each whole simulated second. */
  take(world: SimWorld): void {
    const n = world.hosts.length;
    if (this.prevBusyS.length !== n) {
      this.prevBusyS = new Float64Array(n);
      this.prevMemS = new Float64Array(n);
      this.cpuPct = new Float64Array(n);
      this.memoryPct = new Float64Array(n);
      this.memoryMiB = new Float64Array(n);
    }
    for (let h = 0; h < n; h++) {
      const model = world.hosts[h]!.model;
      const busy = world.hostBusyS[h]!;
      const mem = world.hostMemS[h]!;
      this.cpuPct[h] = (100 * (busy - this.prevBusyS[h]!)) / model.cores;
      this.memoryMiB[h] = mem - this.prevMemS[h]!;
      this.memoryPct[h] = (100 * this.memoryMiB[h]!) / model.memoryMiB;
      this.prevBusyS[h] = busy;
      this.prevMemS[h] = mem;
    }
  }

  /** Resident memory of the host averaged over the last whole second. */
  memoryUsedMiB(hostIndex: number): number {
    return this.memoryMiB[hostIndex] ?? 0;
  }

  of(hostIndex: number): Host['utilisation'] {
    return { cpuPct: round1(this.cpuPct[hostIndex] ?? 0), memoryPct: round1(this.memoryPct[hostIndex] ?? 0) };
  }
}

export function listHosts(world: SimWorld, index: WorldIndex, utilisation: HostUtilisation): Host[] {
  return index.directory.hosts.map((entry) => {
    const host = world.hostByName.get(entry.sim.name)!;
    const committed = { vcpus: 0, memoryMiB: 0, storageGiB: 0 };
    for (const rec of world.guests) {
      if (rec.hidden || rec.host !== host.index) continue;
      committed.vcpus += rec.spec.vcpus;
      committed.memoryMiB += rec.spec.memoryMiB;
      committed.storageGiB += rec.spec.diskGiB;
    }
    const m = host.model;
    const result: Host = {
      id: entry.id,
      name: entry.name,
      isa: m.isa,
      cores: m.cores,
      memoryMiB: m.memoryMiB,
      storageGiB: m.storageGiB,
      hardwareAssist: { vtx: m.vtx, nestedPaging: m.nestedPaging },
      platforms: index.directory.platforms.filter((p) => p.hostId === entry.id).map((p) => platformSummary(world, index, p)),
      committed,
      utilisation: utilisation.of(host.index),
    };
    if (entry.hostOs !== undefined) result.hostOs = entry.hostOs;
    return result;
  });
}

function platformSummary(world: SimWorld, index: WorldIndex, entry: PlatformEntry): PlatformSummary {
  const rec = world.platformByName.get(entry.sim.name)!;
  const features = kindFeatures[rec.kind];
  const capacity = features.dedicatedResources ? dedicatedCapacity(world, rec) : poolSize(world, world.pools[rec.pool]!);
  const committed = { vcpus: 0, memoryMiB: 0 };
  let guests = 0;
  let runningGuests = 0;
  for (const guest of world.guests) {
    if (guest.hidden || guest.platform !== rec.index) continue;
    guests += 1;
    if (world.g.state[guest.slot] !== S_OFF) runningGuests += 1;
    committed.vcpus += guest.spec.vcpus;
    committed.memoryMiB += guest.spec.memoryMiB;
  }
  const summary: PlatformSummary = {
    id: entry.id,
    name: entry.name,
    kind: entry.kind,
    hostId: entry.hostId,
    chain: index.platformChain(entry),
    dedicated: features.dedicatedResources,
    acceptsGuests: features.hostsGuests,
    capacity: { cores: round2(capacity.cores), memoryMiB: Math.floor(capacity.memoryMiB) },
    committed,
    overcommit: {
      cpu: capacity.cores > 0 ? round2(committed.vcpus / capacity.cores) : 0,
      memory: capacity.memoryMiB > 0 ? round2(committed.memoryMiB / capacity.memoryMiB) : 0,
    },
    guests,
    runningGuests,
    settings: settingsOf(world, rec),
  };
  if (entry.parentPlatformId !== undefined) summary.parentPlatformId = entry.parentPlatformId;
  return summary;
}

function dedicatedCapacity(world: SimWorld, rec: PlatformRec): { cores: number; memoryMiB: number } {
  const usage = dedicatedUsage(world, rec, -1);
  return { cores: usage.cores, memoryMiB: usage.memoryMiB };
}

/** Kind-specific settings worth showing next to the platform. */
function settingsOf(world: SimWorld, rec: PlatformRec): Record<string, string | number | boolean> {
  const input = rec.input;
  const f = kindFeatures[rec.kind];
  switch (rec.kind) {
    case 'type0': {
      const usage = dedicatedUsage(world, rec, -1);
      return { controlPartitionCores: rec.controlCores, controlPartitionMiB: rec.controlMiB, freeCores: usage.freeCores, freeMemoryMiB: Math.floor(usage.freeMiB) };
    }
    case 'type1':
    case 'type1hosted':
    case 'paravirt':
      return { hardwareAssist: rec.hwAssist, ballooning: f.ballooning, pageSharing: f.pageSharing, reservations: f.reservations };
    case 'type2':
      return { admin: input.admin ?? false, hardwareAssist: rec.hwAssist };
    case 'emulator': {
      const mode = input.mode ?? 'dbt';
      return { mode, hostInstrPerGuestInstr: input.hostInstrPerGuestInstr ?? defaultHostInstrPerGuestInstr(mode) };
    }
    case 'processVm':
      return { jit: input.jit ?? true };
    case 'containers':
      return { kernel: world.platforms[rec.parentPlatform]?.input.os ?? 'linux' };
    case 'hostOs':
      return { os: input.os ?? 'linux' };
  }
}
