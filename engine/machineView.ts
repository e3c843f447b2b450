// Builds the contract's Machine from a simulated guest plus what only the facade keeps (OS type id, creation time) and the first adapter.
import { machineStates } from '../shared/domain/machineState.ts';
import type { Machine } from '../shared/domain/machine.ts';
import type { Attachment } from '../shared/domain/network.ts';
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
  /** Carried for the backend (set at creation, kept in the record); the simulation ignores it. */
  readonly group?: string | undefined;
}

/** `nic` is the first adapter (MAC and real attachment); the full adapter list is in the machine's configuration. */
export function toMachine(world: SimWorld, index: WorldIndex, meta: MachineMeta, rec: GuestRec, nic: { mac: string; network: Attachment }): Machine {
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
    nic: { mac: nic.mac, network: nic.network },
    state: machineStates[world.g.state[rec.slot]!]!,
    stateSinceMs: rec.stateSinceMs,
    createdAtMs: meta.createdAtMs,
    ...(meta.group === undefined ? {} : { group: meta.group }),
  };
}
