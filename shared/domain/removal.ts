// Ways to remove a machine (forget it, delete its files, delete its linked clones too) and what each would free.
import { z } from 'zod';

export const removalModes = ['removeOnly', 'deleteAll', 'deleteWithClones'] as const;
export const removalModeSchema = z.enum(removalModes, { error: 'Choose removeOnly, deleteAll or deleteWithClones' });
export type RemovalMode = z.infer<typeof removalModeSchema>;

const machineRef = z.object({ machineId: z.string(), name: z.string(), state: z.string() });

export const removalChoiceSchema = z.object({
  mode: removalModeSchema,
  /** Space the storage pools gain, exactly as they will show it afterwards. */
  freedMiB: z.number().int().nonnegative(),
  /** Space that stays taken by this machine's files (kept as orphaned disks, or a base linked clones still read). */
  keptMiB: z.number().int().nonnegative(),
  /** Machines removed besides this one (its linked clones). */
  alsoRemoves: z.array(machineRef),
  /** Why this choice cannot be carried out now (a linked clone is running...). */
  refusal: z.string().optional(),
  /** One sentence on what happens to the files. */
  summary: z.string(),
});
export type RemovalChoice = z.infer<typeof removalChoiceSchema>;

export const removalPlanSchema = z.object({
  machineId: z.string(),
  name: z.string(),
  /** Linked clones reading this machine's disk images (directly or through other clones). */
  dependents: z.array(machineRef),
  /** removeOnly and deleteAll always; deleteWithClones when there are dependents. */
  choices: z.array(removalChoiceSchema),
  /** Why the machine cannot be removed at all now (it runs...). */
  refusal: z.string().optional(),
});
export type RemovalPlan = z.infer<typeof removalPlanSchema>;
