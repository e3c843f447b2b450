// Translates between the contract's machine specs and the simulation's guests: inputs, refusal fields, fit verdicts.
import { AppError } from '../shared/errors.ts';
import type { FitCheckInput, NewMachineSpec } from '../shared/domain/machine.ts';
import type { FitReason, FitVerdict, ResourceZone } from '../shared/domain/fitCheck.ts';
import type { GuestInput } from './sim/types.ts';
import type { SimWorld } from './sim/world.ts';
import type { PlatformChoice } from './platformChoice.ts';
import { choosePlatform } from './platformChoice.ts';

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

/** Guest settings beyond the spec's (a container's published ports, cpu.weight and cpu.max). */
export type GuestExtras = Pick<GuestInput, 'ports' | 'shares' | 'limitCores'>;

/** The guest the simulation runs for a spec; the workload defaults to a web server as the contract says. */
export function guestInputFor(platformId: string, name: string, spec: SpecLike, id?: string, createdAtMs?: number, extras: GuestExtras = {}): GuestInput {
  const input: GuestInput = {
    ...extras,
    name,
    platform: platformId,
    os: spec.osType,
    vcpus: spec.vcpus,
    memoryMiB: spec.memoryMiB,
    diskGiB: spec.diskGiB,
    workload: spec.workload ?? 'web',
    ...(createdAtMs === undefined ? {} : { createdAtMs }),
  };
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
export function checkFit(world: SimWorld, choice: PlatformChoice, input: FitCheckInput, extras: GuestExtras = {}, extraReasons: readonly FitReason[] = []): FitVerdict {
  let platformId: string;
  try {
    platformId = choosePlatform(world, choice, input);
  } catch (error) {
    if (error instanceof AppError) return refusedVerdict(error);
    throw error;
  }
  const typed = input.name?.trim();
  const name = typed || 'new machine';
  const reasons: FitReason[] = [...extraReasons];
  const holder = typed ? world.idByName(typed) : undefined;
  if (holder !== undefined) reasons.push({ severity: 'refused', code: 'CONFLICT', field: 'name', message: `A machine named "${typed}" already exists` });
  const sim = world.fitCheck(guestInputFor(platformId, name, input, undefined, undefined, extras));
  for (const reason of sim.reasons) {
    // Name clashes are judged above (no name may be typed yet).
    if (reason.field === 'name') continue;
    reasons.push({ ...reason, field: contractField(reason.field) ?? reason.field });
  }
  const refused = reasons.filter((r) => r.severity === 'refused');
  const ordered = [...refused, ...reasons.filter((r) => r.severity === 'warning')];
  const chain = [...world.platform(platformId).chain, name];
  return {
    verdict: refused.length > 0 ? 'refused' : ordered.length > 0 ? 'warning' : 'ok',
    reasons: ordered,
    wouldFree: [...sim.wouldFree],
    chain,
    zones: world.zones(platformId),
  };
}
