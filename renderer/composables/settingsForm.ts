// Settings dialog model: the form built from a machine and its configuration, the patch of changed fields, and validation.
import type { Machine } from '../../shared/domain/machine.ts';
import { settingsPatchSchema } from '../../shared/domain/machineConfig.ts';
import type { MachineConfig, SettingsPatch } from '../../shared/domain/machineConfig.ts';
import type { Attachment, IpMode, NicSpec, OpticalDrive } from '../../shared/domain/network.ts';

export interface NicForm {
  attachment: Attachment;
  networkId: string;
  mac: string;
  ipMode: IpMode;
  staticIp: string;
}

export interface SettingsForm {
  name: string;
  osType: string;
  workload: string;
  vcpus: string;
  memoryMiB: string;
  diskGiB: string;
  nics: NicForm[];
  opticalKind: OpticalDrive['kind'];
  isoImage: string;
}

/** Error keys: a settings field ("memoryMiB"), an adapter's field ("nics.0.staticIp"), or "isoImage". */
export type SettingsErrors = Record<string, string>;

export function settingsFormOf(machine: Machine, config: MachineConfig): SettingsForm {
  return {
    name: machine.name,
    osType: machine.osType,
    workload: machine.workload,
    vcpus: String(machine.vcpus),
    memoryMiB: String(machine.memoryMiB),
    diskGiB: String(machine.diskGiB),
    nics: config.nics.map((nic) => ({ attachment: nic.attachment, networkId: nic.networkId, mac: nic.mac, ipMode: nic.ipMode, staticIp: nic.ipMode === 'static' ? nic.ip : '' })),
    opticalKind: config.optical.kind,
    isoImage: config.optical.kind === 'iso' ? config.optical.image : '',
  };
}

function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

function nicSpec(nic: NicForm): NicSpec {
  return {
    attachment: nic.attachment,
    ...(nic.networkId ? { networkId: nic.networkId } : {}),
    ...(nic.mac.trim() ? { mac: nic.mac.trim() } : {}),
    ipMode: nic.ipMode,
    ...(nic.ipMode === 'static' ? { staticIp: nic.staticIp.trim() } : {}),
  };
}

function opticalOf(form: SettingsForm): unknown {
  return form.opticalKind === 'iso' ? { kind: 'iso', image: form.isoImage } : { kind: form.opticalKind };
}

/** Only what differs from `initial`; the raw values go to the schema so its messages reach the fields. */
export function changedFields(initial: SettingsForm, form: SettingsForm): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of ['name', 'osType', 'workload'] as const) if (form[key] !== initial[key]) patch[key] = form[key];
  for (const key of ['vcpus', 'memoryMiB', 'diskGiB'] as const) if (form[key].trim() !== initial[key].trim()) patch[key] = toNumber(form[key]);
  if (JSON.stringify(form.nics) !== JSON.stringify(initial.nics)) patch['nics'] = form.nics.map(nicSpec);
  if (JSON.stringify(opticalOf(form)) !== JSON.stringify(opticalOf(initial))) patch['optical'] = opticalOf(form);
  return patch;
}

export interface PatchValidation {
  patch: SettingsPatch | null;
  errors: SettingsErrors;
}

/** The contract's schema decides; its paths become error keys ("optical" for the ISO name shows as "isoImage"). */
export function validateSettings(initial: SettingsForm, form: SettingsForm, diskMin?: number): PatchValidation {
  const raw = changedFields(initial, form);
  const errors: SettingsErrors = {};
  const result = settingsPatchSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String);
      const key = path[0] === 'optical' ? 'isoImage' : path[0] === 'nics' && path.length >= 3 ? path.slice(0, 3).join('.') : (path[0] ?? 'form');
      errors[key] ??= issue.message;
    }
  }
  const disk = raw['diskGiB'];
  if (errors['diskGiB'] === undefined && typeof disk === 'number' && diskMin !== undefined && disk < diskMin) {
    errors['diskGiB'] = `Disks only grow: it must stay at least ${diskMin} GiB`;
  }
  return { patch: result.success && Object.keys(errors).length === 0 ? result.data : null, errors };
}

/** Which tab shows an error key. */
export function tabOfError(key: string): SettingsTab {
  if (key === 'name' || key === 'osType' || key === 'workload') return 'general';
  if (key === 'vcpus' || key === 'memoryMiB' || key === 'donorId') return 'system';
  if (key === 'diskGiB') return 'storage';
  if (key.startsWith('nics')) return 'network';
  if (key === 'isoImage' || key === 'optical') return 'optical';
  return 'general';
}
export type SettingsTab = 'general' | 'system' | 'storage' | 'network' | 'optical';
