// Makes text from outside (files, the engine, a server) safe to print: no escape sequences or other control characters.
/* eslint-disable no-control-regex -- matching control characters is the point of this file */

/** C0 controls except tab and newline, DEL, C1 controls (0x9b is an 8-bit CSI), and bidi overrides that reorder text. */
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A whole ANSI/VT escape (CSI … final byte, OSC … BEL/ST, or ESC + one char), removed before single characters are. */
const escapeSequence = /\u001b(\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(\u0007|\u001b\\)?|[@-_])/g;

/** For text printed as is: escape sequences dropped, other control characters shown as U+FFFD. Keeps \n and \t. */
export function terminalSafe(text: string): string {
  return text.replace(escapeSequence, '').replace(/\r\n?/g, '\n').replace(unsafe, '\uFFFD');
}

/** One line: like terminalSafe, with line breaks and tabs turned into spaces. */
export function terminalSafeLine(text: string): string {
  return terminalSafe(text).replace(/[\n\t]+/g, ' ');
}

/** JSON.stringify escapes C0 controls but leaves DEL, C1 and bidi characters raw; those are escaped too. */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
