// A machine's files following it to another host: every image and memory state it alone owns moves to the target pool,
// and its adapters join the target host's networks.
import { AppError } from '../../shared/errors.ts';
import type { OpsContext } from '../opsContext.ts';
import { rehomeMachineAdapters } from '../network/rehome.ts';
import { formatGiB } from './diskStore.ts';

/** Checks the disks can move to `targetHostId` and returns the commit; a machine staying on its host moves nothing. */
export function planStorageMove(ctx: OpsContext, machineId: string, targetHostId: string): () => void {
  const configs = ctx.configs;
  const config = configs.require(machineId);
  if (config.hostId === targetHostId) return () => undefined;
  const related = configs.relatedMachines(machineId);
  if (related.length > 0) {
    const names = related.map((id) => `"${ctx.nameOf(id)}"`).join(', ');
    throw new AppError('INVALID_STATE', `"${ctx.nameOf(machineId)}" shares disk images with ${names} (linked clones); they can only move together with their base — make a full clone to move one alone`, 'platformId');
  }
  const images = [...configs.imagesOf(machineId)].map((id) => configs.disks.require(id));
  const memoryStates = [...configs.disks.memoryStates.values()].filter((state) => state.machineId === machineId);
  const need = images.reduce((sum, image) => sum + image.allocatedMiB, 0) + memoryStates.reduce((sum, state) => sum + state.sizeMiB, 0);
  configs.disks.requireSpace(targetHostId, need, `the disks of "${ctx.nameOf(machineId)}" (${formatGiB(need)})`, 'platformId');
  return () => {
    for (const image of images) configs.disks.moveImage(image.id, targetHostId);
    configs.disks.moveMemoryStates(machineId, targetHostId);
    config.hostId = targetHostId;
    // NAT networks are per host: its adapters join the new host's, keeping their addresses where they are free.
    rehomeMachineAdapters(configs, config);
  };
}
