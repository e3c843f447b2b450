// Nesting rules: where a platform may run (hardware, a type 0 partition, a host OS), with the reason when it may not.
import { AppError } from '../../shared/errors.ts';
import { kindModule } from '../kinds/registry.ts';
import { article, inSentence, platformPhrase } from '../kinds/kindText.ts';
import type { PlacementRequest, PlacementSite } from '../kinds/kindModule.ts';
import { platformFacts } from './platformFacts.ts';
import type { PlatformInput } from './types.ts';
import type { HostRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

export interface Placement {
  readonly host: number;
  /** Pool the platform draws from; -1 means "create the pool of the partition". */
  readonly pool: number;
  readonly parentPlatform: number;
  readonly partitionId: string | undefined;
  /** Where it is installed, for the event log: hardware "atlas" (...), partition "lpar-b", a host OS. */
  readonly where: string;
  readonly hwAssist: boolean;
}

function hardwareLabel(host: HostRec): string {
  const m = host.model;
  return `hardware "${m.name}" (${m.isa}, ${m.cores} cores${m.vtx ? ', VT-x' : ''}${m.nestedPaging ? ', nested paging' : ''})`;
}

function refuse(code: 'VALIDATION' | 'CONFLICT' | 'INSUFFICIENT_RESOURCES', field: string, message: string): never {
  throw new AppError(code, message, field);
}

/** The generic rule when a kind's module does not run on a site at all. */
function siteRefusal(request: PlacementRequest): string {
  const label = inSentence(request.child.description);
  const a = article(label);
  if (request.child.runsOn.includes('platform')) {
    const where = request.site === 'hardware' ? 'not bare hardware' : `which can itself run in partition "${request.guestName}"`;
    return `${a[0]!.toUpperCase()}${a.slice(1)} ${label} is an application: it needs a host OS underneath (on: { "platform": "<host OS>" }), ${where}`;
  }
  return `${a[0]!.toUpperCase()}${a.slice(1)} ${label} runs on bare hardware or in a type 0 partition, not on ${request.parent ? platformPhrase(request.parent.module.description, request.parent.name) : 'this'}`;
}

/** Decides where a new platform goes, or throws an AppError whose message says why it cannot go there. */
export function placePlatform(w: WorldState, input: PlatformInput): Placement {
  const child = kindModule(input.kind);
  const on = input.on;
  let site: PlacementSite;
  let host: HostRec;
  let request: PlacementRequest;
  let placement: Omit<Placement, 'hwAssist'>;
  if ('host' in on) {
    const found = w.hostById.get(on.host);
    if (!found) return refuse('VALIDATION', 'on.host', `on.host: no host with id "${on.host}"`);
    host = found;
    site = 'hardware';
    request = { child, childInput: input, site, host: host.model };
    placement = { host: host.index, pool: host.pool, parentPlatform: -1, partitionId: undefined, where: hardwareLabel(host) };
  } else if ('guest' in on) {
    const guest = w.guestById.get(on.guest);
    if (!guest || guest.hidden) return refuse('VALIDATION', 'on.guest', `on.guest: no guest with id "${on.guest}"`);
    const parent = w.platforms[guest.platform]!;
    host = w.hosts[guest.host]!;
    site = 'guest';
    request = { child, childInput: input, site, host: host.model, guestName: guest.name, parent: platformFacts(w, parent) };
    const objection = parent.module.refuseChild?.(request);
    if (objection) return refuse('VALIDATION', 'on', objection);
    if (!parent.module.guestsHostPlatforms) {
      return refuse('VALIDATION', 'on', `"${guest.name}" is a guest of ${platformPhrase(parent.module.description, parent.name)}; only type 0 partitions can host a platform (nesting inside virtual machines is not simulated)`);
    }
    const where = `partition "${guest.name}" (${guest.spec.vcpus} dedicated cores)`;
    placement = { host: guest.host, pool: guest.hostsPool, parentPlatform: -1, partitionId: guest.id, where };
  } else {
    const parent = w.platformById.get(on.platform);
    if (!parent) return refuse('VALIDATION', 'on.platform', `on.platform: no platform with id "${on.platform}"`);
    host = w.hosts[parent.host]!;
    site = 'platform';
    request = { child, childInput: input, site, host: host.model, parent: platformFacts(w, parent) };
    const objection = parent.module.refuseChild?.(request);
    if (objection) return refuse('VALIDATION', 'on', objection);
    if (child.runsOn.includes('platform') && !parent.module.runsApplications) {
      return refuse('VALIDATION', 'on', `A ${inSentence(child.description)} is an application: it needs a host OS (a hostOs or type1hosted platform); ${platformPhrase(parent.module.description, parent.name)} runs no applications`);
    }
    placement = { host: parent.host, pool: parent.pool, parentPlatform: parent.index, partitionId: undefined, where: platformPhrase(parent.module.description, parent.name) };
  }
  const own = child.refusePlacement?.(request);
  if (own) return refuse(own.code ?? 'VALIDATION', own.field ?? 'on', own.message);
  if (!child.runsOn.includes(site)) return refuse('VALIDATION', 'on', siteRefusal(request));
  if (child.ownsMachine && placement.pool >= 0) claimPool(w, w.pools[placement.pool]!.owner, site === 'hardware' ? `host "${host.model.name}"` : `partition "${request.guestName}"`);
  return { ...placement, hwAssist: child.hardwareAssist(host.model, input) };
}

function claimPool(w: WorldState, owner: number, where: string): void {
  if (owner < 0) return;
  const existing = w.platforms[owner]!;
  refuse(
    'CONFLICT',
    'on',
    `${where} already runs ${platformPhrase(existing.module.description, existing.name)} directly; only one platform can own a machine — use type 0 partitions to split it, or put applications on a host OS`,
  );
}
