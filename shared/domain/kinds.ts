// What each kind of virtualization is and supports, as the engine's kind modules describe it to the UI and the CLI.
import { z } from 'zod';
import { platformKindSchema } from './virtualization.ts';

/** Configuration a machine of a kind has: a container has no firmware or DVD drive, a process VM has a heap, not a disk controller. */
export const kindSettings = ['firmware', 'opticalDrive', 'storageController', 'virtualDisk', 'networkAdapters', 'heap', 'image', 'cgroupLimits'] as const;
export const kindSettingSchema = z.enum(kindSettings);
export type KindSetting = z.infer<typeof kindSettingSchema>;

export const kindDescriptionSchema = z.object({
  kind: platformKindSchema,
  label: z.string(),
  /** "Type 1", "Container": for narrow columns and chips. */
  shortLabel: z.string(),
  /** What a student should remember about this kind. */
  summary: z.string(),
  /** Material Design icon name. */
  icon: z.string(),
  /** What one guest is called: "virtual machine", "partition", "container", "process VM". */
  guestNoun: z.string(),
  acceptsGuests: z.boolean(),
  /** Guests may run an instruction set other than the host's. */
  crossIsa: z.boolean(),
  /** Guests own dedicated cores and memory. */
  dedicatedResources: z.boolean(),
  /** Which settings a machine of this kind has. */
  settings: z.array(kindSettingSchema),
  memoryTechniques: z.array(z.enum(['ballooning', 'pageSharing', 'swapping'])),
  ioPaths: z.array(z.string()),
  /** Organisationally unique identifier of the MACs its NICs get, e.g. "08:00:27". */
  macPrefix: z.string(),
  /** How a running guest moves to another host. */
  liveMigration: z.enum(['precopy', 'checkpointRestore', 'none']),
});
export type KindDescription = z.infer<typeof kindDescriptionSchema>;
