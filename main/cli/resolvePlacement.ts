// Turns --host and --platform (an id or a name) into the host and platform ids the API takes.
import type { AppApi } from '../../shared/api/methods.ts';
import type { Host, PlatformSummary } from '../../shared/domain/host.ts';
import { AppError } from '../../shared/errors.ts';

export interface PlacementRefs {
  readonly host?: string | undefined;
  readonly platform?: string | undefined;
}

export interface Placement {
  readonly hostId?: string;
  readonly platformId?: string;
}

const same = (a: string, b: string): boolean => a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');

export function findHost(hosts: readonly Host[], ref: string): Host {
  const matches = hosts.filter((host) => host.id === ref.trim() || same(host.name, ref));
  if (matches.length === 1) return matches[0]!;
  const known = hosts.map((host) => `${host.name} (${host.id})`).join(', ');
  if (matches.length === 0) throw new AppError('NOT_FOUND', `no host is named or has the id "${ref}"; the hosts are ${known || 'none'}`);
  throw new AppError('CONFLICT', `"${ref}" matches several hosts (${matches.map((h) => h.id).join(', ')}); give the id instead`);
}

/** Platforms that accept guests, on `host` when given, matched by id or name. */
export function findPlatform(hosts: readonly Host[], ref: string, host?: Host): PlatformSummary {
  const candidates = (host ? [host] : hosts).flatMap((h) => h.platforms).filter((platform) => platform.acceptsGuests);
  const matches = candidates.filter((platform) => platform.id === ref.trim() || same(platform.name, ref));
  if (matches.length === 1) return matches[0]!;
  const where = host ? ` on ${host.name}` : '';
  if (matches.length === 0) {
    const known = candidates.map((platform) => `${platform.name} (${platform.id})`).join(', ');
    throw new AppError('NOT_FOUND', `no platform${where} that takes machines is named or has the id "${ref}"; they are ${known || 'none'}`);
  }
  throw new AppError('CONFLICT', `"${ref}" matches several platforms${where} (${matches.map((p) => p.id).join(', ')}); give the id or --host`);
}

export function placementIn(hosts: readonly Host[], refs: PlacementRefs): Placement {
  const host = refs.host === undefined ? undefined : findHost(hosts, refs.host);
  const platform = refs.platform === undefined ? undefined : findPlatform(hosts, refs.platform, host);
  return {
    ...(host ? { hostId: host.id } : platform ? { hostId: platform.hostId } : {}),
    ...(platform ? { platformId: platform.id } : {}),
  };
}

/** Asks for the hosts only when a placement was given. */
export async function resolvePlacement(api: AppApi, refs: PlacementRefs): Promise<Placement> {
  if (refs.host === undefined && refs.platform === undefined) return {};
  return placementIn(await api.listHosts({}), refs);
}
