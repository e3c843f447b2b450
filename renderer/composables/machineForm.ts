// New-machine form model: raw field text, validation with the contract's zod schema, and name uniqueness.
import { machineNameKey, newMachineSpecSchema } from '../../shared/domain/machine.ts';
import type { NewMachineSpec } from '../../shared/domain/machine.ts';

export interface MachineFormValues {
  name: string;
  osType: string;
  vcpus: string;
  memoryMiB: string;
  diskGiB: string;
}
export type MachineFormField = keyof MachineFormValues;
export type FieldErrors = Partial<Record<MachineFormField, string>>;

export const machineFormFields: readonly MachineFormField[] = ['name', 'osType', 'vcpus', 'memoryMiB', 'diskGiB'];

export function isMachineFormField(field: string | undefined): field is MachineFormField {
  return field !== undefined && (machineFormFields as readonly string[]).includes(field);
}

/** Empty text becomes `undefined` so the schema says "must be a number" rather than treating it as 0. */
function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

export function toSpecInput(values: MachineFormValues): Record<MachineFormField, unknown> {
  return {
    name: values.name,
    osType: values.osType,
    vcpus: toNumber(values.vcpus),
    memoryMiB: toNumber(values.memoryMiB),
    diskGiB: toNumber(values.diskGiB),
  };
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
