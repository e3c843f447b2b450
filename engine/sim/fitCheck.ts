// Explained fit check: can this guest go on that platform? ok / warning / refused, with reasons and what would free room.
import { machineNameKey } from '../../shared/domain/machine.ts';
import { inSentence } from '../kinds/kindText.ts';
import type { VerdictSink } from '../kinds/kindModule.ts';
import { findSimOs } from './catalogue.ts';
import { dedicatedUsage, guestCapacity, reservedIn, schedulableCores, whatWouldFree } from './capacity.ts';
import { resolveGuest } from './guestDefaults.ts';
import { platformFacts } from './platformFacts.ts';
import { platformChain } from './queries/chains.ts';
import type { FitReason, FitVerdict, GuestInput, ResolvedGuest } from './types.ts';
import type { GuestRec, PlatformRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

type Code = FitReason['code'];

export class Verdict implements VerdictSink {
  readonly reasons: FitReason[] = [];
  readonly wouldFree: string[] = [];
  refuse(code: Code, field: string, message: string): void {
    this.reasons.push({ severity: 'refused', code, field, message });
  }
  warn(field: string, message: string): void {
    this.reasons.push({ severity: 'warning', code: 'VALIDATION', field, message });
  }
  get refused(): FitReason | undefined {
    return this.reasons.find((r) => r.severity === 'refused');
  }
  result(chain: readonly string[]): FitVerdict {
    const refused = this.reasons.filter((r) => r.severity === 'refused');
    // Refusals first: they are what the wizard must show above everything else.
    const reasons = [...refused, ...this.reasons.filter((r) => r.severity === 'warning')];
    return { verdict: refused.length > 0 ? 'refused' : reasons.length > 0 ? 'warning' : 'ok', reasons, wouldFree: this.wouldFree, chain };
  }
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * The one admission rule for resources held while powered on, used by the fit check and by start alike: a type 0
 * partition needs its dedicated cores and memory free among the running partitions; a reservation needs unreserved
 * cores among the running guests. `except` is the guest being started or changed (it does not compete with itself).
 */
export function checkPowerOnResources(w: WorldState, platform: PlatformRec, name: string, spec: ResolvedGuest, except: GuestRec | undefined, out: Verdict): void {
  const module = platform.module;
  if (module.dedicatedResources) checkDedicated(w, platform, name, spec, except, out);
  if (module.reservations && spec.reservationCores > 0) {
    const pool = w.pools[platform.pool]!;
    const free = guestCapacity(w, pool).cores - reservedIn(w, pool, except);
    if (spec.reservationCores > free + 1e-9) {
      out.refuse('INSUFFICIENT_RESOURCES', 'reservationCores', `"${name}" reserves ${spec.reservationCores} cores but only ${Math.max(0, free).toFixed(1)} are unreserved on ${platform.name}`);
    }
  }
}

function checkDedicated(w: WorldState, platform: PlatformRec, name: string, spec: ResolvedGuest, except: GuestRec | undefined, out: Verdict): void {
  const usage = dedicatedUsage(w, platform, except);
  const control = platform.controlCores;
  if (spec.vcpus > usage.cores) {
    out.refuse('INSUFFICIENT_RESOURCES', 'vcpus', `Type 0 needs ${spec.vcpus} dedicated cores for "${name}"; host has only ${usage.cores} for partitions (${control} kept by the control partition)`);
  } else if (spec.vcpus > usage.freeCores) {
    const free = Math.max(0, usage.freeCores);
    const help = whatWouldFree(usage.active, spec.vcpus - free, (g) => g.spec.vcpus);
    const names = help.names.map((n) => `"${n}"`).join(' and ');
    out.refuse('INSUFFICIENT_RESOURCES', 'vcpus', `Type 0 needs ${spec.vcpus} dedicated ${plural(spec.vcpus, 'core', 'cores')} for "${name}"; ${free} ${plural(free, 'is', 'are')} free; powering off ${names} would free ${help.freed}`);
    for (const n of help.names) out.wouldFree.push(`powering off "${n}" would free ${w.guestByNameKey.get(machineNameKey(n))!.spec.vcpus} cores`);
  }
  if (spec.memoryMiB > usage.memoryMiB) {
    out.refuse('INSUFFICIENT_RESOURCES', 'memoryMiB', `Type 0 needs ${spec.memoryMiB} MiB of dedicated memory for "${name}"; host has only ${usage.memoryMiB} MiB for partitions`);
  } else if (spec.memoryMiB > usage.freeMiB) {
    const free = Math.max(0, usage.freeMiB);
    const help = whatWouldFree(usage.active, spec.memoryMiB - free, (g) => g.spec.memoryMiB);
    const names = help.names.map((n) => `"${n}"`).join(' and ');
    out.refuse('INSUFFICIENT_RESOURCES', 'memoryMiB', `Type 0 needs ${spec.memoryMiB} MiB of dedicated memory for "${name}"; ${free} MiB is free; powering off ${names} would free ${help.freed} MiB`);
    for (const n of help.names) out.wouldFree.push(`powering off "${n}" would free ${w.guestByNameKey.get(machineNameKey(n))!.spec.memoryMiB} MiB`);
  }
}

/** Options of a fit check: the guest being changed (its own name, ports, disk and resources do not count against it). */
export interface FitOptions {
  readonly except?: GuestRec;
}

export function fitCheck(w: WorldState, input: GuestInput, options: FitOptions = {}): FitVerdict {
  const out = new Verdict();
  const except = options.except;
  const holder = w.guestByNameKey.get(machineNameKey(input.name));
  if (holder && holder !== except) out.refuse('CONFLICT', 'name', `A guest named "${input.name.trim()}" already exists`);
  const platform = w.platformById.get(input.platform);
  if (!platform) {
    out.refuse('VALIDATION', 'platform', `platform: no platform with id "${input.platform}"`);
    return out.result([]);
  }
  const module = platform.module;
  const host = w.hosts[platform.host]!;
  // The guest's own device and disk only come back to it on the host it is on (a move to another host needs new ones).
  const onThisHost = except !== undefined && except.host === platform.host;
  const devicesFree = host.devicesFree + (onThisHost && except.device ? 1 : 0);
  const spec = resolveGuest(input, platform, host.model, devicesFree);
  const chain = [...platformChain(w, platform), input.name];
  const facts = platformFacts(w, platform);
  const os = findSimOs(spec.os);
  if (!os) out.refuse('VALIDATION', 'os', `os: unknown OS "${spec.os}"`);
  module.admit(spec, os, facts, out);
  if (!module.acceptsGuests) return out.result(chain);
  checkIo(module.ioPaths, inSentence(module.description), spec, devicesFree, out);
  if (spec.reservationCores > spec.vcpus) out.refuse('VALIDATION', 'reservationCores', `A reservation of ${spec.reservationCores} cores exceeds the guest's ${spec.vcpus} vCPUs`);
  if (spec.limitCores < spec.reservationCores) out.refuse('VALIDATION', 'limitCores', `The limit (${spec.limitCores} cores) is below the reservation (${spec.reservationCores})`);
  if (spec.reservationCores > 0 && !module.reservations) {
    out.warn('reservationCores', `A ${inSentence(module.description)} has no CPU reservations; only shares and limits apply, the reservation is ignored`);
  }

  checkPowerOnResources(w, platform, input.name, spec, except, out);
  checkCommitted(w, platform, input.name, spec, except, out);
  const ownDisk = onThisHost ? except.spec.diskGiB : 0;
  const freeDisk = host.model.storageGiB - (host.committedDiskGiB - ownDisk);
  if (spec.diskGiB > freeDisk) {
    out.refuse('INSUFFICIENT_RESOURCES', 'diskGiB', `Host "${host.model.name}" has ${Math.max(0, freeDisk)} GiB of storage free; choose a smaller disk`);
  }
  for (const port of spec.ports) {
    const owner = host.ports.get(port);
    if (owner !== undefined && owner !== except?.id) out.refuse('CONFLICT', 'ports', `Port ${port} on host "${host.model.name}" is already published by "${w.guestById.get(owner)?.name ?? owner}"`);
  }
  module.platformWarnings?.(facts, out);
  return out.result(chain);
}

/**
 * What the platform's guests are configured with (powered off included) against what it has: a guest larger than the
 * machine is refused on every kind; beyond that a shared platform overcommits (a warning with the ratio) and a
 * dedicated one says which partitions cannot run at the same time.
 */
function checkCommitted(w: WorldState, platform: PlatformRec, name: string, spec: ResolvedGuest, except: GuestRec | undefined, out: Verdict): void {
  const pool = w.pools[platform.pool]!;
  const capacity = guestCapacity(w, pool);
  // The guest's current settings are part of the pool's commitment only when it is in this pool already.
  const own = except !== undefined && except.pool === platform.pool ? except.spec : undefined;
  const vcpus = pool.committedVcpus - (own ? own.vcpus : 0) + spec.vcpus;
  const memory = pool.committedMiB - (own ? own.memoryMiB : 0) + spec.memoryMiB;
  if (platform.module.dedicatedResources) {
    const usage = dedicatedUsage(w, platform, except);
    if (spec.vcpus <= usage.cores && spec.memoryMiB <= usage.memoryMiB && (usage.definedCores + spec.vcpus > usage.cores || usage.definedMiB + spec.memoryMiB > usage.memoryMiB)) {
      out.warn('vcpus', `Partitions defined on ${platform.name} would hold ${usage.definedCores + spec.vcpus} of ${usage.cores} cores and ${usage.definedMiB + spec.memoryMiB} of ${usage.memoryMiB} MiB: "${name}" can only start while enough of the others are powered off`);
    }
    return;
  }
  const cores = schedulableCores(w, pool);
  if (spec.vcpus > cores) out.refuse('INSUFFICIENT_RESOURCES', 'vcpus', `${spec.vcpus} vCPUs is more than the ${cores} cores ${platform.name} can schedule on`);
  if (spec.memoryMiB > capacity.memoryMiB) {
    out.refuse('INSUFFICIENT_RESOURCES', 'memoryMiB', `${spec.memoryMiB} MiB is more than the ${Math.floor(capacity.memoryMiB)} MiB ${platform.name} has for guests`);
  }
  if (capacity.cores > 0 && vcpus / capacity.cores > 4) {
    // The cores shown are the ones the ratio divides by (e.g. 3.9 on a 4-core host whose hypervisor keeps 0.1).
    out.warn('vcpus', `${vcpus} vCPUs on ${Math.round(capacity.cores * 100) / 100} cores (${(vcpus / capacity.cores).toFixed(1)}×): expect high ready time when guests are busy`);
  }
  if (capacity.memoryMiB > 0 && memory > capacity.memoryMiB) {
    const m = platform.module.memory;
    const techniques = [m.pageSharing && 'page sharing', m.ballooning && 'ballooning', m.swapping && 'swapping'].filter(Boolean).join(', ');
    out.warn('memoryMiB', `Memory overcommitted ${(memory / capacity.memoryMiB).toFixed(2)}× on ${platform.name}: under pressure ${techniques || 'nothing'} will reclaim memory`);
  }
}

function checkIo(allowed: readonly string[], kindPhrase: string, spec: ResolvedGuest, devicesFree: number, out: Verdict): void {
  if (!allowed.includes(spec.io)) {
    out.refuse('VALIDATION', 'io', `A ${kindPhrase} offers I/O paths ${allowed.join(', ')}, not ${spec.io}`);
    return;
  }
  if (spec.io === 'passthrough' && devicesFree <= 0) {
    out.refuse('INSUFFICIENT_RESOURCES', 'io', 'No physical NIC and disk controller is left to pass through; use paravirtual I/O');
  }
  if (spec.io === 'paravirtual' && (spec.ringSize < 1 || (spec.ringSize & (spec.ringSize - 1)) !== 0)) {
    out.refuse('VALIDATION', 'ringSize', `Ring size must be a power of two (got ${spec.ringSize})`);
  }
}
