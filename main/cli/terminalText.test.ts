// Text from outside is printed without escape sequences, control characters or bidi overrides.
import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeJson, terminalSafeLine } from './terminalText.ts';

describe('terminal-safe text', () => {
  it('drops CSI and OSC sequences and replaces other controls, keeping newlines and tabs', () => {
    expect(terminalSafe('a\u001b[31mred\u001b[0m\tb\nc\u0007\u0008')).toBe('ared\tb\nc\uFFFD\uFFFD');
    expect(terminalSafe('title\u001b]0;owned\u0007 done')).toBe('title done');
    expect(terminalSafe('x\r\ny\rz')).toBe('x\ny\nz');
    expect(terminalSafe('8-bit \u009b2J csi, \u202eevil')).toBe('8-bit \uFFFD2J csi, \uFFFDevil');
  });

  it('makes one line of a message', () => {
    expect(terminalSafeLine('a\nb\tc')).toBe('a b c');
  });

  it('escapes what JSON.stringify would leave raw', () => {
    const json = terminalSafeJson({ name: 'a\u009b2Jb\u001bc\u202e' });
    expect(json).toBe('{\n  "name": "a\\u009b2Jb\\u001bc\\u202e"\n}');
    expect(JSON.parse(json)).toEqual({ name: 'a\u009b2Jb\u001bc\u202e' });
  });
});
