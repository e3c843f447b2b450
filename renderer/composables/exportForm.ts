// Export wizard form model: the format choices people see, the default file name, and the request they make.
import { exportBaseNameSchema } from '../../shared/domain/appliance.ts';
import type { ExportRequest } from '../../shared/domain/appliance.ts';

export type ExportChoice = 'ova' | 'ovf1' | 'ovf2' | 'json';
export type OvfVersion = '1.0' | '2.0';

export interface ExportChoiceInfo {
  value: ExportChoice;
  title: string;
  subtitle: string;
  /** Extension of the main file, shown after the file name. */
  extension: string;
}

export const exportChoices: readonly ExportChoiceInfo[] = [
  { value: 'ova', title: 'OVA', subtitle: 'A single file (tar) holding the descriptor and manifest', extension: '.ova' },
  { value: 'ovf1', title: 'OVF 1.0', subtitle: 'Descriptor (.ovf) and manifest (.mf); the widest support', extension: '.ovf' },
  { value: 'ovf2', title: 'OVF 2.0', subtitle: 'Descriptor (.ovf) and manifest (.mf), newer schema', extension: '.ovf' },
  { value: 'json', title: 'JSON', subtitle: 'Virtlab configurations as plain JSON, for scripts', extension: '.json' },
];

/** Characters the file name schema refuses become dashes; a name that is still unusable falls back to "appliance". */
export function sanitizeBaseName(text: string): string {
  const cleaned = text
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '-')
    .replace(/^[.\s]+/, '')
    .slice(0, 100)
    .trim();
  return exportBaseNameSchema.safeParse(cleaned).success ? cleaned : 'appliance';
}

/** The first machine's name for one machine, as VirtualBox does; a neutral name for several. */
export function defaultBaseName(machineNames: readonly string[]): string {
  if (machineNames.length === 1) return sanitizeBaseName(machineNames[0] ?? '');
  return machineNames.length === 0 ? 'appliance' : `virtlab-appliance-${machineNames.length}-machines`;
}

export function baseNameError(text: string): string | null {
  const parsed = exportBaseNameSchema.safeParse(text);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Enter a file name');
}

/** Whether a manifest can be written, and which digest it holds. */
export function manifestDigest(choice: ExportChoice, ovaVersion: OvfVersion): 'SHA-1' | 'SHA-256' | null {
  if (choice === 'json') return null;
  const version = choice === 'ova' ? ovaVersion : choice === 'ovf1' ? '1.0' : '2.0';
  return version === '1.0' ? 'SHA-1' : 'SHA-256';
}

export function exportRequest(form: { machineIds: string[]; choice: ExportChoice; ovaVersion: OvfVersion; manifest: boolean; baseName: string }, operationId: string): ExportRequest {
  const { choice } = form;
  const format = choice === 'ovf1' || choice === 'ovf2' ? 'ovf' : choice;
  const ovfVersion: OvfVersion = choice === 'ova' ? form.ovaVersion : choice === 'ovf2' ? '2.0' : '1.0';
  return { machineIds: form.machineIds, format, ovfVersion, manifest: choice === 'json' ? false : form.manifest, fileBaseName: form.baseName.trim(), operationId };
}
