// Characters no name may contain: controls, direction overrides, invisible zero-width ones and unpaired surrogates.
import type { z } from 'zod';

interface CharacterClass {
  readonly pattern: RegExp;
  /** Why it is refused, after "U+XXXX (…)". */
  readonly why: (code: number) => string;
}

const named: Readonly<Record<number, string>> = {
  0x061c: 'Arabic letter mark',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero-width no-break space',
};

const classes: readonly CharacterClass[] = [
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  { pattern: /[\u0000-\u001f\u007f-\u009f]/, why: () => 'a control character' },
  { pattern: /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/, why: (code) => `${named[code]}, which makes text display in another order than it is stored` },
  { pattern: /[\u200b-\u200d\u2060\ufeff\u180e]/, why: (code) => `${named[code] ?? 'an invisible character'}, an invisible character` },
  {
    pattern: /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    why: () => 'half of a surrogate pair, which is not a character on its own and cannot be saved or exported',
  },
];

const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** "U+202E (right-to-left override, …)" for the first refused character of `text`, or undefined when there is none. */
export function refusedNameCharacter(text: string): string | undefined {
  let first: { index: number; description: string } | undefined;
  for (const { pattern, why } of classes) {
    const match = pattern.exec(text);
    if (match && (first === undefined || match.index < first.index)) {
      const code = match[0].charCodeAt(0);
      first = { index: match.index, description: `${hex(code)} (${why(code)})` };
    }
  }
  return first?.description;
}

/** Replaces every refused character, for names taken from files that are cleaned rather than refused. */
export function replaceRefusedNameCharacters(text: string, replacement: string): string {
  return classes.reduce((out, { pattern }) => out.replace(new RegExp(pattern.source, 'g'), replacement), text);
}

/** A zod check refusing those characters and saying which one (`what` is "Name", "Snapshot name"…). */
export function refuseUnsafeCharacters(what: string) {
  return (name: string, ctx: z.RefinementCtx): void => {
    const refused = refusedNameCharacter(name);
    if (refused !== undefined) ctx.addIssue({ code: 'custom', message: `${what} cannot contain ${refused}` });
  };
}
