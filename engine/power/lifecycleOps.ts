// Life-cycle commands as the engine runs them: the core's state machine plus what they cost in the pools (saved states).
import type { LifecycleAction } from '../../shared/domain/machineState.ts';
import { checkStart } from '../network/conflicts.ts';
import type { OpsContext } from '../opsContext.ts';
import { savedStateKey } from '../storage/diskStore.ts';

/**
 * Runs `action` on the machine; a refusal (an AppError) changes nothing. Returns whether the machine's record changed
 * (a saved state written, used up or discarded); the core announces every state change itself.
 */
export function runLifecycle(ctx: OpsContext, machineId: string, action: LifecycleAction): boolean {
  const world = ctx.world;
  switch (action) {
    case 'start': {
      checkStart(ctx, machineId);
      const resumedMiB = world.start(machineId);
      // The memory is back in RAM: its file in the pool goes.
      if (resumedMiB > 0) ctx.configs.disks.memoryStates.delete(savedStateKey(machineId));
      return resumedMiB > 0;
    }
    case 'saveState':
      saveState(ctx, machineId);
      return true;
    case 'discardState':
      world.discardState(machineId);
      ctx.configs.disks.memoryStates.delete(savedStateKey(machineId));
      return true;
    case 'stop':
      world.stop(machineId);
      return false;
    case 'powerOff':
      world.powerOff(machineId);
      return false;
    case 'reset':
      world.reset(machineId);
      return false;
    case 'pause':
      world.pause(machineId);
      return false;
    case 'resume':
      world.resume(machineId);
      return false;
  }
}

/** The memory the guest touches goes to a file in its host's pool, which must have room for it. */
function saveState(ctx: OpsContext, machineId: string): void {
  ctx.world.checkSave(machineId);
  const config = ctx.configs.require(machineId);
  const sizeMiB = Math.max(1, Math.round(ctx.world.usedMemoryMiB(machineId)));
  try {
    ctx.configs.disks.requireSpace(config.hostId, sizeMiB, `the saved state of "${ctx.nameOf(machineId)}" (the ${sizeMiB} MiB of memory it uses)`, 'saveState');
  } catch (error) {
    ctx.log(machineId, 'refusal', (error as Error).message);
    throw error;
  }
  ctx.world.saveState(machineId, sizeMiB);
  ctx.configs.disks.memoryStates.set(savedStateKey(machineId), { machineId, hostId: config.hostId, sizeMiB, savedState: true });
}
