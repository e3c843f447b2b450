// The coalescing saver: one save at a time, a burst costs at most one more, flush waits and reports the last failure.
import { describe, expect, it } from 'vitest';
import { deferred } from '../deferred.ts';
import type { Deferred } from '../deferred.ts';
import { CoalescedSaver } from './coalescedSaver.ts';

function scriptedSaves() {
  const started: Deferred<void>[] = [];
  const outcomes: unknown[] = [];
  const saver = new CoalescedSaver(
    () => {
      const gate = deferred<void>();
      started.push(gate);
      return gate.promise;
    },
    (error) => outcomes.push(error),
  );
  return { saver, started, outcomes };
}

describe('CoalescedSaver', () => {
  it('runs one save at a time and folds a burst of requests into one more save', async () => {
    const { saver, started, outcomes } = scriptedSaves();
    saver.request();
    saver.request();
    saver.request();
    expect(started).toHaveLength(1);
    started[0]!.resolve();
    await expect.poll(() => started.length).toBe(2);
    started[1]!.resolve();
    await expect.poll(() => outcomes.length).toBe(2);
    expect(started).toHaveLength(2);
    expect(outcomes).toEqual([undefined, undefined]);
  });

  it('flush saves the current state and rejects with the error of a failed last save; a later success clears it', async () => {
    const { saver, started, outcomes } = scriptedSaves();
    const flushed = saver.flush();
    started[0]!.reject(new Error('disk full'));
    await expect(flushed).rejects.toThrow('disk full');
    expect(outcomes).toEqual([new Error('disk full')]);
    const again = saver.flush();
    started[1]!.resolve();
    await expect(again).resolves.toBeUndefined();
    expect(outcomes).toEqual([new Error('disk full'), undefined]);
  });

  it('a flush during a save waits for one more save that sees what changed meanwhile', async () => {
    const { saver, started } = scriptedSaves();
    saver.request();
    let done = false;
    const flushed = saver.flush().then(() => (done = true));
    started[0]!.resolve();
    await expect.poll(() => started.length).toBe(2);
    expect(done).toBe(false);
    started[1]!.resolve();
    await flushed;
    expect(done).toBe(true);
  });
});
