// The pre-parse scan: depth and value limits on raw bytes, strings and escapes skipped, and the frame id recovered.
import { describe, expect, it, vi } from 'vitest';
import { inputLimits } from './inputGuard.ts';
import { prescanJson } from './jsonPrescan.ts';
import { frameLimits, parseCallFrame } from './wsFrames.ts';

const scan = (text: string, maxDepth = 3, maxValues = 10) => prescanJson(Buffer.from(text), { maxDepth, maxValues });

describe('prescanJson', () => {
  it('counts nesting and values outside strings only', () => {
    expect(scan('{"a":[1,2,{"b":3}]}')).toEqual({ ok: true });
    expect(scan('[[[[1]]]]')).toEqual({ ok: false, problem: 'tooDeep', id: null });
    expect(scan('"[[[[[[ , , , , , , , , , , , ,"')).toEqual({ ok: true });
    expect(scan('["\\"[[[[[", "\\\\", "é[[[["]')).toEqual({ ok: true });
    expect(scan('[1,2,3,4,5,6,7,8,9,10,11]')).toEqual({ ok: false, problem: 'tooManyValues', id: null });
  });

  it('recovers a top-level integer id seen before the problem, and only that', () => {
    expect(scan('{"kind":"call","id":42,"params":[[[[[]]]]]}')).toEqual({ ok: false, problem: 'tooDeep', id: 42 });
    expect(scan('{"kind":"call","id" : 7 ,"params":[[[[[]]]]]}')).toEqual({ ok: false, problem: 'tooDeep', id: 7 });
    expect(scan('{"params":{"id":9,"x":[[[[]]]]}}')).toEqual({ ok: false, problem: 'tooDeep', id: null });
    expect(scan('{"id":1.5,"p":[[[[]]]]}')).toEqual({ ok: false, problem: 'tooDeep', id: null });
    expect(scan('{"id":"3","p":[[[[]]]]}')).toEqual({ ok: false, problem: 'tooDeep', id: null });
  });
});

describe('parseCallFrame with hostile frames', () => {
  it('refuses a frame nested 400,000 levels deep without parsing it', () => {
    const deep = 400_000;
    const frame = `{"kind":"call","id":5,"method":"getMachine","params":{"id":${'['.repeat(deep)}${']'.repeat(deep)}}}`;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const parsed = parseCallFrame(Buffer.from(frame), false);
      expect(parsed).toEqual({
        ok: false,
        reply: { kind: 'result', id: 5, ok: false, error: { code: 'VALIDATION', message: `The request is nested too deeply (more than ${inputLimits.maxDepth} levels).` } },
      });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('refuses a frame with far more values than the input guard allows, without parsing it', () => {
    const frame = `{"kind":"call","id":6,"method":"listMachines","params":{"x":[${'0,'.repeat(200_000)}0]}}`;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(parseCallFrame(Buffer.from(frame), false)).toMatchObject({ ok: false, reply: { id: 6, error: { code: 'VALIDATION', message: expect.stringContaining('too large') } } });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('lets through the deepest and largest params the input guard accepts', () => {
    let params = '1';
    for (let level = 0; level < inputLimits.maxDepth; level += 1) params = `[${params}]`;
    expect(parseCallFrame(Buffer.from(`{"kind":"call","id":1,"method":"getMachine","params":${params}}`), false)).toMatchObject({ ok: true });
    const many = `[${Array.from({ length: frameLimits.maxValues - 8 }, () => 0).join(',')}]`;
    expect(parseCallFrame(Buffer.from(`{"kind":"call","id":1,"method":"getMachine","params":${many}}`), false)).toMatchObject({ ok: true });
  });
});
