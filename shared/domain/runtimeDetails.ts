// What a machine is beyond its virtual hardware: a container's image, limits, namespaces and network, or a process VM's
// heap, garbage collector and JIT. Machines with virtual hardware answer with shape "machine" and nothing more.
import { z } from 'zod';
import { containerSettingsSchema } from './containerSpec.ts';
import { replicaExitSchema } from './applicationView.ts';

export const namespaceKinds = ['pid', 'net', 'mnt', 'uts', 'ipc', 'user', 'cgroup'] as const;

export const containerDetailsSchema = z.object({
  shape: z.literal('container'),
  machineId: z.string(),
  settings: containerSettingsSchema,
  imageDescription: z.string(),
  /** Bottom layer first; `sharedWith` counts other containers on the same host reading the same layer. */
  layers: z.array(z.object({ digest: z.string(), sizeMiB: z.number(), createdBy: z.string(), sharedWith: z.number().int().nonnegative() })),
  /** The container's own copy-on-write layer. */
  writableLayerMiB: z.number().nonnegative(),
  namespaces: z.array(z.object({ kind: z.enum(namespaceKinds), meaning: z.string() })),
  network: z.object({
    bridge: z.string(),
    subnet: z.string(),
    gateway: z.string(),
    ip: z.string().optional(),
    /** Host end of the container's virtual ethernet pair. */
    veth: z.string(),
    /** "0.0.0.0:8080 → 10.88.4.2:80". */
    forwards: z.array(z.string()),
  }),
  /** Last simulated second while it runs. */
  usage: z.object({ cpuCores: z.number(), memoryMiB: z.number(), processes: z.number().int() }),
  restartCount: z.number().int().nonnegative(),
  lastExit: replicaExitSchema.optional(),
  /** When the restart policy starts it again (simulated ms). */
  restartAtMs: z.number().optional(),
  /** How long its last start took, in simulated ms. */
  startTookMs: z.number().optional(),
  kernel: z.string(),
});
export type ContainerDetails = z.infer<typeof containerDetailsSchema>;

export const processVmDetailsSchema = z.object({
  shape: z.literal('process'),
  machineId: z.string(),
  /** The host OS the VM runs on as an ordinary process. */
  hostOs: z.string(),
  heapLimitMiB: z.number(),
  heapUsedMiB: z.number(),
  gc: z.object({ pauses: z.number().int().nonnegative(), totalPauseMs: z.number().nonnegative(), averagePauseMs: z.number().nonnegative() }),
  jit: z.object({ enabled: z.boolean(), warmPct: z.number() }),
  startTookMs: z.number().optional(),
});
export type ProcessVmDetails = z.infer<typeof processVmDetailsSchema>;

export const runtimeDetailsSchema = z.discriminatedUnion('shape', [containerDetailsSchema, processVmDetailsSchema, z.object({ shape: z.literal('machine'), machineId: z.string() })]);
export type RuntimeDetails = z.infer<typeof runtimeDetailsSchema>;
