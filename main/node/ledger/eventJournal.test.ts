// The lasting event log: numbering, filters, paging, CSV export, reading back after a restart, damaged lines, compaction.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../shared/domain/machineMetrics.ts';
import { useTempDirs } from '../library/testing/tempDirs.ts';
import { EventJournal } from './eventJournal.ts';

const tempDir = useTempDirs();
const a = 'a0000000-0000-4000-8000-000000000001';
const b = 'b0000000-0000-4000-8000-000000000002';
const event = (atMs: number, machineId: string | undefined, kind: SimEvent['kind'], message: string, hostId = 'host-1'): SimEvent => ({
  atMs,
  hostId,
  kind,
  message,
  ...(machineId === undefined ? {} : { machineId, subject: machineId === a ? 'web-01' : 'db-01' }),
});

describe('EventJournal', () => {
  it('numbers events and finds them by machine, host, kind and every word, newest last, a page at a time', () => {
    const journal = EventJournal.inMemory();
    journal.append([event(1000, a, 'state', 'Starting: boots in 3 s'), event(2000, b, 'refusal', 'Cannot start "db-01": 10.0.2.5 is already used'), event(3000, a, 'state', 'Running: started in 3 s'), event(4000, undefined, 'memory', 'Ballooning started', 'host-2')]);
    expect(journal.query({ machineId: a }).events.map((e) => [e.seq, e.message])).toEqual([
      [0, 'Starting: boots in 3 s'],
      [2, 'Running: started in 3 s'],
    ]);
    expect(journal.query({ kinds: ['refusal'] }).events.map((e) => e.machineId)).toEqual([b]);
    expect(journal.query({ text: 'ALREADY db-01' }).total).toBe(1);
    expect(journal.query({ text: 'started web' }).events.map((e) => e.seq)).toEqual([2]);
    expect(journal.query({ hostId: 'host-2' }).events.map((e) => e.kind)).toEqual(['memory']);
    const newest = journal.query({ limit: 2 });
    expect([newest.events.map((e) => e.seq), newest.more, newest.total]).toEqual([[2, 3], true, 4]);
    expect(journal.query({ limit: 2, beforeSeq: 2 }).events.map((e) => e.seq)).toEqual([0, 1]);
  });

  it('exports the matching events as CSV with quoting and formula-safe cells, or as JSON', () => {
    const journal = EventJournal.inMemory();
    journal.append([event(1500, a, 'config', 'Renamed from "old, name"'), event(2500, a, 'refusal', '=cmd|calc')]);
    const csv = journal.export({ machineId: a }, 'csv');
    expect(csv.count).toBe(2);
    expect(csv.content.split('\r\n')).toEqual([
      'seq,simulatedSeconds,kind,hostId,machineId,subject,message',
      `0,1.5,config,host-1,${a},web-01,"Renamed from ""old, name"""`,
      `1,2.5,refusal,host-1,${a},web-01,'=cmd|calc`,
      '',
    ]);
    expect(JSON.parse(journal.export({ kinds: ['refusal'] }, 'json').content)).toHaveLength(1);
  });

  it('keeps events in the library: a reopened journal has them and carries on numbering; a torn line is skipped', async () => {
    const file = path.join(await tempDir(), 'events.jsonl');
    const first = await EventJournal.open(file, { flushMs: 10_000 });
    first.append([event(1000, a, 'state', 'Starting'), event(2000, a, 'refusal', 'Cannot start')]);
    await first.close();
    await writeFile(file, `${await readFile(file, 'utf8')}{"seq":2,"atMs":`);
    const lines: string[] = [];
    const second = await EventJournal.open(file, { log: (line) => lines.push(line) });
    expect(second.query({}).events.map((e) => e.message)).toEqual(['Starting', 'Cannot start']);
    expect(lines).toEqual(['[library] events.jsonl: skipped 1 unreadable line']);
    expect(second.append([event(3000, b, 'state', 'Running')])[0]!.seq).toBe(2);
    expect(second.newestMs()).toBe(3000);
  });

  it('keeps only the newest events and compacts the file once it grows half again as long', async () => {
    const file = path.join(await tempDir(), 'events.jsonl');
    const journal = await EventJournal.open(file, { maxEvents: 4 });
    for (let i = 0; i < 7; i++) journal.append([event(i * 1000, a, 'state', `e${i}`)]);
    await journal.flush();
    expect(journal.query({}).events.map((e) => e.message)).toEqual(['e3', 'e4', 'e5', 'e6']);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(6);
    const reopened = await EventJournal.open(file, { maxEvents: 4 });
    expect(reopened.query({}).events.map((e) => e.message)).toEqual(['e3', 'e4', 'e5', 'e6']);
  });
});
