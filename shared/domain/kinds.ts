// What each kind of virtualization is and supports, as the engine's kind modules describe it to the UI and the CLI.
import { z } from 'zod';
import { platformKindSchema } from './virtualization.ts';

/** Configuration a machine of a kind has: a container has no firmware or DVD drive, a process VM has a heap, not a disk controller. */
export const kindSettings = ['firmware', 'opticalDrive', 'storageController', 'virtualDisk', 'networkAdapters', 'heap', 'image', 'cgroupLimits'] as const;
export const kindSettingSchema = z.enum(kindSettings);
export type KindSetting = z.infer<typeof kindSettingSchema>;

/** How the power actions work for guests of a kind, as menus and dialogs explain them. */
export const kindPowerSchema = z.object({
  /** The polite stop: "ACPI Shutdown" for machines, "Stop (SIGTERM)" for containers, "Exit" for process VMs. */
  shutdownLabel: z.string(),
  shutdownHint: z.string(),
  /** What Power Off does: "power cut without asking the guest OS", "SIGKILL, with no grace period". */
  powerOffHow: z.string(),
  resetHow: z.string(),
  /** Whether a running guest can be saved to disk and resumed, under which name, or why not. */
  saveState: z.union([z.object({ supported: z.literal(true), noun: z.string() }), z.object({ supported: z.literal(false), why: z.string() })]),
});
export type KindPower = z.infer<typeof kindPowerSchema>;

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
  power: kindPowerSchema,
  /** Where a platform of this kind can be installed from the app: in a machine (a partition, a VM), on a platform (a host OS). */
  installable: z.object({
    inMachine: z.boolean(),
    onPlatform: z.boolean(),
    /** The platform is or includes an operating system (a host OS, a KVM-like hypervisor): installing it asks which OS family. */
    withOs: z.boolean(),
  }),
});
export type KindDescription = z.infer<typeof kindDescriptionSchema>;
