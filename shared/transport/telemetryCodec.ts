// Binary encoding of a TelemetryFrame for WebSocket messages: a small header, the sample times, then aligned Float32 data.
import type { TelemetryFrame } from '../domain/telemetry.ts';

/**
 * Little-endian layout (every section starts where its element size divides the offset):
 *   0  u32  magic "VLTF"          4  u16  format version (1)    6  u16  group count G
 *   8  u32  subscription version 12  u32  sample count S
 *  16  u32 × G  float count of each group
 *   …  padding to a multiple of 8
 *   …  f64 × S  simTimeMs of each sample, oldest first
 *   …  f32 × (sum of group counts)  the groups, one after another
 */
export const telemetryFrameMagic = 0x46544c56;
export const telemetryFormatVersion = 1;
/** Bounds the decoder enforces before allocating anything. */
export const telemetryCodecLimits = { groups: 16, samples: 100_000, floats: 16_000_000 } as const;

const fixedHeaderBytes = 16;
const align8 = (n: number): number => (n + 7) & ~7;

export function encodeTelemetryFrame(frame: TelemetryFrame): Uint8Array<ArrayBuffer> {
  const groups = frame.groups;
  const samples = frame.simTimeMs.length;
  const timesAt = align8(fixedHeaderBytes + 4 * groups.length);
  let floats = 0;
  for (const group of groups) floats += group.length;
  const buffer = new ArrayBuffer(timesAt + 8 * samples + 4 * floats);
  const view = new DataView(buffer);
  view.setUint32(0, telemetryFrameMagic, true);
  view.setUint16(4, telemetryFormatVersion, true);
  view.setUint16(6, groups.length, true);
  view.setUint32(8, frame.version >>> 0, true);
  view.setUint32(12, samples, true);
  groups.forEach((group, g) => view.setUint32(fixedHeaderBytes + 4 * g, group.length, true));
  new Float64Array(buffer, timesAt, samples).set(frame.simTimeMs);
  let at = timesAt + 8 * samples;
  for (const group of groups) {
    new Float32Array(buffer, at, group.length).set(group);
    at += 4 * group.length;
  }
  return new Uint8Array(buffer);
}

export type DecodeResult = { ok: true; frame: TelemetryFrame } | { ok: false; error: string };

/**
 * Checks every length against the message size before reading; refuses anything that is not exactly one frame.
 * Groups are views on the message's buffer when it is aligned (the browser's ArrayBuffer), copies otherwise.
 */
export function decodeTelemetryFrame(data: ArrayBuffer | ArrayBufferView): DecodeResult {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  // Aligned typed-array views need the frame to start on an 8-byte boundary of its buffer.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const buffer = aligned.buffer as ArrayBuffer;
  const base = aligned.byteOffset;
  const size = aligned.byteLength;
  if (size < fixedHeaderBytes) return fail(`a telemetry frame needs at least ${fixedHeaderBytes} bytes, got ${size}`);
  const view = new DataView(buffer, base, size);
  if (view.getUint32(0, true) !== telemetryFrameMagic) return fail('not a telemetry frame (bad magic number)');
  const format = view.getUint16(4, true);
  if (format !== telemetryFormatVersion) return fail(`unsupported telemetry frame format ${format}`);
  const groupCount = view.getUint16(6, true);
  const version = view.getUint32(8, true);
  const samples = view.getUint32(12, true);
  if (groupCount > telemetryCodecLimits.groups) return fail(`too many groups (${groupCount})`);
  if (samples > telemetryCodecLimits.samples) return fail(`too many samples (${samples})`);
  const timesAt = align8(fixedHeaderBytes + 4 * groupCount);
  if (size < timesAt + 8 * samples) return fail('frame is shorter than its header says');
  const counts: number[] = [];
  let floats = 0;
  for (let g = 0; g < groupCount; g++) {
    const count = view.getUint32(fixedHeaderBytes + 4 * g, true);
    if (samples === 0 ? count !== 0 : count % samples !== 0) return fail(`group ${g} holds ${count} values, not a whole number per sample`);
    counts.push(count);
    floats += count;
  }
  if (floats > telemetryCodecLimits.floats) return fail(`too many values (${floats})`);
  if (size !== timesAt + 8 * samples + 4 * floats) return fail(`frame is ${size} bytes but its header describes ${timesAt + 8 * samples + 4 * floats}`);
  const simTimeMs = Array.from(new Float64Array(buffer, base + timesAt, samples));
  for (let s = 0; s < samples; s++) {
    const t = simTimeMs[s]!;
    if (!Number.isFinite(t) || t < 0 || (s > 0 && t < simTimeMs[s - 1]!)) return fail('sample times must be finite, non-negative and in order');
  }
  const groups: Float32Array[] = [];
  let at = base + timesAt + 8 * samples;
  for (const count of counts) {
    groups.push(new Float32Array(buffer, at, count));
    at += 4 * count;
  }
  return { ok: true, frame: { version, simTimeMs, groups } };
}

function fail(error: string): DecodeResult {
  return { ok: false, error };
}
