// What the engine owns beyond machines and the library keeps in inventory.json: networks, installed platforms, ISO images, kept disks.
import { z } from 'zod';
import { networkDefSchema } from './network.ts';
import { installedPlatformSchema } from './platforms.ts';
import { isoImageSchema, keptImageSchema } from './media.ts';

export const engineInventorySchema = z.object({
  /** Every virtual network, in order (the Network Manager's list). */
  networks: z.array(networkDefSchema),
  /** Platforms installed from the app, in installation order (a platform always after the one or the machine it is on). */
  platforms: z.array(installedPlatformSchema),
  isoImages: z.array(isoImageSchema),
  /** Disk images no machine reads any more but whose files were kept ("Remove only"). */
  keptImages: z.array(keptImageSchema),
});
export type EngineInventory = z.infer<typeof engineInventorySchema>;
