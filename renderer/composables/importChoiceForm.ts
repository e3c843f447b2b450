// Import wizard form model: one editable choice per previewed system, validated with the contract's schema, and server errors placed on fields.
import { importChoiceSchema } from '../../shared/domain/appliance.ts';
import type { ImportChoice, ImportSystem } from '../../shared/domain/appliance.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import type { DiskAllocation } from '../../shared/domain/storage.ts';

export interface ImportChoiceValues {
  sourceId: string;
  include: boolean;
  name: string;
  osType: string;
  /** Numbers as typed, so "12a" can be reported rather than silently dropped. */
  vcpus: string;
  memoryMiB: string;
  diskGiB: string;
  hostId: string;
  platformId: string;
  workload: string;
  diskAllocation: DiskAllocation;
  macPolicy: 'keep' | 'new';
}

export const importChoiceFields = ['name', 'osType', 'vcpus', 'memoryMiB', 'diskGiB', 'hostId', 'platformId', 'workload', 'diskAllocation', 'macPolicy'] as const;
export type ImportChoiceField = (typeof importChoiceFields)[number];
export type ImportFieldErrors = Partial<Record<ImportChoiceField, string>>;

export function choiceFromSystem(system: ImportSystem): ImportChoiceValues {
  return {
    sourceId: system.sourceId,
    // A system the backend refused (a broadcast MAC address…) cannot be chosen; the others still can.
    include: system.refusal === undefined,
    name: system.suggestedName,
    osType: system.osType,
    vcpus: String(system.vcpus),
    memoryMiB: String(system.memoryMiB),
    diskGiB: String(system.diskGiB),
    hostId: system.hostId,
    platformId: system.platformId,
    workload: system.workload,
    diskAllocation: system.diskAllocation,
    // A copy gets new addresses, as VirtualBox's default policy does.
    macPolicy: 'new',
  };
}

const toNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));

function isChoiceField(field: string): field is ImportChoiceField {
  return (importChoiceFields as readonly string[]).includes(field);
}

export interface ChoicesValidation {
  /** Per system, in preview order; an excluded system has none. */
  errors: ImportFieldErrors[];
  /** What commitImport takes, or null while anything is wrong or nothing is included. */
  choices: ImportChoice[] | null;
}

/**
 * First schema message per field, then names already in use here or chosen twice in this import.
 * Every system is sent (so "systems.N" in an error means the Nth of the preview); an excluded one as previewed.
 */
export function validateChoices(all: readonly ImportChoiceValues[], systems: readonly ImportSystem[], takenNameKeys: ReadonlySet<string>): ChoicesValidation {
  const chosenKeys = all.filter((v) => v.include).map((v) => machineNameKey(v.name));
  const errors: ImportFieldErrors[] = [];
  const choices: ImportChoice[] = [];
  let valid = chosenKeys.length > 0;
  all.forEach((edited, index) => {
    const fieldErrors: ImportFieldErrors = {};
    errors.push(fieldErrors);
    const system = systems[index];
    const values = edited.include || !system ? edited : { ...choiceFromSystem(system), include: false };
    const parsed = importChoiceSchema.safeParse({
      ...values,
      vcpus: toNumber(values.vcpus),
      memoryMiB: toNumber(values.memoryMiB),
      diskGiB: toNumber(values.diskGiB),
    });
    if (!values.include) {
      if (parsed.success) choices.push(parsed.data);
      else valid = false;
      return;
    }
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (isChoiceField(field) && fieldErrors[field] === undefined) fieldErrors[field] = issue.message;
      }
    }
    const name = values.name.trim();
    const key = machineNameKey(name);
    if (fieldErrors.name === undefined && takenNameKeys.has(key)) fieldErrors.name = `A machine named "${name}" already exists`;
    else if (fieldErrors.name === undefined && chosenKeys.filter((k) => k === key).length > 1) fieldErrors.name = `"${name}" is chosen for two machines in this import`;
    if (Object.keys(fieldErrors).length > 0 || !parsed.success) valid = false;
    else choices.push(parsed.data);
  });
  return { errors, choices: valid ? choices : null };
}

/** Where a refused commit points: the system (preview index) and, when the error names one of the form's fields, that field. */
export interface ImportErrorPlace {
  index: number;
  field: ImportChoiceField | null;
}

/**
 * Where a commitImport error belongs: "systems.2.memoryMiB" names the system and field; "systems.2" (or a field the form
 * does not show, such as "systems.2.sourceId") names only the system; a bare field name ("name") belongs to the only
 * included system. Null when it names no system of the form.
 */
export function locateImportError(field: string | undefined, all: readonly ImportChoiceValues[]): ImportErrorPlace | null {
  if (field === undefined) return null;
  const path = /^systems\.(\d+)(?:\.(\w+))?/.exec(field);
  if (path) {
    const index = Number(path[1]);
    const name = path[2] ?? '';
    return index < all.length ? { index, field: isChoiceField(name) ? name : null } : null;
  }
  const included = all.flatMap((v, index) => (v.include ? [index] : []));
  return included.length === 1 && isChoiceField(field) ? { index: included[0]!, field } : null;
}
