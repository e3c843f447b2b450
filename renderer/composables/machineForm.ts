// New-machine form model: raw field text, validation with the contract's zod schema, name uniqueness and the fit-check input.
import { fitCheckInputSchema, machineNameKey, machineNameSchema, newMachineSpecSchema } from '../../shared/domain/machine.ts';
import type { FitCheckInput, NewMachineSpec } from '../../shared/domain/machine.ts';

export interface MachineFormValues {
  name: string;
  osType: string;
  vcpus: string;
  memoryMiB: string;
  diskGiB: string;
  /** Placement and workload come from selects; empty means "let the backend choose its default". */
  hostId?: string;
  platformId?: string;
  workload?: string;
}
export type MachineFormField = keyof MachineFormValues;
export type FieldErrors = Partial<Record<MachineFormField, string>>;

export const machineFormFields: readonly MachineFormField[] = ['name', 'hostId', 'platformId', 'osType', 'workload', 'vcpus', 'memoryMiB', 'diskGiB'];

/** The engine names some fields after its own model ("os", "platform"); the form knows them by the contract's names. */
const fieldAliases: Readonly<Record<string, MachineFormField>> = { os: 'osType', platform: 'platformId', host: 'hostId' };

export function isMachineFormField(field: string | undefined): field is MachineFormField {
  return field !== undefined && (machineFormFields as readonly string[]).includes(field);
}

/** The form field a backend error or fit reason concerns, if any. */
export function formFieldOf(field: string | undefined): MachineFormField | undefined {
  if (field === undefined) return undefined;
  const mapped = fieldAliases[field] ?? field;
  return isMachineFormField(mapped) ? mapped : undefined;
}

/** Empty text becomes `undefined` so the schema says "must be a number" rather than treating it as 0. */
function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

const optional = (text: string | undefined): string | undefined => (text ? text : undefined);

export function toSpecInput(values: MachineFormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {
    name: values.name,
    osType: values.osType,
    vcpus: toNumber(values.vcpus),
    memoryMiB: toNumber(values.memoryMiB),
    diskGiB: toNumber(values.diskGiB),
  };
  // Absent rather than undefined: the schema is strict and the backend applies its defaults.
  for (const key of ['hostId', 'platformId', 'workload'] as const) {
    const value = optional(values[key]);
    if (value !== undefined) input[key] = value;
  }
  return input;
}

export interface FormValidation {
  errors: FieldErrors;
  spec: NewMachineSpec | null;
}

/** First message per field from the shared schema, then "already exists" against the names in use. */
export function validateMachineForm(values: MachineFormValues, takenNameKeys: ReadonlySet<string>): FormValidation {
  const errors: FieldErrors = {};
  const result = newMachineSpecSchema.safeParse(toSpecInput(values));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (isMachineFormField(field) && errors[field] === undefined) errors[field] = issue.message;
    }
  }
  const name = values.name.trim();
  if (errors.name === undefined && takenNameKeys.has(machineNameKey(name))) {
    errors.name = `A machine named "${name}" already exists`;
  }
  const valid = result.success && Object.keys(errors).length === 0;
  return { errors, spec: valid ? result.data : null };
}

/**
 * What to ask the engine's fit check: everything but the name must be valid; the name goes along only when it is
 * valid and free (the engine's explanation then names the machine; a taken name is already explained on the field).
 * Null while the sizes or OS type are not valid yet.
 */
export function toFitCheckInput(values: MachineFormValues, takenNameKeys: ReadonlySet<string> = new Set()): FitCheckInput | null {
  const input = toSpecInput(values);
  const name = values.name.trim();
  if (!machineNameSchema.safeParse(values.name).success || takenNameKeys.has(machineNameKey(name))) delete input.name;
  else input.name = name;
  const result = fitCheckInputSchema.safeParse(input);
  return result.success ? result.data : null;
}
