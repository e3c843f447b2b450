// Explained fit check: can this guest go on that platform? ok / warning / refused, with reasons and what would free room.
import { kindFeatures, kindLabels } from './catalogue.ts';
import { dedicatedUsage, poolSize, reservedIn, whatWouldFree } from './capacity.ts';
import { allowedIo, osOf, resolveGuest } from './guestDefaults.ts';
import { chainOf } from './nesting.ts';
import type { FitReason, FitVerdict, GuestInput } from './types.ts';
import type { PlatformRec, ResolvedGuest } from './worldModel.ts';
import type { SimWorld } from './world.ts';

type Code = FitReason['code'];

class Verdict {
  readonly reasons: FitReason[] = [];
  readonly wouldFree: string[] = [];
  refuse(code: Code, field: string, message: string): void {
    this.reasons.push({ severity: 'refused', code, field, message });
  }
  warn(field: string, message: string): void {
    this.reasons.push({ severity: 'warning', code: 'VALIDATION', field, message });
  }
  result(chain: readonly string[]): FitVerdict {
    const refused = this.reasons.filter((r) => r.severity === 'refused');
    // Refusals first: they are what the wizard must show above everything else.
    const reasons = [...refused, ...this.reasons.filter((r) => r.severity === 'warning')];
    return { verdict: refused.length > 0 ? 'refused' : reasons.length > 0 ? 'warning' : 'ok', reasons, wouldFree: this.wouldFree, chain };
  }
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Dedicated cores and memory a type 0 partition needs now, with who could free them. Used at creation and at start. */
export function checkDedicated(world: SimWorld, platform: PlatformRec, spec: ResolvedGuest, exceptSlot: number, out: Verdict): void {
  const usage = dedicatedUsage(world, platform, exceptSlot);
  const name = spec.name;
  if (spec.vcpus > usage.cores) {
    out.refuse('INSUFFICIENT_RESOURCES', 'vcpus', `Type 0 needs ${spec.vcpus} dedicated cores for "${name}"; host has only ${usage.cores} for partitions (${platform.controlCores} kept by the control partition)`);
  } else if (spec.vcpus > usage.freeCores) {
    const free = Math.max(0, usage.freeCores);
    const help = whatWouldFree(usage.active, spec.vcpus - free, (g) => g.spec.vcpus);
    const names = help.names.map((n) => `"${n}"`).join(' and ');
    out.refuse(
      'INSUFFICIENT_RESOURCES',
      'vcpus',
      `Type 0 needs ${spec.vcpus} dedicated ${plural(spec.vcpus, 'core', 'cores')} for "${name}"; ${free} ${plural(free, 'is', 'are')} free; powering off ${names} would free ${help.freed}`,
    );
    for (const n of help.names) out.wouldFree.push(`powering off "${n}" would free ${world.guestByName.get(n)!.spec.vcpus} cores`);
  }
  if (spec.memoryMiB > usage.memoryMiB) {
    out.refuse('INSUFFICIENT_RESOURCES', 'memoryMiB', `Type 0 needs ${spec.memoryMiB} MiB of dedicated memory for "${name}"; host has only ${usage.memoryMiB} MiB for partitions`);
  } else if (spec.memoryMiB > usage.freeMiB) {
    const free = Math.max(0, usage.freeMiB);
    const help = whatWouldFree(usage.active, spec.memoryMiB - free, (g) => g.spec.memoryMiB);
    const names = help.names.map((n) => `"${n}"`).join(' and ');
    out.refuse('INSUFFICIENT_RESOURCES', 'memoryMiB', `Type 0 needs ${spec.memoryMiB} MiB of dedicated memory for "${name}"; ${free} MiB is free; powering off ${names} would free ${help.freed} MiB`);
    for (const n of help.names) out.wouldFree.push(`powering off "${n}" would free ${world.guestByName.get(n)!.spec.memoryMiB} MiB`);
  }
}

export function newVerdict(): Verdict {
  return new Verdict();
}
export type { Verdict };

export function fitCheck(world: SimWorld, input: GuestInput): FitVerdict {
  const out = new Verdict();
  if (world.guestByName.has(input.name)) out.refuse('CONFLICT', 'name', `A guest named "${input.name}" already exists`);
  const platform = world.platformByName.get(input.platform);
  if (!platform) {
    out.refuse('VALIDATION', 'platform', `platform: no platform named "${input.platform}"`);
    return out.result([]);
  }
  const features = kindFeatures[platform.kind];
  const host = world.hosts[platform.host]!;
  const spec = resolveGuest(input, platform.kind, host.model, host.devicesFree);
  const chain = chainOf(platform, input.name);
  if (!features.hostsGuests) {
    out.refuse('VALIDATION', 'platform', `"${platform.name}" is a host OS: it runs its own processes; put guests on a type 2, emulator, process VM or container platform on it`);
    return out.result(chain);
  }
  checkOs(platform, spec, host.model.isa, out);
  checkIo(platform, spec, host.devicesFree, out);
  if (spec.reservationCores > spec.vcpus) out.refuse('VALIDATION', 'reservationCores', `A reservation of ${spec.reservationCores} cores exceeds the guest's ${spec.vcpus} vCPUs`);
  if (spec.limitCores < spec.reservationCores) out.refuse('VALIDATION', 'limitCores', `The limit (${spec.limitCores} cores) is below the reservation (${spec.reservationCores})`);

  const pool = world.pools[platform.pool]!;
  const size = poolSize(world, pool);
  if (features.dedicatedResources) {
    checkDedicated(world, platform, spec, -1, out);
  } else {
    if (spec.vcpus > size.cores) {
      out.refuse('INSUFFICIENT_RESOURCES', 'vcpus', `${spec.vcpus} vCPUs is more than the ${Math.floor(size.cores)} cores ${platform.name} can schedule on`);
    }
    if (spec.memoryMiB > size.memoryMiB) {
      out.refuse('INSUFFICIENT_RESOURCES', 'memoryMiB', `${spec.memoryMiB} MiB is more than the ${Math.floor(size.memoryMiB)} MiB ${platform.name} has for guests`);
    }
    overcommitWarnings(world, platform, spec, size, out);
  }
  if (spec.reservationCores > 0) {
    if (!features.reservations) {
      out.warn('reservationCores', `A ${kindLabels[platform.kind]} has no CPU reservations; only shares and limits apply, the reservation is ignored`);
    } else {
      const free = size.cores - reservedIn(world, platform.pool, -1);
      if (spec.reservationCores > free) {
        out.refuse('INSUFFICIENT_RESOURCES', 'reservationCores', `Only ${Math.max(0, free).toFixed(1)} cores are unreserved on ${platform.name}; reserve at most that much`);
      }
    }
  }
  const committedDisk = world.guests.filter((g) => g.host === host.index).reduce((sum, g) => sum + g.spec.diskGiB, 0);
  if (committedDisk + spec.diskGiB > host.model.storageGiB) {
    out.refuse('INSUFFICIENT_RESOURCES', 'diskGiB', `Host "${host.model.name}" has ${Math.max(0, host.model.storageGiB - committedDisk)} GiB of storage free; choose a smaller disk`);
  }
  for (const port of spec.ports) {
    const owner = host.ports.get(port);
    if (owner !== undefined) out.refuse('CONFLICT', 'ports', `Port ${port} on host "${host.model.name}" is already published by "${owner}"`);
  }
  assistWarnings(world, platform, out);
  return out.result(chain);
}

function checkOs(platform: PlatformRec, spec: ResolvedGuest, hostIsa: string, out: Verdict): void {
  if (platform.kind === 'processVm') return;
  const os = osOf(spec.os);
  if (!os) {
    out.refuse('VALIDATION', 'os', `os: unknown OS "${spec.os}"`);
    return;
  }
  const crossIsa = kindFeatures[platform.kind].crossIsa;
  if (os.isa !== hostIsa && !crossIsa) {
    out.refuse('VALIDATION', 'os', `${os.label} is a ${os.isa} OS but the host is ${hostIsa}; only an emulator can run another instruction set`);
  }
  if (crossIsa && os.isa === hostIsa) {
    out.warn('os', `${os.label} has the host's own ISA (${hostIsa}): a VMM would run it far faster than emulation`);
  }
  if (platform.kind === 'paravirt' && !os.paravirtualizable) {
    out.refuse('VALIDATION', 'os', `${os.label} cannot be modified for paravirtualization; run it on a type 1 hypervisor with hardware assist`);
  }
  if (spec.paravirtualized && !os.paravirtualizable && platform.kind === 'type0') {
    out.refuse('VALIDATION', 'paravirtualized', `${os.label} has no paravirtualized (partition-aware) kernel`);
  }
  if (platform.kind === 'containers') {
    const kernel = platform.input.os ?? 'linux';
    if (os.kernel !== kernel) out.refuse('VALIDATION', 'os', `Containers share the host kernel: a ${os.label} image cannot run on a ${kernel} kernel`);
  }
}

function checkIo(platform: PlatformRec, spec: ResolvedGuest, devicesFree: number, out: Verdict): void {
  const allowed = allowedIo[platform.kind];
  if (!allowed.includes(spec.io)) {
    out.refuse('VALIDATION', 'io', `A ${kindLabels[platform.kind]} offers I/O paths ${allowed.join(', ')}, not ${spec.io}`);
    return;
  }
  if (spec.io === 'passthrough' && devicesFree <= 0) {
    out.refuse('INSUFFICIENT_RESOURCES', 'io', 'No physical NIC and disk controller is left to pass through; use paravirtual I/O');
  }
  if (spec.io === 'controlPartition') {
    out.warn('io', 'No dedicated I/O device is free: this partition\'s I/O goes through the control partition');
  }
  if (spec.io === 'paravirtual' && (spec.ringSize < 1 || (spec.ringSize & (spec.ringSize - 1)) !== 0)) {
    out.refuse('VALIDATION', 'ringSize', `Ring size must be a power of two (got ${spec.ringSize})`);
  }
}

function overcommitWarnings(world: SimWorld, platform: PlatformRec, spec: ResolvedGuest, size: { cores: number; memoryMiB: number }, out: Verdict): void {
  let vcpus = spec.vcpus;
  let memory = spec.memoryMiB;
  for (const guest of world.guests) {
    if (guest.pool !== platform.pool || guest.hidden) continue;
    vcpus += guest.spec.vcpus;
    memory += guest.spec.memoryMiB;
  }
  if (size.cores > 0 && vcpus / size.cores > 4) {
    out.warn('vcpus', `${vcpus} vCPUs on ${Math.floor(size.cores)} cores (${(vcpus / size.cores).toFixed(1)}×): expect high ready time when guests are busy`);
  }
  if (size.memoryMiB > 0 && memory > size.memoryMiB) {
    const f = kindFeatures[platform.kind];
    const techniques = [f.ballooning && 'ballooning', f.pageSharing && 'page sharing', f.swapping && 'swapping'].filter(Boolean).join(', ');
    out.warn('memoryMiB', `Memory overcommitted ${(memory / size.memoryMiB).toFixed(2)}× on ${platform.name}: under pressure ${techniques || 'nothing'} will reclaim memory`);
  }
}

function assistWarnings(world: SimWorld, platform: PlatformRec, out: Verdict): void {
  const host = world.hosts[platform.host]!.model;
  if (platform.kind === 'type2' && !platform.hwAssist) {
    out.warn('platform', host.vtx
      ? `${platform.name} runs without administrator privileges, so it cannot use VT-x: binary translation costs about 35% more CPU`
      : `Host "${host.name}" has no VT-x: binary translation costs about 35% more CPU`);
  }
  if (platform.kind === 'type1' && !platform.hwAssist) out.warn('platform', `Host "${host.name}" has no VT-x: ${platform.name} uses binary translation`);
  if ((platform.kind === 'type1' || platform.kind === 'type1hosted' || platform.kind === 'type2') && platform.hwAssist && !host.nestedPaging) {
    out.warn('platform', `Host "${host.name}" has no nested paging: every guest page-table update traps to maintain shadow page tables`);
  }
}
