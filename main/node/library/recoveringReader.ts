// Loads a document or, when it is missing or damaged, its .bak; quarantines what cannot be used and says so.
import { rename } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { backupPathOf, syncDir } from './atomicFile.ts';
import { readDocument } from './documentReader.ts';
import type { DocumentCheck, ReadText } from './documentReader.ts';
import type { DocumentKind } from './migrations.ts';
import { quarantineFile } from './quarantine.ts';

/** One document that could not be loaded as it was, for the UI and CLI report. */
export interface LibraryProblem {
  /** Path inside the library folder, with forward slashes, e.g. "machines/4f….json". */
  readonly file: string;
  /** What is wrong, e.g. "not valid JSON (Unexpected end of JSON input)" or "record.vcpus: vCPUs must be a number". */
  readonly reason: string;
  /** `<file name>: <reason>` plus what was done about it. */
  readonly message: string;
  /** Damaged files go to quarantine/; files from a newer Virtlab stay where they are. */
  readonly action: 'quarantined' | 'leftInPlace';
  /** Where the file went, inside the library folder. */
  readonly movedTo?: string;
  /** The previous version (.bak) was loaded instead. */
  readonly recoveredFromBackup: boolean;
}

export interface RecoveredRead<T> {
  readonly value?: T;
  readonly fromVersion?: number;
  readonly problems: LibraryProblem[];
  readonly notes: string[];
}

export interface RecoveryContext {
  readonly root: string;
  readonly quarantineDir: string;
  readonly now: () => Date;
  readonly readText?: ReadText;
  /** Opened without the lock (read-only folder, or another instance has it): report and load, but move nothing. */
  readonly readOnly?: boolean;
}

const unreadableAdvice = '; left in place and not loaded (fix its permissions, then start Virtlab again)';

export async function readWithRecovery<T>(
  file: string,
  kind: DocumentKind,
  schema: z.ZodType<T>,
  ctx: RecoveryContext,
  check?: DocumentCheck<T>,
): Promise<RecoveredRead<T>> {
  const main = await readDocument(file, kind, schema, check, ctx.readText);
  if (main.status === 'ok') return { value: main.value, fromVersion: main.fromVersion, problems: [], notes: [] };
  const problems: LibraryProblem[] = [];
  const notes: string[] = [];
  if (main.status === 'tooNew') {
    problems.push(problem(ctx, file, main.reason, 'leftInPlace', ''));
    return { problems, notes };
  }
  if (main.status === 'unreadable') {
    // Permission is not corruption: the file may be fine, and falling back to .bak would overwrite it on promotion.
    problems.push(problem(ctx, file, main.reason, 'leftInPlace', unreadableAdvice));
    return { problems, notes };
  }
  const backup = backupPathOf(file);
  const fallback = await readDocument(backup, kind, schema, check, ctx.readText);
  const recovered = fallback.status === 'ok';
  if (main.status === 'damaged') {
    const name = path.basename(file);
    if (ctx.readOnly) {
      problems.push(problem(ctx, file, main.reason, 'leftInPlace', recovered ? `; the previous version was loaded from ${name}.bak (read-only: nothing was moved)` : '; not loaded (read-only: nothing was moved)', recovered));
    } else {
      const movedTo = await quarantineFile(ctx.quarantineDir, file, main.reason, ctx.now());
      problems.push(problem(ctx, file, main.reason, 'quarantined', recovered ? `; moved to quarantine, the previous version was loaded from ${name}.bak` : '; moved to quarantine', recovered, movedTo));
    }
  }
  if (fallback.status === 'ok') {
    // Promote the backup so the next save keeps it as .bak instead of finding no current version.
    if (!ctx.readOnly) {
      await rename(backup, file);
      await syncDir(path.dirname(file));
    }
    if (main.status === 'missing') notes.push(`${path.basename(file)}: restored the previous version from ${path.basename(backup)} (a save was interrupted)`);
    return { value: fallback.value, fromVersion: fallback.fromVersion, problems, notes };
  }
  if (fallback.status === 'tooNew') problems.push(problem(ctx, backup, fallback.reason, 'leftInPlace', ''));
  if (fallback.status === 'unreadable') problems.push(problem(ctx, backup, fallback.reason, 'leftInPlace', unreadableAdvice));
  if (fallback.status === 'damaged') {
    if (ctx.readOnly) problems.push(problem(ctx, backup, fallback.reason, 'leftInPlace', '; not loaded (read-only: nothing was moved)'));
    else {
      const movedTo = await quarantineFile(ctx.quarantineDir, backup, fallback.reason, ctx.now());
      problems.push(problem(ctx, backup, fallback.reason, 'quarantined', '; moved to quarantine', false, movedTo));
    }
  }
  return { problems, notes };
}

function problem(
  ctx: RecoveryContext,
  file: string,
  reason: string,
  action: LibraryProblem['action'],
  outcome: string,
  recovered = false,
  movedTo?: string,
): LibraryProblem {
  return {
    file: relative(ctx.root, file),
    reason,
    message: `${path.basename(file)}: ${reason}${outcome}`,
    action,
    ...(movedTo === undefined ? {} : { movedTo: relative(ctx.root, movedTo) }),
    recoveredFromBackup: recovered,
  };
}

const relative = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');
