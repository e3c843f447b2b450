// Refused name characters are found and named (first one wins), and can be replaced for names read from files.
import { describe, expect, it } from 'vitest';
import { snapshotNameSchema } from './snapshot.ts';
import { refusedNameCharacter, replaceRefusedNameCharacters } from './nameCharacters.ts';

describe('refused name characters', () => {
  it('names the first refused character of a name', () => {
    expect(refusedNameCharacter('ok name')).toBeUndefined();
    expect(refusedNameCharacter('a\u200Db\u202Ec')).toBe('U+200D (zero-width joiner, an invisible character)');
    expect(refusedNameCharacter('\uFEFFbom')).toBe('U+FEFF (zero-width no-break space, an invisible character)');
  });

  it('replaces every refused character, leaving surrogate pairs whole', () => {
    expect(replaceRefusedNameCharacters('a\u202Eb\u200Bc\uD800d😀\u0001', '_')).toBe('a_b_c_d😀_');
  });

  it('applies to snapshot names too', () => {
    const result = snapshotNameSchema.safeParse('Before \u202Eupgrade');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Snapshot name cannot contain U+202E (right-to-left override, which makes text display in another order than it is stored)');
  });
});
