// Turns an import preview and the CLI's overrides (--name, --host, --platform, --cpus, --memory, --keep-macs) into choices.
import { importChoiceSchema } from '../../shared/domain/appliance.ts';
import type { ImportChoice, ImportPreview, ImportSystem } from '../../shared/domain/appliance.ts';
import type { Host } from '../../shared/domain/host.ts';
import { UsageError } from './cliErrors.ts';
import { checkAgainstContract } from './optionSchemas.ts';
import { findHost, findPlatform } from './resolvePlacement.ts';

export interface SystemOverrides {
  readonly name?: string | undefined;
  readonly host?: string | undefined;
  readonly platform?: string | undefined;
  readonly cpus?: number | undefined;
  readonly memory?: number | undefined;
}

export interface ImportOverrides extends SystemOverrides {
  readonly keepMacs: boolean;
  /** `--vsys N ...`: overrides for system N (0-based, as VBoxManage counts), taking precedence over the ones above. */
  readonly systems?: ReadonlyMap<number, SystemOverrides & { readonly exclude?: boolean }>;
}

const optionOf = { name: '--name', vcpus: '--cpus', memoryMiB: '--memory', hostId: '--host', platformId: '--platform' };

/** Where a system goes: the overrides when given; with only --host, a platform there of the kind it was going to run on. */
function placementFor(system: ImportSystem, hosts: readonly Host[], overrides: SystemOverrides): { hostId: string; platformId: string } {
  const host = overrides.host === undefined ? undefined : findHost(hosts, overrides.host);
  if (overrides.platform !== undefined) {
    const platform = findPlatform(hosts, overrides.platform, host);
    return { hostId: platform.hostId, platformId: platform.id };
  }
  if (host === undefined) return { hostId: system.hostId, platformId: system.platformId };
  const usable = host.platforms.filter((platform) => platform.acceptsGuests);
  if (usable.some((platform) => platform.id === system.platformId)) return { hostId: host.id, platformId: system.platformId };
  const previewedKind = hosts.flatMap((h) => h.platforms).find((platform) => platform.id === system.platformId)?.kind;
  const platform = usable.find((p) => p.kind === previewedKind) ?? usable[0];
  if (platform === undefined) throw new UsageError(`--host ${host.name}: no platform there takes machines`, 'import');
  return { hostId: host.id, platformId: platform.id };
}

export function importChoices(preview: ImportPreview, hosts: readonly Host[], overrides: ImportOverrides): ImportChoice[] {
  if (preview.systems.length === 0) throw new UsageError(`${preview.fileName} holds no machines to import`, 'import');
  if (overrides.name !== undefined && preview.systems.length > 1) {
    throw new UsageError(`--name can only be used when the appliance holds one machine; ${preview.fileName} holds ${preview.systems.length} (use --vsys N --name NAME)`, 'import');
  }
  for (const index of overrides.systems?.keys() ?? []) {
    if (index >= preview.systems.length) {
      throw new UsageError(`--vsys ${index}: ${preview.fileName} holds ${preview.systems.length} system${preview.systems.length === 1 ? '' : 's'} (numbered from 0)`, 'import');
    }
  }
  const choices = preview.systems.map((system, index) => {
    const own = overrides.systems?.get(index);
    const merged: SystemOverrides = { ...definedOnly(overrides), ...definedOnly(own ?? {}) };
    return checkAgainstContract(
      importChoiceSchema,
      {
        sourceId: system.sourceId,
        include: own?.exclude !== true,
        name: merged.name ?? system.suggestedName,
        osType: system.osType,
        vcpus: merged.cpus ?? system.vcpus,
        memoryMiB: merged.memory ?? system.memoryMiB,
        diskGiB: system.diskGiB,
        ...placementFor(system, hosts, merged),
        workload: system.workload,
        diskAllocation: system.diskAllocation,
        macPolicy: overrides.keepMacs ? 'keep' : 'new',
      },
      optionOf,
      'import',
    );
  });
  if (!choices.some((choice) => choice.include)) throw new UsageError('every system is excluded; nothing would be imported', 'import');
  return choices;
}

const definedOnly = (overrides: SystemOverrides): SystemOverrides =>
  Object.fromEntries(Object.entries(overrides).filter(([key, value]) => value !== undefined && ['name', 'host', 'platform', 'cpus', 'memory'].includes(key)));
