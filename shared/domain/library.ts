// The machine library's health as clients see it: where it is, what loaded, and files that could not be loaded.
import { z } from 'zod';

export const libraryProblemSchema = z.object({
  /** Path inside the library folder, forward slashes, e.g. "machines/4f….json". */
  file: z.string(),
  /** What is wrong, e.g. "not valid JSON (Unexpected end of JSON input)". */
  reason: z.string(),
  /** `<file>: <reason>` plus what was done about it; ready to show. */
  message: z.string(),
  /** Damaged files go to quarantine/; files written by a newer Virtlab stay where they are. */
  action: z.enum(['quarantined', 'leftInPlace']),
  /** Where the file went, inside the library folder. */
  movedTo: z.string().optional(),
  /** The previous version (.bak) was loaded instead. */
  recoveredFromBackup: z.boolean(),
});
export type LibraryProblemInfo = z.infer<typeof libraryProblemSchema>;

export const libraryStatusSchema = z.object({
  /** Absolute path of the library folder. */
  dir: z.string(),
  /** Machines loaded at start. */
  loadedMachines: z.number(),
  problems: z.array(libraryProblemSchema),
  /** Informational lines from the load (stale lock taken over, interrupted saves recovered, migrations). */
  notes: z.array(z.string()),
  /** The last save failed (disk full, permissions): the message, until a later save succeeds. */
  saveError: z.string().optional(),
  /** Machine documents whose latest change is not on disk yet (kept and retried while saving fails). */
  unsavedChanges: z.number().int().positive().optional(),
});
export type LibraryStatus = z.infer<typeof libraryStatusSchema>;
