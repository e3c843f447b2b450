// Green/amber zones for the wizard's sliders: what fits without overcommitting, and the most one guest can get.
import { machineLimits } from '../../../shared/domain/machine.ts';
import type { FitVerdict, ResourceZone } from '../../../shared/domain/fitCheck.ts';
import { dedicatedUsage, guestCapacity, schedulableCores } from '../capacity.ts';
import type { PlatformRec } from '../worldModel.ts';
import type { WorldState } from '../worldState.ts';

const zero: ResourceZone = { green: 0, amber: 0 };

/**
 * Green: what fits without overcommitting (free dedicated resources on type 0). Amber: the most one guest can get
 * with overcommit (every schedulable core, the platform's whole memory). Red: above amber, refused. Type 0: green = amber.
 */
export function zonesFor(w: WorldState, platform: PlatformRec): FitVerdict['zones'] {
  const module = platform.module;
  if (!module.acceptsGuests) return { vcpus: zero, memoryMiB: zero };
  if (module.dedicatedResources) {
    const usage = dedicatedUsage(w, platform, undefined);
    const cores = Math.max(0, Math.floor(usage.freeCores));
    const mib = Math.max(0, Math.floor(usage.freeMiB));
    return { vcpus: { green: cores, amber: cores }, memoryMiB: { green: mib, amber: mib } };
  }
  const pool = w.pools[platform.pool]!;
  const capacity = guestCapacity(w, pool);
  const amberCores = Math.min(schedulableCores(w, pool), machineLimits.vcpus.max);
  const amberMiB = Math.min(Math.floor(capacity.memoryMiB), machineLimits.memoryMiB.max);
  return {
    vcpus: { green: clamp(Math.floor(capacity.cores - pool.committedVcpus), amberCores), amber: amberCores },
    memoryMiB: { green: clamp(Math.floor(capacity.memoryMiB - pool.committedMiB), amberMiB), amber: amberMiB },
  };
}

function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(max, value));
}
