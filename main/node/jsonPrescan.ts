// A cheap pass over raw JSON bytes before parsing: nesting depth and value count, and the frame's top-level "id".
export interface PrescanLimits {
  /** Deepest nesting of arrays and objects allowed. */
  readonly maxDepth: number;
  /** Most arrays, objects and list/member separators allowed (a value count that never undercounts by more than one). */
  readonly maxValues: number;
}

export type Prescan =
  | { readonly ok: true }
  /** `id`: the top-level "id" when it was a plain integer seen before the problem, so the refusal can still be matched. */
  | { readonly ok: false; readonly problem: 'tooDeep' | 'tooManyValues'; readonly id: number | null };

const quote = 0x22;
const backslash = 0x5c;
const colon = 0x3a;
const comma = 0x2c;

/**
 * Walks the bytes once without building anything and stops at the first limit crossed, so a frame nested 400,000
 * levels deep costs a few dozen steps instead of a full parse. Multi-byte UTF-8 never contains ASCII bytes, so
 * looking at bytes is exact. Malformed JSON is not judged here; JSON.parse does that afterwards.
 */
export function prescanJson(bytes: Uint8Array, limits: PrescanLimits): Prescan {
  let depth = 0;
  let values = 0;
  let id: number | null = null;
  /** Where the last string at depth 1 started and ended, to recognise the key "id". */
  let keyStart = -1;
  let keyEnd = -1;
  for (let i = 0; i < bytes.length; i += 1) {
    const c = bytes[i] as number;
    if (c === quote) {
      const start = i + 1;
      for (i = start; i < bytes.length && bytes[i] !== quote; i += 1) if (bytes[i] === backslash) i += 1;
      if (depth === 1) {
        keyStart = start;
        keyEnd = i;
      }
      continue;
    }
    if (c === 0x5b || c === 0x7b) {
      depth += 1;
      values += 1;
      if (depth > limits.maxDepth) return { ok: false, problem: 'tooDeep', id };
      if (values > limits.maxValues) return { ok: false, problem: 'tooManyValues', id };
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    } else if (c === comma) {
      values += 1;
      if (values > limits.maxValues) return { ok: false, problem: 'tooManyValues', id };
    } else if (c === colon && depth === 1 && keyEnd - keyStart === 2 && bytes[keyStart] === 0x69 && bytes[keyStart + 1] === 0x64) {
      id = readInteger(bytes, i + 1);
    }
  }
  return { ok: true };
}

/** A non-negative safe integer starting at `from` (after spaces), or null. */
function readInteger(bytes: Uint8Array, from: number): number | null {
  let i = from;
  while (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d) i += 1;
  let value = 0;
  let digits = 0;
  for (; i < bytes.length && (bytes[i] as number) >= 0x30 && (bytes[i] as number) <= 0x39; i += 1) {
    value = value * 10 + ((bytes[i] as number) - 0x30);
    digits += 1;
  }
  const next = bytes[i];
  const ends = next === comma || next === 0x7d || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
  return digits > 0 && digits <= 16 && ends && Number.isSafeInteger(value) ? value : null;
}
