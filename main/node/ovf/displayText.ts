// Text from an appliance file shown to people: terminal control and bidi-override characters are named or made visible.
/** C0 controls, DEL, C1 controls (ESC and CSI start terminal escape sequences) and the bidi overrides/isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const names: Readonly<Record<number, string>> = { 0x00: 'NUL', 0x07: 'BEL', 0x08: 'BS', 0x09: 'TAB', 0x0a: 'LF', 0x0d: 'CR', 0x1b: 'ESC', 0x7f: 'DEL', 0x9b: 'CSI', 0x202e: 'RIGHT-TO-LEFT OVERRIDE' };

const hex = (code: number, digits: number): string => code.toString(16).toUpperCase().padStart(digits, '0');

/** "U+001B (ESC)". */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const name = names[code];
  return `U+${hex(code, 4)}${name ? ` (${name})` : ''}`;
}

/** The distinct unsafe characters in `text`, in order of first appearance. */
export function unsafeCharacters(text: string): string[] {
  return [...new Set(text.match(unsafe) ?? [])];
}

/** Each unsafe character replaced by `by` (names, which must hold none). */
export function replaceUnsafe(text: string, by: string): string {
  return text.replace(unsafe, by);
}

/** Each unsafe character written as an escape ("\x1B", "\u202E"), so it is shown instead of acting on the terminal. */
export function visible(text: string): string {
  return text.replace(unsafe, (character) => {
    const code = character.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/** `visible` applied to every string inside plain objects and arrays (an import plan, before anyone shows it). */
export function visibleDeep<T>(value: T): T {
  if (typeof value === 'string') return visible(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => visibleDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visibleDeep(item)])) as T;
  }
  return value;
}
