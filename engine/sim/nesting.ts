// Nesting rules: where each kind of platform may run (hardware, a type 0 partition, a host OS), with reasons when not.
import { AppError } from '../../shared/errors.ts';
import { kindFeatures, kindLabels } from './catalogue.ts';
import type { HostRec, PlatformRec } from './worldModel.ts';
import type { PlatformInput } from './types.ts';
import type { SimWorld } from './world.ts';

export interface Placement {
  readonly host: number;
  /** Pool the platform draws from; -1 means "create the pool of partition `parentGuest`". */
  readonly pool: number;
  readonly parentPlatform: number;
  readonly parentGuest: number;
  /** Hardware → ... → the parent, without the new platform itself. */
  readonly chain: readonly string[];
  readonly hwAssist: boolean;
}

function hardwareLabel(host: HostRec): string {
  const m = host.model;
  return `hardware "${m.name}" (${m.isa}, ${m.cores} cores${m.vtx ? ', VT-x' : ''}${m.nestedPaging ? ', nested paging' : ''})`;
}

export function platformLabel(kind: PlatformInput['kind'], name: string): string {
  return `${kindLabels[kind]} "${name}"`;
}

function refuse(code: 'VALIDATION' | 'CONFLICT' | 'INSUFFICIENT_RESOURCES', field: string, message: string): never {
  throw new AppError(code, message, field);
}

/** Decides where a new platform goes, or throws an AppError whose message says why it cannot go there. */
export function placePlatform(world: SimWorld, input: PlatformInput): Placement {
  const features = kindFeatures[input.kind];
  const label = kindLabels[input.kind];
  const on = input.on;
  if ('host' in on) {
    const host = world.hostByName.get(on.host);
    if (!host) return refuse('VALIDATION', 'on.host', `on.host: no host named "${on.host}"`);
    if (!features.bareMetal) {
      return refuse('VALIDATION', 'on', `A ${label} is an application: it needs a host OS underneath (on: { "platform": "<host OS>" }), not bare hardware`);
    }
    claimPool(world, world.pools[host.pool]!.bareMetal, `host "${host.model.name}"`);
    checkAssist(input, host);
    return { host: host.index, pool: host.pool, parentPlatform: -1, parentGuest: -1, chain: [hardwareLabel(host)], hwAssist: assistFor(input, host) };
  }
  if ('guest' in on) {
    const guest = world.guestByName.get(on.guest);
    if (!guest || guest.hidden) return refuse('VALIDATION', 'on.guest', `on.guest: no guest named "${on.guest}"`);
    const parent = world.platforms[guest.platform]!;
    const host = world.hosts[guest.host]!;
    if (input.kind === 'type0') {
      return refuse('VALIDATION', 'on', 'Type 0 partitioning is done by the machine firmware: it only runs on bare hardware');
    }
    if (parent.kind !== 'type0') {
      if (input.kind === 'type1' && parent.kind === 'type1') {
        return refuse(
          'VALIDATION',
          'on',
          `A type 1 hypervisor cannot run on another type 1: "${guest.spec.name}" is a virtual machine of type 1 platform "${parent.name}". A type 1 needs bare hardware or a type 0 partition`,
        );
      }
      return refuse(
        'VALIDATION',
        'on',
        `"${guest.spec.name}" is a guest of ${platformLabel(parent.kind, parent.name)}; only type 0 partitions can host a platform (nesting inside virtual machines is not simulated)`,
      );
    }
    if (!features.bareMetal) {
      return refuse('VALIDATION', 'on', `A ${label} is an application: it needs a host OS, which can itself run in partition "${guest.spec.name}"`);
    }
    if (guest.hostsPool >= 0) claimPool(world, world.pools[guest.hostsPool]!.bareMetal, `partition "${guest.spec.name}"`);
    checkAssist(input, host);
    const chain = [...parent.chain, `partition "${guest.spec.name}" (${guest.spec.vcpus} dedicated cores)`];
    return { host: guest.host, pool: guest.hostsPool, parentPlatform: -1, parentGuest: guest.slot, chain, hwAssist: assistFor(input, host) };
  }
  const parent = world.platformByName.get(on.platform);
  if (!parent) return refuse('VALIDATION', 'on.platform', `on.platform: no platform named "${on.platform}"`);
  if (features.bareMetal) {
    if (input.kind === 'type1' && parent.kind === 'type1') {
      return refuse('VALIDATION', 'on', `A type 1 hypervisor cannot run on another type 1 ("${parent.name}"): it needs bare hardware or a type 0 partition`);
    }
    return refuse('VALIDATION', 'on', `A ${label} runs on bare hardware or in a type 0 partition, not on ${platformLabel(parent.kind, parent.name)}`);
  }
  if (parent.kind !== 'hostOs' && parent.kind !== 'type1hosted') {
    return refuse(
      'VALIDATION',
      'on',
      `A ${label} is an application: it needs a host OS (a hostOs or type1hosted platform); ${platformLabel(parent.kind, parent.name)} runs no applications`,
    );
  }
  if (input.kind === 'containers' && (parent.input.os ?? 'linux') === 'macos') {
    return refuse('VALIDATION', 'on', `The macOS kernel has no container support (namespaces, cgroups); containers need a Linux, Windows or BSD host OS`);
  }
  const host = world.hosts[parent.host]!;
  return {
    host: parent.host,
    pool: parent.pool,
    parentPlatform: parent.index,
    parentGuest: -1,
    chain: parent.chain,
    hwAssist: assistFor(input, host),
  };
}

function claimPool(world: SimWorld, owner: number, where: string): void {
  if (owner < 0) return;
  const existing = world.platforms[owner]!;
  refuse(
    'CONFLICT',
    'on',
    `${where} already runs ${platformLabel(existing.kind, existing.name)} directly; only one platform can own a machine — use type 0 partitions to split it, or put applications on a host OS`,
  );
}

function checkAssist(input: PlatformInput, host: HostRec): void {
  if (input.kind === 'type1hosted' && !host.model.vtx) {
    refuse(
      'INSUFFICIENT_RESOURCES',
      'kind',
      `A hosted-OS hypervisor (KVM-like) needs VT-x/AMD-V, which host "${host.model.name}" lacks; use a type 1 (binary translation) or paravirtualization`,
    );
  }
}

/** Hardware assist is there when the CPU has it and, for a type 2 VMM, when its user may load the kernel driver. */
function assistFor(input: PlatformInput, host: HostRec): boolean {
  if (!host.model.vtx) return false;
  if (input.kind === 'type2') return input.admin ?? false;
  return input.kind === 'type1' || input.kind === 'type1hosted';
}

/** Hardware → ... → platform → guest, for the details pane. */
export function chainOf(platform: PlatformRec, guestName: string): string[] {
  return [...platform.chain, `guest "${guestName}"`];
}
