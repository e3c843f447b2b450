// Lookups between the contract's ids (hosts, platforms) and the simulation's names, plus the nesting chains shown to users.
import { AppError } from '../shared/errors.ts';
import { kindInfo } from '../shared/domain/virtualization.ts';
import type { HostEntry, PlatformEntry, WorldDirectory } from './defaultWorld.ts';

/** "Type 0", "Host OS", "Paravirtualization"...: the kind label without its explanation in brackets. */
export function shortKindLabel(kind: PlatformEntry['kind']): string {
  const label = kindInfo[kind].label;
  const bracket = label.indexOf(' (');
  return bracket < 0 ? label : label.slice(0, bracket);
}

export class WorldIndex {
  readonly directory: WorldDirectory;
  private readonly hostsById = new Map<string, HostEntry>();
  private readonly hostIdBySimName = new Map<string, string>();
  private readonly platformsById = new Map<string, PlatformEntry>();

  constructor(directory: WorldDirectory) {
    this.directory = directory;
    for (const host of directory.hosts) {
      this.hostsById.set(host.id, host);
      this.hostIdBySimName.set(host.sim.name, host.id);
    }
    for (const platform of directory.platforms) this.platformsById.set(platform.id, platform);
  }

  host(id: string): HostEntry | undefined {
    return this.hostsById.get(id);
  }

  platform(id: string): PlatformEntry | undefined {
    return this.platformsById.get(id);
  }

  hostIdOfSimName(simName: string): string | undefined {
    return this.hostIdBySimName.get(simName);
  }

  requireHost(id: string, field = 'hostId'): HostEntry {
    const host = this.hostsById.get(id);
    if (host) return host;
    const known = this.directory.hosts.map((h) => `${h.name} (${h.id})`).join(', ');
    throw new AppError('NOT_FOUND', `There is no host with id "${id}"; available hosts: ${known}`, field);
  }

  requirePlatform(id: string, field = 'platformId'): PlatformEntry {
    const platform = this.platformsById.get(id);
    if (platform) return platform;
    const known = this.directory.platforms.map((p) => `${p.name} (${p.id})`).join(', ');
    throw new AppError('NOT_FOUND', `There is no platform with id "${id}"; available platforms: ${known}`, field);
  }

  /**
   * The platform a spec asks for: `platformId`, else the default platform of `hostId`, else the world's default.
   * A host that does not carry the named platform is a VALIDATION error on `hostId`.
   */
  resolvePlatform(spec: { platformId?: string | undefined; hostId?: string | undefined }): PlatformEntry {
    if (spec.platformId !== undefined) {
      const platform = this.requirePlatform(spec.platformId);
      if (spec.hostId !== undefined && spec.hostId !== platform.hostId) {
        const host = this.requireHost(spec.hostId);
        const owner = this.requireHost(platform.hostId);
        throw new AppError('VALIDATION', `Platform "${platform.name}" runs on host "${owner.name}", not on "${host.name}"; choose one of that host's platforms`, 'hostId');
      }
      return platform;
    }
    if (spec.hostId !== undefined) {
      const host = this.requireHost(spec.hostId);
      const platform = this.directory.platforms.find((p) => p.hostId === host.id && p.kind !== 'hostOs');
      if (!platform) throw new AppError('VALIDATION', `Host "${host.name}" runs no platform that accepts guests`, 'hostId');
      return platform;
    }
    return this.requirePlatform(this.directory.defaultPlatformId);
  }

  /** Hardware → parent platforms → this platform, e.g. ["Workstation hardware (x86_64)", "Host OS: Workstation Linux", "Type 2: ..."]. */
  platformChain(platform: PlatformEntry): string[] {
    const labels: string[] = [];
    let current: PlatformEntry | undefined = platform;
    while (current) {
      labels.unshift(`${shortKindLabel(current.kind)}: ${current.name}`);
      current = current.parentPlatformId === undefined ? undefined : this.platformsById.get(current.parentPlatformId);
    }
    const host = this.hostsById.get(platform.hostId);
    return [`${host?.name ?? platform.hostId} hardware (${host?.sim.isa ?? 'x86_64'})`, ...labels];
  }

  machineChain(platform: PlatformEntry, machineName: string): string[] {
    return [...this.platformChain(platform), machineName];
  }
}
