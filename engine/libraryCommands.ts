// Engine commands on what a library holds beyond single machines: removal plans, networks, installed platforms and media.
import type { EngineInput, EngineOutput } from '../shared/engine/protocol.ts';
import type { ChangeRecorder } from './changeRecorder.ts';
import { engineInventory } from './inventoryView.ts';
import { addIsoImage, compactDisk, releaseMedium, removeMedium } from './media/mediaOps.ts';
import { listMedia } from './media/mediaList.ts';
import { checkStaticIp } from './network/addressRules.ts';
import { createNetwork, deleteNetwork, updateNetwork } from './network/networkOps.ts';
import type { OpsContext } from './opsContext.ts';
import { installPlatform } from './platforms/platformOps.ts';
import { planRemoval } from './removal/removalOps.ts';

export type LibraryCommand =
  | 'planRemoval'
  | 'getInventory'
  | 'createNetwork'
  | 'updateNetwork'
  | 'deleteNetwork'
  | 'checkStaticIp'
  | 'installPlatform'
  | 'listMedia'
  | 'addIsoImage'
  | 'removeMedium'
  | 'releaseMedium'
  | 'compactDisk';

type Handlers = { [C in LibraryCommand]: (input: EngineInput<C>) => EngineOutput<C> };

/** Machines using any of the network's addresses: their records carry their adapters' addresses. */
const usersOfNetwork = (ctx: OpsContext, networkId: string) =>
  [...ctx.configs.configs.values()].filter((config) => config.nics.some((nic) => nic.networkId === networkId)).map((config) => config.machineId);

export function libraryHandlers(ctx: OpsContext, changes: ChangeRecorder): Handlers {
  return {
    planRemoval: ({ id }) => planRemoval(ctx, id),
    getInventory: () => engineInventory(ctx.configs),
    createNetwork: ({ networkId, spec }) => createNetwork(ctx, networkId, spec),
    updateNetwork: ({ networkId, spec }) => {
      const { network, renewed } = updateNetwork(ctx, networkId, spec);
      changes.configChanged(...renewed, ...usersOfNetwork(ctx, networkId));
      return network;
    },
    deleteNetwork: ({ networkId }) => (deleteNetwork(ctx, networkId), { networkId }),
    checkStaticIp: ({ networkId, ip, machineId }) => checkStaticIp(ctx.configs, networkId, ip, ctx.nameOf, machineId),
    installPlatform: ({ platformId, spec }) => {
      installPlatform(ctx, platformId, spec);
      return ctx.world.listHosts();
    },
    listMedia: () => listMedia(ctx),
    addIsoImage: ({ spec }) => (addIsoImage(ctx, spec), listMedia(ctx)),
    removeMedium: ({ mediumId }) => {
      const freedMiB = removeMedium(ctx, mediumId);
      return { ...listMedia(ctx), freedMiB };
    },
    releaseMedium: ({ mediumId }) => {
      changes.configChanged(...releaseMedium(ctx, mediumId));
      return listMedia(ctx);
    },
    compactDisk: ({ diskId }) => {
      const readers = ctx.machineIds().filter((id) => ctx.configs.configs.has(id) && ctx.configs.imagesOf(id).has(diskId));
      const freedMiB = compactDisk(ctx, diskId);
      // Records carry the images their machines read, with their allocation.
      changes.configChanged(...readers);
      return { ...listMedia(ctx), freedMiB };
    },
  };
}
