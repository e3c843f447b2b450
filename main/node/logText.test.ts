// Log text is safe for a terminal: escapes, C1 and bidi controls escaped visibly, continuation lines indented.
import { describe, expect, it } from 'vitest';
import { safeLogText } from './logText.ts';

describe('safeLogText', () => {
  it('escapes what a terminal would act on and keeps ordinary text', () => {
    expect(safeLogText('upload of "\u001b]0;pwned\u0007x.ova" expired')).toBe('upload of "\\x1b]0;pwned\\x07x.ova" expired');
    expect(safeLogText('a\rb\u0000c\u007fd\u009be')).toBe('a\\x0db\\x00c\\x7fd\\x9be');
    expect(safeLogText('name \u202egnp.exe')).toBe('name \\u202egnp.exe');
    expect(safeLogText('lone \ud800 surrogate, pair 😀')).toBe('lone \\ud800 surrogate, pair 😀');
    expect(safeLogText('tab\tand ünïcode ✓')).toBe('tab\tand ünïcode ✓');
  });

  it('indents continuation lines so they cannot forge a new tagged line', () => {
    expect(safeLogText('[import] "x\n[library] all fine" failed')).toBe('[import] "x\n  [library] all fine" failed');
    expect(safeLogText('Error: boom\n    at f (a.ts:1)')).toBe('Error: boom\n      at f (a.ts:1)');
  });
});
