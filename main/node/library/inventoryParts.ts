// The engine's inventory in inventory.json: networks, platforms and media lists, read entry by entry so one bad entry is named, not fatal.
import type { z } from 'zod';
import { engineInventorySchema } from '../../../shared/domain/engineInventory.ts';
import type { EngineInventory } from '../../../shared/domain/engineInventory.ts';
import { isoImageSchema, keptImageSchema } from '../../../shared/domain/media.ts';
import { networkDefSchema } from '../../../shared/domain/network.ts';
import { installedPlatformSchema } from '../../../shared/domain/platforms.ts';
import { describeIssues } from './documentSchemas.ts';
import type { Inventory } from './documentSchemas.ts';

type Entry = Record<string, unknown>;

/** Versions before the Network Manager wrote `{id, name}` per network as a placeholder; those carry no definition. */
const isPlaceholder = (entry: Entry): boolean => Object.keys(entry).every((key) => key === 'id' || key === 'name');

function parseEach<T>(entries: readonly Entry[], schema: z.ZodType<T>, where: string, notes: string[]): T[] {
  const out: T[] = [];
  entries.forEach((entry, i) => {
    const parsed = schema.safeParse(entry);
    if (parsed.success) out.push(parsed.data);
    else notes.push(`inventory.json ${where}[${i}] was left out: ${describeIssues(parsed.error)}`);
  });
  return out;
}

/**
 * The engine inventory the library holds, or undefined when it holds none yet (a new library, or one written before
 * networks were managed): the engine then starts from its defaults.
 */
export function engineInventoryOf(inventory: Inventory): { inventory: EngineInventory | undefined; notes: string[] } {
  const notes: string[] = [];
  const networkEntries = inventory.networks.filter((entry) => !isPlaceholder(entry));
  if (networkEntries.length === 0) return { inventory: undefined, notes };
  const media = inventory.media;
  const parsed: EngineInventory = {
    networks: parseEach(networkEntries, networkDefSchema, 'networks', notes),
    platforms: parseEach(inventory.platforms, installedPlatformSchema, 'platforms', notes),
    isoImages: parseEach(media.filter((entry) => entry['type'] === 'iso').map(({ type: _type, ...rest }) => rest), isoImageSchema, 'media (ISO images)', notes),
    keptImages: parseEach(media.filter((entry) => entry['type'] === 'disk').map(({ type: _type, ...rest }) => rest), keptImageSchema, 'media (disks)', notes),
  };
  const unknown = media.filter((entry) => entry['type'] !== 'iso' && entry['type'] !== 'disk').length;
  if (unknown > 0) notes.push(`inventory.json media: ${unknown} entr${unknown === 1 ? 'y' : 'ies'} of no known type (iso, disk) left out`);
  return { inventory: engineInventorySchema.parse(parsed), notes };
}

/** The parts of inventory.json the engine's inventory fills. */
export function inventoryPartsOf(engine: EngineInventory): Pick<Inventory, 'networks' | 'platforms' | 'media'> {
  return {
    networks: engine.networks.map((network) => ({ ...network })),
    platforms: engine.platforms.map((platform) => ({ ...platform })),
    media: [...engine.isoImages.map((iso) => ({ type: 'iso', ...iso })), ...engine.keptImages.map((image) => ({ type: 'disk', ...image }))],
  };
}
