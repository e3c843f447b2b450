// Translates between the contract's machine specs and the simulation's guests: inputs, refusal fields, fit verdicts, zones.
import { AppError } from '../shared/errors.ts';
import { machineLimits } from '../shared/domain/machine.ts';
import type { FitCheckInput, NewMachineSpec } from '../shared/domain/machine.ts';
import type { FitReason, FitVerdict, ResourceZone } from '../shared/domain/fitCheck.ts';
import { dedicatedUsage, poolSize } from './sim/capacity.ts';
import { findSimOs } from './sim/catalogue.ts';
import type { GuestInput } from './sim/types.ts';
import type { PlatformRec } from './sim/worldModel.ts';
import type { SimWorld } from './sim/world.ts';
import type { PlatformEntry } from './defaultWorld.ts';
import type { WorldIndex } from './worldIndex.ts';

/** Simulation field names that differ from the contract's. */
const contractFields: Readonly<Record<string, string>> = { os: 'osType', platform: 'platformId', guest: 'id' };

export function contractField(simField: string | undefined): string | undefined {
  return simField === undefined ? undefined : (contractFields[simField] ?? simField);
}

/** The same refusal with the field named as the contract names it. */
export function toContractError(error: AppError, prefix = ''): AppError {
  const field = contractField(error.field);
  return new AppError(error.code, error.message, field === undefined ? undefined : `${prefix}${field}`);
}

type SpecLike = Pick<NewMachineSpec, 'vcpus' | 'memoryMiB' | 'diskGiB' | 'workload'> & { readonly osType: string };

/** The guest the simulation runs for a spec; the workload defaults to a web server as the contract says. */
export function guestInputFor(platform: PlatformEntry, name: string, spec: SpecLike, id?: string): GuestInput {
  const input: { -readonly [K in keyof GuestInput]: GuestInput[K] } = {
    name,
    platform: platform.sim.name,
    os: spec.osType,
    vcpus: spec.vcpus,
    memoryMiB: spec.memoryMiB,
    diskGiB: spec.diskGiB,
    workload: spec.workload ?? 'web',
  };
  // Partition-aware kernels take cores and memory live on type 0 (dynamic partitioning), so such guests are paravirtualized.
  if (platform.kind === 'type0') input.paravirtualized = findSimOs(spec.osType)?.paravirtualizable ?? false;
  // The id also keys the guest's random stream, so its numbers do not depend on its name or other machines.
  return id === undefined ? input : { ...input, id, seedKey: `machine:${id}` };
}

const zero: ResourceZone = { green: 0, amber: 0 };

function refusedVerdict(error: AppError): FitVerdict {
  const code: FitReason['code'] = error.code === 'CONFLICT' || error.code === 'INSUFFICIENT_RESOURCES' || error.code === 'INVALID_STATE' ? error.code : 'VALIDATION';
  return {
    verdict: 'refused',
    reasons: [{ severity: 'refused', code, field: error.field ?? 'platformId', message: error.message }],
    wouldFree: [],
    chain: [],
    zones: { vcpus: zero, memoryMiB: zero },
  };
}

/** The engine's explained answer for a spec, before anything is created; changes nothing, logs nothing. */
export function checkFit(world: SimWorld, index: WorldIndex, input: FitCheckInput, nameTaken: (name: string) => boolean): FitVerdict {
  let platform: PlatformEntry;
  try {
    platform = index.resolvePlatform(input);
  } catch (error) {
    if (error instanceof AppError) return refusedVerdict(error);
    throw error;
  }
  const typed = input.name?.trim();
  const name = typed || 'new machine';
  const reasons: FitReason[] = [];
  if (typed && nameTaken(typed)) reasons.push({ severity: 'refused', code: 'CONFLICT', field: 'name', message: `A machine named "${typed}" already exists` });
  const sim = world.fitCheck(guestInputFor(platform, name, input));
  for (const reason of sim.reasons) {
    // Name clashes are the facade's to judge (case-insensitive, and no name may be typed yet).
    if (reason.field === 'name') continue;
    reasons.push({ ...reason, field: contractField(reason.field) ?? reason.field });
  }
  const refused = reasons.filter((r) => r.severity === 'refused');
  const ordered = [...refused, ...reasons.filter((r) => r.severity === 'warning')];
  const rec = world.platformByName.get(platform.sim.name)!;
  return {
    verdict: refused.length > 0 ? 'refused' : ordered.length > 0 ? 'warning' : 'ok',
    reasons: ordered,
    wouldFree: [...sim.wouldFree],
    chain: index.machineChain(platform, name),
    zones: zonesFor(world, rec),
  };
}

/**
 * Green: what fits without overcommitting (free dedicated resources on type 0). Amber: the most one guest can get
 * with overcommit (the platform's whole pool). Red: above amber, refused. For type 0 green = amber.
 */
export function zonesFor(world: SimWorld, rec: PlatformRec): FitVerdict['zones'] {
  if (!rec.features.hostsGuests) return { vcpus: zero, memoryMiB: zero };
  if (rec.features.dedicatedResources) {
    const usage = dedicatedUsage(world, rec, -1);
    const cores = Math.max(0, Math.floor(usage.freeCores));
    const mib = Math.max(0, Math.floor(usage.freeMiB));
    return { vcpus: { green: cores, amber: cores }, memoryMiB: { green: mib, amber: mib } };
  }
  const size = poolSize(world, world.pools[rec.pool]!);
  let vcpus = 0;
  let memoryMiB = 0;
  for (const guest of world.guests) {
    if (guest.hidden || guest.pool !== rec.pool) continue;
    vcpus += guest.spec.vcpus;
    memoryMiB += guest.spec.memoryMiB;
  }
  const amberCores = Math.min(Math.floor(size.cores), machineLimits.vcpus.max);
  const amberMiB = Math.min(Math.floor(size.memoryMiB), machineLimits.memoryMiB.max);
  return {
    vcpus: { green: clamp(Math.floor(size.cores - vcpus), amberCores), amber: amberCores },
    memoryMiB: { green: clamp(Math.floor(size.memoryMiB - memoryMiB), amberMiB), amber: amberMiB },
  };
}

function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(max, value));
}
