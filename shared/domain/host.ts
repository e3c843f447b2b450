// Physical host as the contract describes it: capacity, hardware assist, the platforms it runs and what is committed.
import { z } from 'zod';
import { isaSchema, platformKindSchema } from './virtualization.ts';

export { isaSchema, platformKindSchema };
export type { Isa, PlatformKind } from './virtualization.ts';

const settingValue = z.union([z.string(), z.number(), z.boolean()]);

/** One platform (kind of virtualization) installed on a host, possibly nested in another or in a type 0 partition. */
export const platformSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: platformKindSchema,
  hostId: z.string(),
  /** Platform this one runs on (e.g. a type 2 VMM on a host OS); absent when it runs on hardware or in a partition. */
  parentPlatformId: z.string().optional(),
  /** Machine (a type 0 partition) this platform runs inside, when nested that way. */
  partitionMachineId: z.string().optional(),
  /** Nesting chain from hardware to this platform, outermost first, e.g. ["Atlas hardware (x86_64)", "Type 1 ESX"]. */
  chain: z.array(z.string()),
  /** Whether guests get dedicated cores and memory (type 0) or share a pool. */
  dedicated: z.boolean(),
  /** Guests may be created on it (a bare host OS only hosts other platforms). */
  acceptsGuests: z.boolean(),
  /** Cores and memory its guests draw from. */
  capacity: z.object({ cores: z.number(), memoryMiB: z.number() }),
  /** What its guests are configured with, and running guests actually hold. */
  committed: z.object({ vcpus: z.number(), memoryMiB: z.number() }),
  /** committed ÷ capacity; above 1 means overcommitted. */
  overcommit: z.object({ cpu: z.number(), memory: z.number() }),
  guests: z.number().int().nonnegative(),
  runningGuests: z.number().int().nonnegative(),
  /** Kind-specific settings worth showing (e.g. admin: false, mode: "dbt", hostInstrPerGuestInstr: 10). */
  settings: z.record(z.string(), settingValue),
});
export type PlatformSummary = z.infer<typeof platformSummarySchema>;

export const hostSchema = z.object({
  id: z.string(),
  name: z.string(),
  isa: isaSchema,
  cores: z.number().int().positive(),
  memoryMiB: z.number().int().positive(),
  storageGiB: z.number().int().positive(),
  hardwareAssist: z.object({ vtx: z.boolean(), nestedPaging: z.boolean() }),
  /** Operating system installed on the hardware, when a host-OS platform runs there. */
  hostOs: z.string().optional(),
  platforms: z.array(platformSummarySchema),
  /** What machines defined on this host have reserved (configured, not necessarily in use). */
  committed: z.object({
    vcpus: z.number().int().nonnegative(),
    memoryMiB: z.number().int().nonnegative(),
    storageGiB: z.number().int().nonnegative(),
  }),
  /** Last simulated second: share of cores busy and of memory in use. */
  utilisation: z.object({ cpuPct: z.number(), memoryPct: z.number() }),
});
export type Host = z.infer<typeof hostSchema>;
