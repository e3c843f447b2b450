// Which settings can change now and why not: one rule table the settings command enforces and the UI only displays.
import { machineLimits } from '../../shared/domain/machine.ts';
import type { FieldRule, SettingsField, SettingsRules } from '../../shared/domain/machineConfig.ts';
import { kindModule } from '../kinds/registry.ts';
import type { OpsContext } from '../opsContext.ts';

const offOnly: Readonly<Record<SettingsField, string>> = {
  name: 'rename it',
  osType: 'change its OS type',
  vcpus: 'change vCPUs',
  memoryMiB: 'change memory',
  diskGiB: 'resize its disk',
  nics: 'change its network adapters',
  optical: 'change the optical drive',
  workload: 'change its workload',
};

/** Fields that change on a running guest in every kind: its name (a label), the medium in the drive, and what it runs. */
const alwaysLive: ReadonlySet<SettingsField> = new Set(['name', 'optical', 'workload']);

/** A running guest whose kind allows it (a partition with a partition-aware OS) takes and gives cores and memory live. */
export function hotPluggable(ctx: OpsContext, machineId: string): boolean {
  const guest = ctx.guest(machineId);
  return kindModule(guest.kind).liveResize(guest);
}

export function fieldRule(ctx: OpsContext, machineId: string, field: SettingsField): FieldRule {
  const state = ctx.stateOf(machineId);
  const name = ctx.nameOf(machineId);
  const guest = ctx.guest(machineId);
  const bounds = (): Partial<FieldRule> => {
    if (field === 'vcpus') return { min: machineLimits.vcpus.min, max: machineLimits.vcpus.max };
    if (field === 'memoryMiB') return { min: machineLimits.memoryMiB.min, max: machineLimits.memoryMiB.max };
    if (field === 'diskGiB') return { min: guest.diskGiB, max: machineLimits.diskGiB.max };
    return {};
  };
  if (state === 'Starting' || state === 'Stopping') {
    return { editable: false, live: false, reason: `Wait for "${name}" to finish ${state === 'Starting' ? 'starting' : 'stopping'}`, ...bounds() };
  }
  if (state === 'PoweredOff') return { editable: true, live: false, ...bounds() };
  if (state === 'Saved' && !alwaysLive.has(field)) {
    return { editable: false, live: false, reason: `"${name}" is Saved: discard its saved state (or resume it and shut it down) to ${offOnly[field]}`, ...bounds() };
  }
  if (alwaysLive.has(field)) return { editable: true, live: true, ...bounds() };
  if ((field === 'vcpus' || field === 'memoryMiB') && hotPluggable(ctx, machineId)) return { editable: true, live: true, ...bounds() };
  const why = kindModule(guest.kind).tradesResources && (field === 'vcpus' || field === 'memoryMiB') ? ' (its OS is not partition-aware, so it cannot take them live)' : '';
  return { editable: false, live: false, reason: `Power off "${name}" to ${offOnly[field]}${why}`, ...bounds() };
}

export function settingsRules(ctx: OpsContext, machineId: string): SettingsRules {
  const fields = {} as Record<SettingsField, FieldRule>;
  for (const field of Object.keys(offOnly) as SettingsField[]) fields[field] = fieldRule(ctx, machineId, field);
  return { machineId, state: ctx.stateOf(machineId), fields };
}
