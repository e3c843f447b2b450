// Tests for reading a telemetry frame by the layout its subscription reply announced.
import { describe, expect, it } from 'vitest';
import { frameHasSample, layoutFromReply, visitFrame } from './frameLayout.ts';
import { buildFrame } from '../test/fakeTelemetry.ts';

const reply = { version: 3, groups: [{ machineIds: ['a', 'b'], metrics: ['cpuPct' as const, 'netTxMBps' as const] }, { machineIds: ['c'], metrics: ['memUsedMiB' as const] }] };

describe('frame layout', () => {
  it('visits group by group, each machine’s samples oldest first, with its values and metric columns', () => {
    const frame = buildFrame(reply, [1000, 2000], (id, metric, t) => (id === 'b' ? 100 : 0) + (metric === 'netTxMBps' ? 10 : 0) + t / 1000);
    const seen: string[] = [];
    visitFrame(frame, layoutFromReply(reply), (id, time, columns, source, offset) => {
      seen.push(`${id}@${time}:${columns.map((_, k) => source[offset + k]).join('/')}`);
    });
    expect(seen).toEqual(['a@1000:1/11', 'b@1000:101/111', 'a@2000:2/12', 'b@2000:102/112', 'c@1000:1', 'c@2000:2']);
    expect(layoutFromReply(reply).groups[0]?.metricIndexes).toEqual([0, 11]);
  });

  it('skips a group whose size does not match the layout', () => {
    const frame = { version: 3, simTimeMs: [1000], groups: [new Float32Array(3), new Float32Array([7])] };
    const seen: string[] = [];
    visitFrame(frame, layoutFromReply(reply), (id) => seen.push(id));
    expect(seen).toEqual(['c']);
  });

  it('tells whether a machine had a real sample (NaN means powered off)', () => {
    const frame = buildFrame(reply, [1000], (id) => (id === 'a' ? Number.NaN : 1));
    const layout = layoutFromReply(reply);
    expect(frameHasSample(frame, layout, 'a')).toBe(false);
    expect(frameHasSample(frame, layout, 'b')).toBe(true);
    expect(frameHasSample(frame, layout, 'zzz')).toBe(false);
  });
});
