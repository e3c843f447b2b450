// Every event the engine logs, numbered and kept (in the library when there is one) across engine and app restarts.
import type { SimEvent } from '../../../shared/domain/machineMetrics.ts';
import { eventQueryLimits } from '../../../shared/domain/eventLog.ts';
import type { EventExport, EventFilter, EventPage, EventQuery, LoggedEvent } from '../../../shared/domain/eventLog.ts';
import { compileFilter } from './eventFilter.ts';
import { eventsToCsv } from './eventCsv.ts';
import { appendLines, readJournal, rewriteJournal, toLine } from './journalFile.ts';

export interface EventJournalOptions {
  /** Newest events kept; older ones are dropped (from memory at once, from the file at the next compaction). */
  readonly maxEvents?: number;
  /** How long appended events wait to be written together. */
  readonly flushMs?: number;
  readonly log?: (line: string) => void;
}

export const defaultMaxEvents = 100_000;
const defaultPageSize = 100;

export class EventJournal {
  readonly #events: LoggedEvent[];
  readonly #file: string | undefined;
  readonly #maxEvents: number;
  readonly #flushMs: number;
  readonly #log: (line: string) => void;
  #nextSeq: number;
  /** Lines in the file, to know when compaction is due. */
  #fileLines: number;
  #pending = '';
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  private constructor(events: LoggedEvent[], file: string | undefined, options: EventJournalOptions) {
    this.#maxEvents = options.maxEvents ?? defaultMaxEvents;
    this.#events = events.slice(-this.#maxEvents);
    this.#file = file;
    this.#fileLines = events.length;
    this.#flushMs = options.flushMs ?? 250;
    this.#log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.#nextSeq = (events.at(-1)?.seq ?? -1) + 1;
  }

  /** A journal kept only in memory (no library). */
  static inMemory(options: EventJournalOptions = {}): EventJournal {
    return new EventJournal([], undefined, options);
  }

  /** Loads the journal file (missing: empty); damaged lines are skipped and told. */
  static async open(file: string, options: EventJournalOptions = {}): Promise<EventJournal> {
    const read = await readJournal(file);
    const journal = new EventJournal(read.events, file, options);
    if (read.skippedLines > 0) journal.#log(`[library] events.jsonl: skipped ${read.skippedLines} unreadable line${read.skippedLines === 1 ? '' : 's'}`);
    return journal;
  }

  get size(): number {
    return this.#events.length;
  }

  /** Simulated time of the newest event kept (0 when none). */
  newestMs(): number {
    return this.#events.at(-1)?.atMs ?? 0;
  }

  /** Sequence number the next event gets. */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  /** Numbers and keeps a batch of engine events; returns them as logged. */
  append(events: readonly SimEvent[]): LoggedEvent[] {
    if (events.length === 0) return [];
    const logged = events.map((event) => ({ ...event, seq: this.#nextSeq++ }));
    this.#events.push(...logged);
    if (this.#events.length > this.#maxEvents) this.#events.splice(0, this.#events.length - this.#maxEvents);
    if (this.#file !== undefined) {
      for (const event of logged) this.#pending += toLine(event);
      this.#fileLines += logged.length;
      this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs).unref();
    }
    return logged;
  }

  /** Newest matching events last, at most `limit`, older than `beforeSeq` when given. */
  query(query: EventQuery): EventPage {
    const matches = compileFilter(query);
    const limit = Math.min(query.limit ?? defaultPageSize, eventQueryLimits.page);
    const picked: LoggedEvent[] = [];
    let total = 0;
    let more = false;
    for (let i = this.#events.length - 1; i >= 0; i--) {
      const event = this.#events[i]!;
      if (!matches(event)) continue;
      total += 1;
      if (query.beforeSeq !== undefined && event.seq >= query.beforeSeq) continue;
      if (picked.length < limit) picked.push(event);
      else more = true;
    }
    return { events: picked.reverse(), more, total };
  }

  /** Every matching event, oldest first, as a file's content. */
  export(filter: EventFilter, format: 'csv' | 'json'): EventExport {
    const matches = compileFilter(filter);
    const events = this.#events.filter(matches).slice(-eventQueryLimits.export);
    const base = `virtlab-events-${new Date().toISOString().slice(0, 10)}`;
    return format === 'csv'
      ? { fileName: `${base}.csv`, mediaType: 'text/csv', content: eventsToCsv(events), count: events.length }
      : { fileName: `${base}.json`, mediaType: 'application/json', content: `${JSON.stringify(events, null, 2)}\n`, count: events.length };
  }

  /** Writes what is waiting; compacts the file once it holds half again as many lines as are kept. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const file = this.#file;
    if (file === undefined) return this.#writing;
    const lines = this.#pending;
    this.#pending = '';
    const compact = this.#fileLines > this.#maxEvents * 1.5;
    const snapshot = compact ? [...this.#events] : undefined;
    if (compact) this.#fileLines = this.#events.length;
    this.#writing = this.#writing.then(async () => {
      try {
        if (snapshot) await rewriteJournal(file, snapshot);
        else if (lines !== '') await appendLines(file, lines);
      } catch (error) {
        // A log line lost to a full disk must not take the app down; the next flush tries again with new events.
        this.#log(`[library] could not write the event log ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.#writing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    await this.flush();
  }
}
