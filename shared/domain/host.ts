// Physical host as the contract describes it: capacity, hardware assist, platform and what is committed.
import { z } from 'zod';

export const isaSchema = z.enum(['x86_64', 'arm64']);
export type Isa = z.infer<typeof isaSchema>;

export const platformKindSchema = z.enum(['type1']);
export type PlatformKind = z.infer<typeof platformKindSchema>;

export const hostSchema = z.object({
  id: z.string(),
  name: z.string(),
  isa: isaSchema,
  cores: z.number().int().positive(),
  memoryMiB: z.number().int().positive(),
  storageGiB: z.number().int().positive(),
  hardwareAssist: z.object({ vtx: z.boolean(), nestedPaging: z.boolean() }),
  platform: z.object({ kind: platformKindSchema, name: z.string() }),
  /** What machines defined on this host have reserved (configured, not necessarily in use). */
  committed: z.object({
    vcpus: z.number().int().nonnegative(),
    memoryMiB: z.number().int().nonnegative(),
    storageGiB: z.number().int().nonnegative(),
  }),
});
export type Host = z.infer<typeof hostSchema>;
