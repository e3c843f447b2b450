// The engine's inventory as the library keeps it: networks, installed platforms, ISO images and the disk files of removed machines.
import type { EngineInventory } from '../shared/engine/protocol.ts';
import { imageRecord } from './configRecords.ts';
import type { MachineConfigStore } from './machineConfigStore.ts';

export function engineInventory(configs: MachineConfigStore): EngineInventory {
  return {
    networks: configs.networks.defs(),
    platforms: configs.platforms.map((platform) => ({ ...platform, on: { ...platform.on } })),
    isoImages: configs.isos.list(),
    keptImages: [...configs.orphanedImages()].map((id) => imageRecord(configs.disks.require(id))),
  };
}
