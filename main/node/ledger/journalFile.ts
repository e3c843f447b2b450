// The event journal on disk: one JSON line per event, appended in batches, rewritten to the newest events when it grows too long.
import { appendFile, readFile } from 'node:fs/promises';
import { loggedEventSchema } from '../../../shared/domain/eventLog.ts';
import type { LoggedEvent } from '../../../shared/domain/eventLog.ts';
import { isNotFound, writeFileAtomic } from '../library/atomicFile.ts';

export interface JournalRead {
  readonly events: LoggedEvent[];
  /** Lines that could not be read (a torn last line after a crash, hand edits): skipped, and told once. */
  readonly skippedLines: number;
}

/** Reads every well-formed line in order; a missing file is an empty journal. */
export async function readJournal(file: string): Promise<JournalRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return { events: [], skippedLines: 0 };
    throw error;
  }
  const events: LoggedEvent[] = [];
  let skippedLines = 0;
  let lastSeq = -1;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: ReturnType<typeof loggedEventSchema.safeParse>;
    try {
      parsed = loggedEventSchema.safeParse(JSON.parse(line));
    } catch {
      skippedLines += 1;
      continue;
    }
    // Sequence numbers only grow; a line out of order is damage, not an event.
    if (!parsed.success || parsed.data.seq <= lastSeq) {
      skippedLines += 1;
      continue;
    }
    lastSeq = parsed.data.seq;
    events.push(parsed.data);
  }
  return { events, skippedLines };
}

export const toLine = (event: LoggedEvent): string => `${JSON.stringify(event)}\n`;

export async function appendLines(file: string, lines: string): Promise<void> {
  await appendFile(file, lines, { encoding: 'utf8', mode: 0o644 });
}

/** Replaces the journal with exactly `events` (atomically: a crash leaves the old or the new file). */
export async function rewriteJournal(file: string, events: readonly LoggedEvent[]): Promise<void> {
  await writeFileAtomic(file, events.map(toLine).join(''));
}
