// The contract's Machine and MachineRecord of one machine: its guest in the core plus its first adapter and configuration.
import type { Machine } from '../shared/domain/machine.ts';
import type { MachineRecord } from '../shared/domain/machineRecord.ts';
import { toMachineRecord } from '../shared/domain/machineRecord.ts';
import { exportConfig } from './configRecords.ts';
import { labelFields } from '../shared/domain/machineLabels.ts';
import type { MachineConfigStore } from './machineConfigStore.ts';
import type { SimWorld } from './sim/world.ts';

export function toMachine(world: SimWorld, configs: MachineConfigStore, id: string): Machine {
  const guest = world.guest(id);
  const config = configs.configs.get(id);
  const first = config?.nics[0];
  const machine: Machine = {
    id,
    name: guest.name,
    osType: guest.os,
    hostId: guest.hostId,
    platformId: guest.platformId,
    kind: guest.kind,
    workload: guest.workload,
    chain: world.chainOf(id),
    vcpus: guest.vcpus,
    memoryMiB: guest.memoryMiB,
    diskGiB: guest.diskGiB,
    nic: { mac: first?.mac ?? '', network: first?.attachment ?? 'nat' },
    state: guest.state,
    stateSinceMs: guest.stateSinceMs,
    createdAtMs: guest.createdAtMs,
  };
  const ip = first && config ? configs.ipOf(first) : '';
  if (ip !== '') machine.nic.ip = ip;
  if (config) Object.assign(machine, labelFields(config.labels));
  return machine;
}

export function toRecord(world: SimWorld, configs: MachineConfigStore, id: string): MachineRecord {
  const config = exportConfig(configs, id);
  const saved = world.savedState(id);
  if (saved) config.savedState = { sizeMiB: Math.max(1, Math.round(saved.sizeMiB)), savedAtMs: saved.atMs };
  if (world.stateOf(id) === 'Aborted') config.aborted = true;
  return toMachineRecord(toMachine(world, configs, id), config);
}

