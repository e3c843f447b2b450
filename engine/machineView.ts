// Builds the contract's Machine from a simulated guest plus what only the facade keeps (OS type id, creation time) and the first MAC.
import { machineStates } from '../shared/domain/machineState.ts';
import type { Machine } from '../shared/domain/machine.ts';
import type { GuestRec } from './sim/worldModel.ts';
import type { SimWorld } from './sim/world.ts';
import type { WorldIndex } from './worldIndex.ts';

/** What the facade knows about a machine beyond its simulated guest. */
export interface MachineMeta {
  readonly id: string;
  /** Changes with the settings command. */
  osType: string;
  readonly platformId: string;
  readonly createdAtMs: number;
}

/** `mac` is the first adapter's; the full adapter list is in the machine's configuration. */
export function toMachine(world: SimWorld, index: WorldIndex, meta: MachineMeta, rec: GuestRec, mac: string): Machine {
  const platform = index.requirePlatform(meta.platformId);
  return {
    id: meta.id,
    name: rec.spec.name,
    osType: meta.osType,
    hostId: platform.hostId,
    platformId: platform.id,
    kind: platform.kind,
    workload: rec.spec.workload,
    chain: index.machineChain(platform, rec.spec.name),
    vcpus: rec.spec.vcpus,
    memoryMiB: rec.spec.memoryMiB,
    diskGiB: rec.spec.diskGiB,
    nic: { mac, network: 'nat' },
    state: machineStates[world.g.state[rec.slot]!]!,
    stateSinceMs: rec.stateSinceMs,
    createdAtMs: meta.createdAtMs,
  };
}
