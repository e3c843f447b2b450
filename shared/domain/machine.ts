// Simulated machine (guest) and the specification a user submits to create one.
import { z } from 'zod';
import { machineStateSchema } from './machineState.ts';
import { osTypeIdSchema } from './osTypes.ts';
import { platformKindSchema, workloadSchema } from './virtualization.ts';
import { attachmentSchema } from './network.ts';
import { diskAllocationSchema } from './storage.ts';
import { containerSpecSchema } from './containerSpec.ts';
import { expiryDateSchema, groupPathSchema, ownerSchema, purposeSchema, tagsSchema } from './machineLabels.ts';
import { refuseUnsafeCharacters } from './nameCharacters.ts';

export const machineIdSchema = z.string({ error: 'Machine id must be a string' }).uuid('Machine id must be a UUID');

/** Limits shared by the wizard and the backend; the engine adds host-specific checks on top. */
export const machineLimits = {
  nameMaxLength: 64,
  vcpus: { min: 1, max: 64 },
  memoryMiB: { min: 4, max: 1_048_576 },
  diskGiB: { min: 1, max: 65_536 },
} as const;

/** Characters that have a meaning in file paths on some system; names end up in file names of exports. */
const pathCharacters = /[/\\:*?"<>|]/;

export const machineNameSchema = z
  .string({ error: 'Name must be text' })
  .trim()
  .min(1, 'Enter a name for the machine')
  .max(machineLimits.nameMaxLength, `Name must be at most ${machineLimits.nameMaxLength} characters`)
  .superRefine(refuseUnsafeCharacters('Name'))
  .refine((name) => !pathCharacters.test(name), 'Name cannot contain / \\ : * ? " < > |');

/** A machine group, as VirtualBox groups machines: "/" separates nested groups ("lab/web"). Imported vApps become one. */
export const groupNameSchema = groupPathSchema;

const intInRange = (label: string, unit: string, range: { min: number; max: number }) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(range.min, `${label} must be at least ${range.min}${unit}`)
    .max(range.max, `${label} must be at most ${range.max}${unit}`);

export const newMachineSpecSchema = z.strictObject({
  name: machineNameSchema,
  osType: osTypeIdSchema,
  vcpus: intInRange('vCPUs', '', machineLimits.vcpus),
  memoryMiB: intInRange('Memory', ' MiB', machineLimits.memoryMiB),
  diskGiB: intInRange('Disk size', ' GiB', machineLimits.diskGiB),
  /** Host to place the machine on; the default host when omitted (or the host of `platformId`). */
  hostId: z.string().min(1).max(100).optional(),
  /** Platform (kind of virtualization) to run on; the host's default platform when omitted. */
  platformId: z.string().min(1).max(100).optional(),
  /** Workload profile the simulated guest runs; "web" when omitted. */
  workload: workloadSchema.optional(),
  /** Dynamically allocated (thin, grows with written data; default) or fixed size (all space taken at creation). */
  diskAllocation: diskAllocationSchema.optional(),
  /** Group the machine belongs to (e.g. the vApp it was imported from); none when omitted. */
  group: groupNameSchema.optional(),
  /** On a container platform: the image and the container's own settings (its OS type then comes from the image). */
  container: containerSpecSchema.optional(),
  owner: ownerSchema.optional(),
  purpose: purposeSchema.optional(),
  tags: tagsSchema.optional(),
  expiresOn: expiryDateSchema.optional(),
});
export type NewMachineSpec = z.infer<typeof newMachineSpecSchema>;

/** What the wizard asks the engine before creating: the spec, with the name optional (it may not be typed yet). */
export const fitCheckInputSchema = newMachineSpecSchema.omit({ name: true }).extend({
  name: z.string().max(machineLimits.nameMaxLength).optional(),
});
export type FitCheckInput = z.infer<typeof fitCheckInputSchema>;

export const nicSchema = z.object({
  mac: z.string(),
  network: attachmentSchema,
  /** The first adapter's address (DHCP lease or static); absent while it has none. */
  ip: z.string().optional(),
});

export const machineSchema = z.object({
  id: z.string(),
  name: z.string(),
  osType: z.string(),
  hostId: z.string(),
  platformId: z.string(),
  kind: platformKindSchema,
  workload: workloadSchema,
  /** Nesting chain from hardware to this machine, outermost first; the last entry is the machine itself. */
  chain: z.array(z.string()),
  vcpus: z.number().int(),
  memoryMiB: z.number().int(),
  diskGiB: z.number().int(),
  nic: nicSchema,
  state: machineStateSchema,
  /** Simulated time (ms) at which the machine entered its current state. */
  stateSinceMs: z.number(),
  /** Simulated time (ms) at which the machine was created. */
  createdAtMs: z.number(),
  /** Group the machine belongs to; absent when it belongs to none. */
  group: z.string().optional(),
  /** Who answers for the machine. */
  owner: z.string().optional(),
  /** What it is for. */
  purpose: z.string().optional(),
  /** Free words to find it by, sorted. */
  tags: z.array(z.string()).optional(),
  /** Calendar day (YYYY-MM-DD) after which it counts as expired. */
  expiresOn: z.string().optional(),
});
export type Machine = z.infer<typeof machineSchema>;

/** Case- and space-insensitive key under which machine names must be unique. */
export function machineNameKey(name: string): string {
  return name.trim().toLocaleLowerCase('en');
}
