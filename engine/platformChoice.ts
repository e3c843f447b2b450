// Which platform a spec goes to: its platformId, else the host's default platform, else the world's default.
import { AppError } from '../shared/errors.ts';
import { kindModule } from './kinds/registry.ts';
import type { SimWorld } from './sim/world.ts';

export interface PlatformChoice {
  /** Where a spec naming neither platform nor host goes. */
  readonly defaultPlatformId: string;
}

/**
 * The platform a spec asks for: `platformId`, else the first platform of `hostId` that accepts guests, else the
 * default. A host that does not carry the named platform is a VALIDATION error on `hostId`.
 */
export function choosePlatform(world: SimWorld, choice: PlatformChoice, spec: { platformId?: string | undefined; hostId?: string | undefined }): string {
  if (spec.platformId !== undefined) {
    const platform = world.platform(spec.platformId);
    if (spec.hostId !== undefined && spec.hostId !== platform.hostId) {
      const host = requireHost(world, spec.hostId);
      const owner = requireHost(world, platform.hostId);
      throw new AppError('VALIDATION', `Platform "${platform.name}" runs on host "${owner}", not on "${host}"; choose one of that host's platforms`, 'hostId');
    }
    return platform.id;
  }
  if (spec.hostId !== undefined) {
    const host = requireHost(world, spec.hostId);
    const platform = world.platformIds().map((id) => world.platform(id)).find((p) => p.hostId === spec.hostId && kindModule(p.kind).acceptsGuests);
    if (!platform) throw new AppError('VALIDATION', `Host "${host}" runs no platform that accepts guests`, 'hostId');
    return platform.id;
  }
  return choice.defaultPlatformId;
}

/** The host's name; NOT_FOUND naming the hosts there are. */
function requireHost(world: SimWorld, hostId: string): string {
  const host = world.host(hostId);
  if (host) return host.name;
  const known = world.hostIds().map((id) => `${world.host(id)!.name} (${id})`).join(', ');
  throw new AppError('NOT_FOUND', `There is no host with id "${hostId}"; available hosts: ${known}`, 'hostId');
}
