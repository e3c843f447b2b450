// What people file a machine under (group, owner, purpose, tags, expiry): labels the simulation ignores, kept with the machine.
import { z } from 'zod';
import { AppError } from '../errors.ts';

// eslint-disable-next-line no-control-regex -- labels are shown in terminals, lists and OVF attributes
const controlChars = /[\u0000-\u001f\u007f-\u009f]/;

export const labelLimits = { owner: 100, purpose: 200, tag: 40, tags: 20 } as const;

/** "/lab//web/ " → "lab/web": segments trimmed, empty ones dropped; the leading "/" VirtualBox shows is optional. */
export function normalizeGroupPath(group: string): string {
  return group
    .split('/')
    .map((segment) => segment.trim())
    .filter((segment) => segment.length > 0)
    .join('/');
}

/** Every group a path lies in, outermost first: "lab/web/eu" → ["lab", "lab/web", "lab/web/eu"]. */
export function groupAncestors(group: string): string[] {
  const parts = group.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .refine((value) => !controlChars.test(value), `${label} cannot contain control characters`);

/** A group path "lab/web" (nested with "/"); stored without the leading slash. */
export const groupPathSchema = text('Group', 200)
  .transform(normalizeGroupPath)
  .refine((group) => group.length > 0, 'Enter a group name');

export const ownerSchema = text('Owner', labelLimits.owner).refine((value) => value.length > 0, 'Enter an owner');
export const purposeSchema = text('Purpose', labelLimits.purpose).refine((value) => value.length > 0, 'Enter a purpose');
export const tagSchema = text('Tag', labelLimits.tag)
  .refine((value) => value.length > 0, 'A tag cannot be empty')
  .refine((value) => !/[,\s]/.test(value), 'A tag is one word: no spaces or commas');
export const tagsSchema = z
  .array(tagSchema, { error: 'Tags must be a list' })
  .max(labelLimits.tags, `A machine has at most ${labelLimits.tags} tags`)
  .transform((tags) => [...new Set(tags)]);

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day "2026-03-31" that exists (no 31 February). */
export const expiryDateSchema = z
  .string({ error: 'Expiry date must be text' })
  .trim()
  .refine((value) => {
    const match = isoDate.exec(value);
    if (!match) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'Enter the expiry date as YYYY-MM-DD, e.g. 2026-03-31');

/** The labels as a machine carries them; absent fields are unset. */
export const machineLabelsSchema = z.object({
  owner: z.string().optional(),
  purpose: z.string().optional(),
  tags: z.array(z.string()).optional(),
  /** Calendar day (YYYY-MM-DD) after which the machine counts as expired. */
  expiresOn: z.string().optional(),
});
export type MachineLabels = z.infer<typeof machineLabelsSchema>;

/**
 * A change to the labels of one or many machines: a field set to null is cleared, an omitted one stays. `tags` replaces
 * the list; `addTags`/`removeTags` edit it (for bulk tagging).
 */
export const labelPatchSchema = z
  .strictObject({
    group: groupPathSchema.nullable().optional(),
    owner: ownerSchema.nullable().optional(),
    purpose: purposeSchema.nullable().optional(),
    expiresOn: expiryDateSchema.nullable().optional(),
    tags: tagsSchema.optional(),
    addTags: tagsSchema.optional(),
    removeTags: z.array(z.string().max(labelLimits.tag)).max(labelLimits.tags).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Say which label to change');
export type LabelPatch = z.input<typeof labelPatchSchema>;
export type ParsedLabelPatch = z.output<typeof labelPatchSchema>;

export interface LabelledFields extends MachineLabels {
  group?: string;
}

/** The labels after `patch`; tags stay sorted so records compare equal whatever order they were added in. */
export function applyLabelPatch(current: LabelledFields, patch: ParsedLabelPatch): LabelledFields {
  const next: LabelledFields = { ...current };
  const set = <K extends 'group' | 'owner' | 'purpose' | 'expiresOn'>(key: K, value: string | null | undefined): void => {
    if (value === undefined) return;
    if (value === null) delete next[key];
    else next[key] = value;
  };
  set('group', patch.group);
  set('owner', patch.owner);
  set('purpose', patch.purpose);
  set('expiresOn', patch.expiresOn);
  let tags = patch.tags ?? current.tags ?? [];
  if (patch.addTags) tags = [...tags, ...patch.addTags];
  if (patch.removeTags) {
    const drop = new Set(patch.removeTags.map((tag) => tag.toLocaleLowerCase('en')));
    tags = tags.filter((tag) => !drop.has(tag.toLocaleLowerCase('en')));
  }
  const unique = [...new Map(tags.map((tag) => [tag.toLocaleLowerCase('en'), tag])).values()].sort((a, b) => a.localeCompare(b, 'en'));
  if (unique.length > labelLimits.tags) throw new AppError('VALIDATION', `A machine has at most ${labelLimits.tags} tags`, 'tags');
  if (unique.length > 0) next.tags = unique;
  else delete next.tags;
  return next;
}

/** Only the labels that are set, with a copy of the tags (records must not share arrays with the live configuration). */
export function labelFields(labels: LabelledFields): LabelledFields {
  const out: LabelledFields = {};
  if (labels.group !== undefined) out.group = labels.group;
  if (labels.owner !== undefined) out.owner = labels.owner;
  if (labels.purpose !== undefined) out.purpose = labels.purpose;
  if (labels.tags !== undefined && labels.tags.length > 0) out.tags = [...labels.tags];
  if (labels.expiresOn !== undefined) out.expiresOn = labels.expiresOn;
  return out;
}
