// Log lines for a terminal: text that came from requests or files can carry escape sequences, so they are shown escaped.

/**
 * C0 controls (except newline and tab), DEL, C1 controls, bidirectional overrides and isolates, and lone surrogates.
 * An ESC could recolour or retitle the terminal, rewrite earlier lines or (in some terminals) answer back; a bidi
 * override makes text read differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escaped = (char: string): string => {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** Escapes what a terminal would act on; a newline inside an entry is indented, so it cannot pass for a new log line. */
export function safeLogText(text: string): string {
  return text.replace(unsafe, escaped).replace(/\n(?!$)/g, '\n  ');
}

/** The default log sink of the server and the engine host: one sanitized line on stderr. */
export function logToStderr(line: string): void {
  process.stderr.write(`${safeLogText(line)}\n`);
}
